"""Fixtures shared by the tests.

pytest-django imports config.settings without .env (only manage.py and the WSGI/ASGI entry
points load it) and in development mode ([tool.pytest_env] in pyproject.toml). Tests of the
settings themselves evaluate config/settings.py afresh, in an environment they give explicitly
(load_settings, django_command).
"""

import os
import runpy
import subprocess
import sys
from collections.abc import Callable{% if cookiecutter.ml_model %}, Iterator{% endif %}
from pathlib import Path
from typing import Any

import pytest
{%- if cookiecutter.ml_model %}
from django.test import override_settings
{%- endif %}
from pytest_django import Settings
{%- if cookiecutter.ml_model %}

from {{ cookiecutter.project_slug }}.ml.train import train
{%- endif %}

ROOT = Path(__file__).resolve().parent.parent
# What every fresh evaluation of the settings needs besides the test's own environment:
{%- if cookiecutter.database == "postgresql" %}
# the database (production settings refuse to load without DATABASE_URL).
BASE_ENVIRONMENT = {"DATABASE_URL": os.environ["DATABASE_URL"]}
{%- else %}
# nothing, as the database defaults to SQLite.
BASE_ENVIRONMENT: dict[str, str] = {}
{%- endif %}


@pytest.fixture(autouse=True)
def _static_urls_without_collectstatic(settings: Settings) -> None:
    """Build static URLs without the manifest that collectstatic writes."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
{%- if cookiecutter.ml_model %}


@pytest.fixture(scope="session", autouse=True)
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Train the model once, into a temporary folder that MODEL_DIR names for the whole session.

    So no test trains again, and none writes to the project's models/ (config.wsgi, which the
    tests import, loads the model).
    """
    directory = tmp_path_factory.mktemp("models")
    train(directory)
    with override_settings(MODEL_DIR=directory):
        yield directory
{%- endif %}


@pytest.fixture
def load_settings(monkeypatch: pytest.MonkeyPatch) -> Callable[..., dict[str, Any]]:
    """Return a function that evaluates config/settings.py in the given environment only.

    Only BASE_ENVIRONMENT is added, unless the test gives those variables too.
    """

    def load(**environment: str) -> dict[str, Any]:
        for name in list(os.environ):
            monkeypatch.delenv(name)
        for name, value in (BASE_ENVIRONMENT | environment).items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(ROOT / "config" / "settings.py"))

    return load


@pytest.fixture
def django_command() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Return a function that runs a Django command in a new process, in the given environment."""

    def run(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - the tests' own arguments, no shell
            [sys.executable, "-m", "django", *args],
            cwd=ROOT,
            env={"DJANGO_SETTINGS_MODULE": "config.settings", **BASE_ENVIRONMENT, **environment},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    return run
