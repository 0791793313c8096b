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
{%- if cookiecutter.database == "postgresql" %}
from sqlalchemy import URL, Engine, create_engine, make_url, text
{%- endif %}
from sqlalchemy.orm import Session
{%- endif %}
from streamlit.testing.v1 import AppTest

{% if cookiecutter.auth %}from {{ cookiecutter.project_slug }} import auth, db, users
{% elif cookiecutter.forms %}from {{ cookiecutter.project_slug }} import db
{% endif -%}
{% if cookiecutter.ml_model %}from {{ cookiecutter.project_slug }}.ml.train import train
{% endif -%}
{% if (cookiecutter.auth or cookiecutter.forms) and cookiecutter.database == "postgresql" %}from {{ cookiecutter.project_slug }}.models import Base
from {{ cookiecutter.project_slug }}.settings import Settings, get_settings
{% else %}from {{ cookiecutter.project_slug }}.settings import get_settings
{% endif %}
VARIABLES = (
    "ENVIRONMENT",
    "SECRET_KEY",
    "LOG_LEVEL",
    "PORT",
    "MAX_UPLOAD_MB",
{%- if cookiecutter.auth or cookiecutter.forms %}
    "DATABASE_URL",
{%- endif %}
{%- if cookiecutter.ml_model %}
    "MODEL_DIR",
{%- endif %}
)
ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "streamlit_app.py"
TIMEOUT = 30  # seconds: the first run imports plotly and reads the data set
{%- if cookiecutter.ml_model %}


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train the model once for the whole run."""
    directory = tmp_path_factory.mktemp("model")
    train(directory)
    return directory
{%- endif %}


{%- if cookiecutter.auth or cookiecutter.forms %}
{%- if cookiecutter.database == "postgresql" %}


@pytest.fixture(scope="session")
def test_database() -> Iterator[URL]:
    """Create ``test_<name>`` on the server of ``DATABASE_URL`` for this run, as pytest-django does.

    The server is the app's (the environment wins over ``.env``); its own database is never
    touched. A database left over by an interrupted run is dropped first.
    """
    server = make_url(Settings(_env_file=ROOT / ".env", environment="test").database_url)
    url = server.set(database=f"test_{server.database}")
    admin = create_engine(db.engine_url(server.render_as_string(hide_password=False)))
    name = admin.dialect.identifier_preparer.quote(str(url.database))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
        yield url
        st.cache_resource.clear()  # closes the app's connections
        connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(scope="session")
def test_engine(test_database: URL) -> Iterator[Engine]:
    """An engine on the test database, its tables created."""
    engine = create_engine(db.engine_url(test_database.render_as_string(hide_password=False)))
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def database_url(test_database: URL, test_engine: Engine) -> Iterator[str]:
    """The test database's URL; every table is emptied after the test."""
    yield test_database.render_as_string(hide_password=False)
    Base.metadata.create_all(test_engine)  # in case the test dropped one
    with test_engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
{%- else %}


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A fresh SQLite database in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"
{%- endif %}
{%- endif %}


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
{%- if cookiecutter.auth or cookiecutter.forms %}
    database_url: str,
{%- endif %}
{%- if cookiecutter.ml_model %}
    model_dir: Path,
{%- endif %}
) -> Iterator[None]:
    """Hide the settings' variables and ``.env``, and undo any logging set-up afterwards.{% if cookiecutter.auth or cookiecutter.forms %}

    Each test starts with an empty database.
    {% endif %}"""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENVIRONMENT", "test")
{%- if cookiecutter.auth or cookiecutter.forms %}
    monkeypatch.setenv("DATABASE_URL", database_url)
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
