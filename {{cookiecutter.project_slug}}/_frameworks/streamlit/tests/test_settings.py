"""Settings: safe development defaults, and production's refusal of a weak secret."""

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from {{ cookiecutter.project_slug }}.settings import (
    MIN_SECRET_LENGTH,
    PLACEHOLDER,
    Settings,
    get_settings,
)

STRONG_SECRET = "s" * MIN_SECRET_LENGTH


def test_development_defaults() -> None:
    settings = Settings(_env_file=None, environment="development")

    assert settings.environment == "development"
    assert not settings.is_production
    assert settings.log_level == "INFO"
    assert settings.port == 8000
    assert settings.max_upload_mb == 10


def test_development_makes_a_random_secret_per_process() -> None:
    first = Settings(_env_file=None).secret_key.get_secret_value()
    second = Settings(_env_file=None).secret_key.get_secret_value()

    assert len(first) >= MIN_SECRET_LENGTH
    assert first != second


def test_development_accepts_the_placeholder() -> None:
    settings = Settings(_env_file=None, environment="development", secret_key=PLACEHOLDER)

    assert settings.secret_key.get_secret_value() == PLACEHOLDER


def test_production_refuses_a_missing_secret() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=None, environment="production")


@pytest.mark.parametrize(
    "secret", [PLACEHOLDER, "s" * (MIN_SECRET_LENGTH - 1)], ids=["placeholder", "short"]
)
def test_production_refuses_a_weak_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=None, environment="production", secret_key=secret)


def test_production_accepts_a_strong_secret() -> None:
    settings = Settings(_env_file=None, environment="production", secret_key=STRONG_SECRET)

    assert settings.is_production
    assert settings.secret_key.get_secret_value() == STRONG_SECRET


def test_the_secret_is_hidden_from_repr() -> None:
    settings = Settings(_env_file=None, secret_key=STRONG_SECRET)

    assert STRONG_SECRET not in repr(settings)


def test_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("PORT", "9000")

    settings = Settings(_env_file=None)

    assert settings.environment == "production"
    assert settings.log_level == "DEBUG"
    assert settings.port == 9000


def test_production_refuses_an_empty_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", "")

    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=None)


def test_reads_dot_env_in_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENVIRONMENT")
    Path(".env").write_text(f"ENVIRONMENT=production\nSECRET_KEY={STRONG_SECRET}\n")

    settings = Settings()

    assert settings.is_production
    assert settings.secret_key.get_secret_value() == STRONG_SECRET


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("environment", "staging"),
        ("log_level", "LOUD"),
        ("port", 0),
        ("port", 70000),
        ("max_upload_mb", 0),
    ],
)
def test_refuses_invalid_values(field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, **{field: value})


def test_get_settings_reads_once() -> None:
    assert get_settings() is get_settings()
    assert get_settings().environment == "test"
