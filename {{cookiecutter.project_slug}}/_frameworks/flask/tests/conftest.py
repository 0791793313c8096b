"""Fixtures: an app built from explicit settings, never from the developer's environment."""

import logging
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.settings import Settings

SETTINGS_VARIABLES = ("ENVIRONMENT", "SECRET_KEY", "LOG_LEVEL")
{%- if cookiecutter.auth or cookiecutter.forms or cookiecutter.ml_model %}
# The fixtures of the app's optional parts, each in a module of its own.
pytest_plugins = [
{%- if cookiecutter.auth or cookiecutter.forms %}
    "tests.database_fixtures",
    "tests.form_fixtures",
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
def isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hide the developer's settings variables and undo the app's logging set-up."""
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None, environment="development", secret_key="d" * 32)


@pytest.fixture
def production_settings() -> Settings:
    return Settings(_env_file=None, environment="production", secret_key="p" * 32)


@pytest.fixture
def app(settings: Settings) -> Flask:
    app = create_app(settings)
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
