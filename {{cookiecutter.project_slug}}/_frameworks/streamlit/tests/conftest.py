"""Every test runs with an explicit configuration: never the developer's environment or .env."""

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }}.settings import Settings, get_settings

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "streamlit_app.py"
TIMEOUT = 30  # seconds: the first run imports plotly and reads the data set
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
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Hide the settings' variables and ``.env``, and undo any logging set-up afterwards.

    An option's fixtures set its own variables again, for the test, once this has run.
    """
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    st.cache_resource.clear()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    get_settings.cache_clear()
    st.cache_resource.clear()


@pytest.fixture
def fresh_app() -> AppTest:
    """The app before its first run, its session empty."""
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


@pytest.fixture
def first_session_state() -> dict[str, object]:
    """What ``app`` puts in the session before its first run: an option's fixtures may add to it."""
    return {}


@pytest.fixture
def app(fresh_app: AppTest, first_session_state: dict[str, object]) -> AppTest:
    """The app as a visitor first sees it."""
    for key, value in first_session_state.items():
        fresh_app.session_state[key] = value
    return fresh_app.run()
