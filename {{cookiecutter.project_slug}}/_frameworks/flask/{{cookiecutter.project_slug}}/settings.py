"""Settings read from the environment and the ``.env`` file."""

import secrets
{%- if cookiecutter.ml_model or ((cookiecutter.auth or cookiecutter.forms) and cookiecutter.database == "sqlite") %}
from pathlib import Path
{%- endif %}
from typing import Annotated, Literal, Self

from pydantic import {% if cookiecutter.auth or cookiecutter.forms %}AfterValidator, {% endif %}BeforeValidator, {% if cookiecutter.auth or cookiecutter.forms %}Field, {% endif %}PositiveInt, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
{%- if cookiecutter.ml_model %}

from .ml.train import DEFAULT_MODEL_DIR
{%- endif %}

PROJECT_NAME = "{{ cookiecutter.project_name }}"
# The value .env.example ships with; never a usable secret.
PLACEHOLDER = "change-me"
MIN_SECRET_LENGTH = 32

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
{%- if cookiecutter.auth or cookiecutter.forms %}


def use_psycopg(url: str) -> str:
    """Give a PostgreSQL URL the psycopg (3) driver, which SQLAlchemy does not pick by itself.

    Compose, Kubernetes and most hosts give ``postgresql://...``, Heroku ``postgres://...``;
    SQLAlchemy reads both as ``postgresql+psycopg://...``. Other URLs are left as they are.
    """
    scheme, separator, rest = url.partition("://")
    if separator and scheme in {"postgres", "postgresql"}:
        return f"postgresql+psycopg://{rest}"
    return url


DatabaseUrl = Annotated[str, AfterValidator(use_psycopg)]
{%- endif %}


class Settings(BaseSettings):
    """The application's settings; each field is read from the variable of the same name."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        # .env may hold variables for other programs, such as PORT for gunicorn.
        extra="ignore",
        # A rejected SECRET_KEY must not end up in the logs.
        hide_input_in_errors=True,
    )

    environment: Literal["development", "production"] = "development"
    secret_key: SecretStr = SecretStr("")
    log_level: Annotated[LogLevel, BeforeValidator(lambda value: str(value).upper())] = "INFO"
    # Bodies over this many bytes are refused (413) before they are read.
    max_content_length: PositiveInt = 1024 * 1024
{%- if cookiecutter.auth or cookiecutter.forms %}
{%- if cookiecutter.database == "postgresql" %}
    # The PostgreSQL server: required. Kept out of repr: the URL holds a password.
    database_url: DatabaseUrl = Field(repr=False)
{%- else %}
    # SQLite in the project root by default. Kept out of repr: a URL may hold a password.
    database_url: DatabaseUrl = Field(
        default=f"sqlite:///{Path(__file__).resolve().parent.parent / 'db.sqlite3'}", repr=False
    )
{%- endif %}
{%- endif %}
{%- if cookiecutter.ml_model %}
    model_dir: Path = DEFAULT_MODEL_DIR
{%- endif %}

    @property
    def is_production(self) -> bool:
        """Whether the app runs in production."""
        return self.environment == "production"

    @model_validator(mode="after")
    def _check_secret_key(self) -> Self:
        secret = self.secret_key.get_secret_value()
        if self.is_production:
            if secret == PLACEHOLDER or len(secret) < MIN_SECRET_LENGTH:
                msg = (
                    f"SECRET_KEY must be a random string of at least {MIN_SECRET_LENGTH} "
                    f"characters in production, not missing or the {PLACEHOLDER} placeholder"
                )
                raise ValueError(msg)
        elif secret in {"", PLACEHOLDER}:
            # A fresh secret per process: safe, at the cost of sessions reset on restart.
            self.secret_key = SecretStr(secrets.token_urlsafe(MIN_SECRET_LENGTH))
        return self
