"""Settings read from environment variables, then from the .env file in the working directory."""

import secrets
{% if cookiecutter.ml_model -%}
from pathlib import Path
{% endif -%}
from typing import Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER = "change-me"
MIN_SECRET_LENGTH = 32


def random_secret() -> SecretStr:
    """Return a fresh secret: the development default, so no known key ever signs anything."""
    return SecretStr(secrets.token_urlsafe(48))


class Settings(BaseSettings):
    """Each field reads the environment variable of the same name in upper case."""

    # Errors name the variable but never echo its value: it may be a secret.
    model_config = SettingsConfigDict(
        env_file=".env", env_ignore_empty=True, extra="ignore", hide_input_in_errors=True
    )

    environment: Literal["development", "production"] = "development"
    secret_key: SecretStr = Field(default_factory=random_secret)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # The largest request body accepted, in bytes: a larger one gets a 413 answer.
    max_body_size: int = Field(default=1024 * 1024, ge=0)
{%- if cookiecutter.auth or cookiecutter.forms %}
{%- if cookiecutter.database == "postgresql" %}
    # The PostgreSQL server, as postgresql://user:password@host:port/name (no default: .env
    # has the one of compose.yaml's db service).
    database_url: str
{%- else %}
    # An async driver: sqlite+aiosqlite:///<file> (relative to the working directory).
    database_url: str = "sqlite+aiosqlite:///db.sqlite3"
{%- endif %}
{%- endif %}
{%- if cookiecutter.auth %}
    access_token_expire_minutes: int = Field(default=30, gt=0)
{%- endif %}
{%- if cookiecutter.ml_model %}
    model_dir: Path = Path("models")
{%- endif %}

    @property
    def is_production(self) -> bool:
        """Whether this is a production run (strict secrets, JSON logs, Secure cookies)."""
        return self.environment == "production"

{%- if (cookiecutter.auth or cookiecutter.forms) and cookiecutter.database == "postgresql" %}

    @field_validator("database_url")
    @classmethod
    def use_psycopg(cls, url: str) -> str:
        """Map the plain URL that platforms give (postgres:// or postgresql://) to psycopg 3.

        SQLAlchemy's psycopg dialect serves both the app's async engine and blocking code.
        """
        scheme, separator, rest = url.partition("://")
        if separator and scheme in {"postgres", "postgresql"}:
            return f"postgresql+psycopg://{rest}"
        return url
{%- endif %}

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, value: object) -> object:
        """Accept the level in any case, as the logging module names it in upper case."""
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def refuse_weak_secret_in_production(self) -> Self:
        """Stop a production start with a missing, placeholder or short SECRET_KEY."""
        if not self.is_production:
            return self
        secret = self.secret_key.get_secret_value()
        if "secret_key" not in self.model_fields_set:
            problem = "is not set"
        elif secret == PLACEHOLDER:
            problem = f"is the placeholder {PLACEHOLDER!r}"
        elif len(secret) < MIN_SECRET_LENGTH:
            problem = f"is shorter than {MIN_SECRET_LENGTH} characters"
        else:
            return self
        msg = (
            f"SECRET_KEY {problem}: production needs a random secret of {MIN_SECRET_LENGTH} "
            "characters or more; make one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
        raise ValueError(msg)
