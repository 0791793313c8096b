"""Settings read from the environment and from ``.env``."""

from __future__ import annotations

import functools
import secrets
{%- if cookiecutter.ml_model %}
from pathlib import Path
{%- endif %}
from typing import Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_NAME = "{{ cookiecutter.project_name }}"

PLACEHOLDER = "change-me"  # the secret in .env.example
MIN_SECRET_LENGTH = 32

Environment = Literal["development", "test", "production"]
LogLevel = Literal["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"]


class Settings(BaseSettings):
    """The app's configuration; production refuses to start with a weak ``SECRET_KEY``."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", env_ignore_empty=True, extra="ignore"
    )

    environment: Environment = "development"
    # Streamlit signs its cookies with it (server.cookieSecret): same value on every replica.
    secret_key: SecretStr = Field(default_factory=lambda: SecretStr(secrets.token_urlsafe(32)))
    log_level: LogLevel = "INFO"
    port: int = Field(default=8000, ge=1, le=65535)
    # The largest file st.file_uploader accepts, in megabytes (server.maxUploadSize).
    max_upload_mb: int = Field(default=10, ge=1, le=1024)
{%- if cookiecutter.auth or cookiecutter.forms %}
{%- if cookiecutter.database == "postgresql" %}
    # Required: postgresql://user:password@host:port/name, as compose, Heroku and Kubernetes
    # give it (db.engine_url picks the psycopg driver).
    database_url: str
{%- else %}
    # A SQLAlchemy URL; the default is a SQLite file in the working directory.
    database_url: str = "sqlite:///db.sqlite3"
{%- endif %}
{%- endif %}
{%- if cookiecutter.ml_model %}
    # Where model.skops and model.json live (the training command's default folder); the
    # Predict page trains the model there first if they are missing.
    model_dir: Path = Path("models")
{%- endif %}

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _require_strong_secret_in_production(self) -> Self:
        if self.environment != "production":
            return self
        secret = self.secret_key.get_secret_value()
        if (
            "secret_key" not in self.model_fields_set
            or secret == PLACEHOLDER
            or len(secret) < MIN_SECRET_LENGTH
        ):
            msg = (
                f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} "
                f"characters in production (not {PLACEHOLDER!r}); make one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
            raise ValueError(msg)
        return self

    @property
    def is_production(self) -> bool:
        """Whether the app runs in production (JSON logs, strict secret)."""
        return self.environment == "production"


@functools.cache
def get_settings() -> Settings:
    """Return the settings, read once per process."""
    return Settings()
