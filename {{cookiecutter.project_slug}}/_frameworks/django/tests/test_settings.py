"""Settings come from the environment; production refuses an unsafe configuration."""

import secrets
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parent.parent
PROJECT_NAME = "{{ cookiecutter.project_name }}"
LoadSettings = Callable[..., dict[str, Any]]


def test_development_defaults(load_settings: LoadSettings) -> None:
    settings = load_settings()

    assert settings["ENVIRONMENT"] == "development"
    assert settings["DEBUG"] is True
    assert len(settings["SECRET_KEY"]) >= 50
    assert settings["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
{%- if cookiecutter.database == "postgresql" %}
    # The tests' DATABASE_URL (BASE_ENVIRONMENT in conftest.py), with persistent connections.
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert settings["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
{%- else %}
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASES"]["default"]["NAME"] == str(ROOT / "db.sqlite3")
{%- endif %}
    assert settings["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 1024 * 1024
    assert settings["LOG_LEVEL"] == "INFO"
    assert "SECURE_SSL_REDIRECT" not in settings
    assert settings["PROJECT_NAME"] == PROJECT_NAME


@pytest.mark.parametrize("secret", ["", "change-me"])
def test_development_without_a_secret_makes_one_per_process(
    load_settings: LoadSettings, secret: str
) -> None:
    first = load_settings(SECRET_KEY=secret)["SECRET_KEY"]
    second = load_settings(SECRET_KEY=secret)["SECRET_KEY"]

    assert len(first) >= 50
    assert first != second


def test_settings_from_the_environment(load_settings: LoadSettings, tmp_path: Path) -> None:
    settings = load_settings(
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="example.com,www.example.com",
        CSRF_TRUSTED_ORIGINS="https://example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'other.sqlite3'}",
        LOG_LEVEL="debug",
        DATA_UPLOAD_MAX_MEMORY_SIZE="4096",
    )

    assert settings["ALLOWED_HOSTS"] == ["example.com", "www.example.com"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://example.com"]
    assert settings["DATABASES"]["default"]["NAME"] == str(tmp_path / "other.sqlite3")
    assert settings["LOG_LEVEL"] == "DEBUG"
    assert settings["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 4096
{%- if cookiecutter.database == "postgresql" %}


def test_postgresql_url(load_settings: LoadSettings) -> None:
    settings = load_settings(DATABASE_URL="postgresql://app:s3cret@db.example.com:6432/orders")
    database = settings["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["USER"], database["PASSWORD"]) == ("app", "s3cret")
    assert (database["HOST"], database["PORT"]) == ("db.example.com", 6432)
    assert database["NAME"] == "orders"


def test_production_refuses_a_missing_database_url(load_settings: LoadSettings) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        load_settings(
            ENVIRONMENT="production", SECRET_KEY=secrets.token_urlsafe(48), DATABASE_URL=""
        )
{%- endif %}


def test_unknown_environment_is_refused(load_settings: LoadSettings) -> None:
    with pytest.raises(ImproperlyConfigured, match="ENVIRONMENT"):
        load_settings(ENVIRONMENT="staging")


@pytest.mark.parametrize("secret", [None, "", "change-me", "x" * 31], ids=repr)
def test_production_refuses_a_missing_placeholder_or_short_secret(
    load_settings: LoadSettings, secret: str | None
) -> None:
    environment = {"ENVIRONMENT": "production"}
    if secret is not None:
        environment["SECRET_KEY"] = secret

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(**environment)


def test_production_settings(load_settings: LoadSettings) -> None:
    secret = secrets.token_urlsafe(24)  # 32 characters, the shortest accepted
    settings = load_settings(ENVIRONMENT="production", SECRET_KEY=secret)

    assert settings["SECRET_KEY"] == secret
    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] > 0
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True


def test_production_over_plain_http(load_settings: LoadSettings) -> None:
    settings = load_settings(
        ENVIRONMENT="production", SECRET_KEY=secrets.token_urlsafe(48), SECURE_SSL_REDIRECT="false"
    )

    assert settings["SECURE_SSL_REDIRECT"] is False


def test_deploy_check_passes_in_production(
    django_command: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    result = django_command(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        ENVIRONMENT="production",
        SECRET_KEY=secrets.token_urlsafe(48),
    )

    assert result.returncode == 0, result.stderr
