"""Fixtures: each test starts with an empty database, which DATABASE_URL names."""

from collections.abc import Iterator
from pathlib import Path
{%- if cookiecutter.database == "postgresql" %}

import pytest
import streamlit as st
from sqlalchemy import URL, Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }} import db
from {{ cookiecutter.project_slug }}.models import Base
from {{ cookiecutter.project_slug }}.settings import Settings

ENV_FILE = Path(__file__).resolve().parent.parent / ".env"


@pytest.fixture(scope="session")
def test_database() -> Iterator[URL]:
    """Create ``test_<name>`` on the server of ``DATABASE_URL`` for this run, as pytest-django does.

    The server is the app's (the environment wins over ``.env``); its own database is never
    touched. A database left over by an interrupted run is dropped first.
    """
    server = make_url(Settings(_env_file=ENV_FILE, environment="test").database_url)
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

import pytest
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }} import db


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A fresh SQLite database in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"
{%- endif %}


@pytest.fixture(autouse=True)
def database_environment(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    isolated: None,  # noqa: ARG001 (it hides DATABASE_URL: this sets it after)
) -> None:
    """Point the app at the test's database."""
    monkeypatch.setenv("DATABASE_URL", database_url)


@pytest.fixture
def session() -> Iterator[Session]:
    """A session on the test's database, tables created."""
    with db.new_session() as session:
        yield session
