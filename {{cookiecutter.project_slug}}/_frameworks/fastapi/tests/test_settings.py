"""Settings: safe development defaults, and a production start refused without a real secret."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import MIN_SECRET_LENGTH, Settings

STRONG_SECRET = "s" * MIN_SECRET_LENGTH


def test_development_is_the_default() -> None:
    settings = Settings(_env_file=None)

    assert settings.environment == "development"
    assert settings.log_level == "INFO"


def test_development_makes_a_random_secret_per_process() -> None:
    first = Settings(_env_file=None).secret_key.get_secret_value()
    second = Settings(_env_file=None).secret_key.get_secret_value()

    assert len(first) >= MIN_SECRET_LENGTH
    assert first != second


def test_secret_is_hidden_from_repr() -> None:
    settings = Settings(_env_file=None, secret_key=STRONG_SECRET)

    assert STRONG_SECRET not in repr(settings)


@pytest.mark.parametrize(
    ("environment", "problem"),
    [
        ({}, "is not set"),
        ({"SECRET_KEY": ""}, "is not set"),
        ({"SECRET_KEY": "change-me"}, "is the placeholder"),
        ({"SECRET_KEY": "s" * (MIN_SECRET_LENGTH - 1)}, "is shorter than"),
    ],
    ids=["missing", "empty", "placeholder", "short"],
)
def test_production_refuses_a_weak(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], problem: str
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(ValidationError, match=f"SECRET_KEY {problem}"):
        Settings(_env_file=None)


def test_refused_secret_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    weak = "real-but-too-short"
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", weak)

    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None)

    assert weak not in str(error.value)


def test_production_refuses_to_start_the_app_without_a_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")

    with pytest.raises(ValidationError, match="SECRET_KEY"):
        create_app()


def test_production_accepts_a_strong_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)

    settings = Settings(_env_file=None)

    assert settings.secret_key.get_secret_value() == STRONG_SECRET


def test_dotenv_file_is_read_and_unrelated_keys_ignored(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        f"ENVIRONMENT=production\nSECRET_KEY={STRONG_SECRET}\nLOG_LEVEL=debug\nPORT=9000\n",
        encoding="utf-8",
    )

    settings = Settings(_env_file=dotenv)

    assert settings.environment == "production"
    assert settings.log_level == "DEBUG"


def test_environment_overrides_dotenv_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=ERROR\n", encoding="utf-8")
    monkeypatch.setenv("LOG_LEVEL", "warning")

    assert Settings().log_level == "WARNING"


@pytest.mark.parametrize(("name", "value"), [("ENVIRONMENT", "staging"), ("LOG_LEVEL", "LOUD")])
def test_unknown_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)

    with pytest.raises(ValidationError, match=name.lower()):
        Settings(_env_file=None)
