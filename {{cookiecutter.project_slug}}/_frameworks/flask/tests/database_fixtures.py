{%- if cookiecutter.database == "postgresql" -%}
"""Fixtures: a test database on the PostgreSQL server of DATABASE_URL, emptied after each test.

As pytest-django does: the run creates ``test_<name>`` beside the database of DATABASE_URL (the
environment wins over .env), dropping one left over by an interrupted run, migrates it once,
empties its tables after each test, and drops it at the end. The user of DATABASE_URL must be
allowed to create databases (the compose server's user is).
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from flask_migrate import upgrade
from pydantic import ValidationError
from sqlalchemy import URL, Engine, NullPool, create_engine, event, inspect, make_url, text
from sqlalchemy.engine.interfaces import DBAPIConnection

from {{ cookiecutter.project_slug }}.extensions import db, migrate
from {{ cookiecutter.project_slug }}.settings import Settings


@contextmanager
def connections_closed_after() -> Iterator[None]:
    """Close the connections opened inside the block (Python warns of those left open)."""
    opened: list[DBAPIConnection] = []

    def remember(connection: DBAPIConnection, _record: object) -> None:
        opened.append(connection)

    event.listen(Engine, "connect", remember)
    try:
        yield
    finally:
        event.remove(Engine, "connect", remember)
        for connection in opened:
            connection.close()


def server_url() -> URL:
    """The URL of the database that DATABASE_URL names."""
    try:
        url = Settings(environment="development").database_url
    except ValidationError:
        pytest.fail("the tests need DATABASE_URL: start the server with `docker compose up -d db`")
    return make_url(url)


def migrate_to_head(url: str) -> None:
    """Apply the migrations to the database at ``url``, as the release step does."""
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    db.init_app(app)
    migrate.init_app(app, db)
    with app.app_context():
        upgrade()
        db.engine.dispose()


def empty(engine: Engine, url: str) -> None:
    """Empty the tables of the test database; build its schema again if a test changed it."""
    tables = db.metadata.tables
    with engine.begin() as connection:
        if set(inspect(connection).get_table_names()) == {*tables, "alembic_version"}:
            names = ", ".join(connection.dialect.identifier_preparer.quote(t) for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrate_to_head(url)


@pytest.fixture(scope="session")
def test_database() -> Iterator[tuple[Engine, str]]:
    """Create and migrate the test database; drop it at the end of the run."""
    server = server_url()
    name = f"test_{server.database}"
    url = server.set(database=name).render_as_string(hide_password=False)
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    quoted = admin.dialect.identifier_preparer.quote(name)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {quoted}"))
    migrate_to_head(url)
    engine = create_engine(url, poolclass=NullPool)
    yield engine, url
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, test_database: tuple[Engine, str]) -> Iterator[None]:
    """Point the app at the test database, migrated and empty; empty it again after the test."""
    engine, url = test_database
    monkeypatch.setenv("DATABASE_URL", url)
    with connections_closed_after():
        yield
    empty(engine, url)
{%- else -%}
"""Fixtures: a database of its own for each test, built by the migrations."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Point the app at a new SQLite file, which it migrates when it starts in development.

    The connections that the test's apps opened are closed at the end (Python warns otherwise).
    """
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.sqlite3'}")
    opened: list[DBAPIConnection] = []

    def remember(connection: DBAPIConnection, _record: object) -> None:
        opened.append(connection)

    event.listen(Engine, "connect", remember)
    yield
    event.remove(Engine, "connect", remember)
    for connection in opened:
        connection.close()
{%- endif %}
