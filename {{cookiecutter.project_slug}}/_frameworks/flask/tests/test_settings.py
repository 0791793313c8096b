from pathlib import Path

import pytest
from pydantic import ValidationError

from {{ cookiecutter.project_slug }}.settings import (
    MIN_SECRET_LENGTH,
    PLACEHOLDER,
    Settings,
)

STRONG_SECRET = "s" * MIN_SECRET_LENGTH


def test_defaults_are_for_development() -> None:
    settings = Settings(_env_file=None)

    assert settings.environment == "development"
    assert not settings.is_production
    assert settings.log_level == "INFO"


@pytest.mark.parametrize("secret", ["", PLACEHOLDER])
def test_development_replaces_a_missing_secret_with_a_random_one(secret: str) -> None:
    first = Settings(_env_file=None, secret_key=secret).secret_key.get_secret_value()
    second = Settings(_env_file=None, secret_key=secret).secret_key.get_secret_value()

    assert len(first) >= MIN_SECRET_LENGTH
    assert first != second


def test_development_keeps_a_given_secret() -> None:
    short = STRONG_SECRET[:8]

    settings = Settings(_env_file=None, secret_key=short)

    assert settings.secret_key.get_secret_value() == short


@pytest.mark.parametrize(
    "secret",
    ["", PLACEHOLDER, STRONG_SECRET[1:]],
    ids=["missing", "placeholder", "too-short"],
)
def test_production_refuses_a_weak_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY") as error:
        Settings(_env_file=None, environment="production", secret_key=secret)

    assert "input_value" not in str(error.value)


def test_production_accepts_a_strong_secret() -> None:
    settings = Settings(_env_file=None, environment="production", secret_key=STRONG_SECRET)

    assert settings.is_production
    assert settings.secret_key.get_secret_value() == STRONG_SECRET


def test_secret_is_hidden_from_repr() -> None:
    settings = Settings(_env_file=None, secret_key=STRONG_SECRET)

    assert STRONG_SECRET not in repr(settings)


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("LOG_LEVEL", "debug")

    settings = Settings(_env_file=None)

    assert settings.is_production
    assert settings.secret_key.get_secret_value() == STRONG_SECRET
    assert settings.log_level == "DEBUG"


def test_values_come_from_the_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=WARNING\nPORT=8000\n", encoding="utf-8")

    settings = Settings(_env_file=env_file)

    assert settings.log_level == "WARNING"


@pytest.mark.parametrize(
    ("name", "value"),
    [("ENVIRONMENT", "staging"), ("LOG_LEVEL", "LOUD"), ("MAX_CONTENT_LENGTH", "0")],
)
def test_unknown_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)

    with pytest.raises(ValidationError, match=name.lower()):
        Settings(_env_file=None)
