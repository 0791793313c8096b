"""Every test runs with an explicit configuration: never the developer's environment or .env."""

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
{%- if cookiecutter.auth %}
from argon2 import PasswordHasher
{%- endif %}
{%- if cookiecutter.auth or cookiecutter.forms %}
from sqlalchemy.orm import Session
{%- endif %}
from streamlit.testing.v1 import AppTest

{% if cookiecutter.auth %}from {{ cookiecutter.project_slug }} import auth, db, users
{% elif cookiecutter.forms %}from {{ cookiecutter.project_slug }} import db
{% endif -%}
{% if cookiecutter.ml_model %}from {{ cookiecutter.project_slug }}.ml.train import train
{% endif -%}
from {{ cookiecutter.project_slug }}.settings import get_settings

VARIABLES = ("ENVIRONMENT", "SECRET_KEY", "LOG_LEVEL", "PORT"{% if cookiecutter.auth or cookiecutter.forms %}, "DATABASE_URL"{% endif %}{% if cookiecutter.ml_model %}, "MODEL_DIR"{% endif %})
APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
TIMEOUT = 30  # seconds: the first run imports plotly and reads the data set
{%- if cookiecutter.ml_model %}


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train the model once for the whole run."""
    directory = tmp_path_factory.mktemp("model")
    train(directory)
    return directory
{%- endif %}


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path{% if cookiecutter.ml_model %}, model_dir: Path{% endif %}) -> Iterator[None]:
    """Hide the settings' variables and ``.env``, and undo any logging set-up afterwards.{% if cookiecutter.auth or cookiecutter.forms %}

    Each test gets a fresh database in its temporary folder.
    {% endif %}"""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENVIRONMENT", "test")
{%- if cookiecutter.auth or cookiecutter.forms %}
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.sqlite3'}")
{%- endif %}
{%- if cookiecutter.ml_model %}
    monkeypatch.setenv("MODEL_DIR", str(model_dir))
{%- endif %}
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
{%- if cookiecutter.auth %}


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash with argon2's cheapest parameters: the tests check behaviour, not cost."""
    monkeypatch.setattr(users, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    users.dummy_hash.cache_clear()
{%- endif %}
{%- if cookiecutter.auth or cookiecutter.forms %}


@pytest.fixture
def session() -> Iterator[Session]:
    """A session on the test's database, tables created."""
    with db.new_session() as session:
        yield session
{%- endif %}


@pytest.fixture
def fresh_app() -> AppTest:
    """The app before its first run{% if cookiecutter.auth %}, with nobody signed in{% endif %}."""
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


@pytest.fixture
def app(fresh_app: AppTest) -> AppTest:
    """The app as a {% if cookiecutter.auth %}signed-in {% endif %}visitor first sees it."""
{%- if cookiecutter.auth %}
    # Signed in as the sign-in page does it; tests/test_sign_in_page.py covers the real flow.
    fresh_app.session_state[auth.USERNAME_KEY] = "alice"
{%- endif %}
    return fresh_app.run()
