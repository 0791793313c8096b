"""Fixtures: each test has a database of its own, which DATABASE_URL names."""

from collections.abc import Callable, Iterator
{%- if cookiecutter.database == "postgresql" %}

import pytest
from sqlalchemy import Engine

from {{ cookiecutter.project_slug }}.settings import Settings
from tests import helpers


@pytest.fixture(scope="session")
def test_database() -> Iterator[str]:
    """Create test_<name> on the server of DATABASE_URL, migrate it, and drop it at the end.

    As pytest-django does: the tests never touch the database the app uses. DATABASE_URL comes
    from the environment, else from .env (compose.yaml's db service).
    """
    url = helpers.create_test_database(Settings().database_url)
    yield url
    helpers.drop_test_database(url)


@pytest.fixture
def database_url(test_database: str) -> Iterator[str]:
    """Return the URL of the test database; its tables are emptied after each test."""
    yield test_database
    helpers.empty_tables(test_database)
{%- else %}
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests import helpers


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Return a fresh SQLite file per test; the app migrates it at start-up, as in development."""
    return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
{%- endif %}


@pytest.fixture(autouse=True)
def database_environment(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    isolated: None,  # noqa: ARG001 (it hides DATABASE_URL: this sets it after)
) -> None:
    """DATABASE_URL names the test's database, for the settings and the alembic command."""
    monkeypatch.setenv("DATABASE_URL", database_url)


@pytest.fixture
def database(database_url: str) -> Iterator[Engine]:
    """Return an engine on the test's database, for the tests' own queries."""
    engine = helpers.blocking_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def count_rows(database: Engine) -> Callable[[str], int]:
    """Return a function that counts the rows of a table of the test database."""
    return lambda table: helpers.count_rows(database, table)
