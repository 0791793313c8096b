"""Fixtures: settings built explicitly, an app made from them and a client that runs it."""

import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings
{%- if cookiecutter.auth or cookiecutter.forms or cookiecutter.ml_model %}

# The fixtures of the app's optional parts, each in a module of its own.
pytest_plugins = [
{%- if cookiecutter.auth or cookiecutter.forms %}
    "tests.database_fixtures",
{%- endif %}
{%- if cookiecutter.auth %}
    "tests.auth_fixtures",
{%- endif %}
{%- if cookiecutter.ml_model %}
    "tests.ml_fixtures",
{%- endif %}
]
{%- endif %}


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's environment variables and .env file out of every test.

    An option's fixtures set its own variables again, for the test, once this has run.
    """
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def restored_logging() -> Iterator[None]:
    """Undo the logging set-up that a test's app made."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def settings() -> Settings:
    """Return development settings that nothing outside the test can change.

    An option's variables come from the environment, which its fixtures set for the test.
    """
    return Settings(
        _env_file=None,
        environment="development",
        secret_key=secrets.token_urlsafe(48),
        log_level="INFO",
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    """Return an app built from the test settings."""
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """Return a client for the app, with its lifespan running; it shows redirects, not follows."""
    with TestClient(app, follow_redirects=False) as client:
        yield client
