"""Helpers for the tests: the database under test, and the pages with forms."""
{%- set postgresql = cookiecutter.database == "postgresql" %}

{% if postgresql -%}
import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
{%- else -%}
import re
{%- endif %}

from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, inspect{% if postgresql %}, make_url{% endif %}, text
{%- if postgresql %}
from sqlalchemy.ext.asyncio import create_async_engine
{%- else %}
from sqlalchemy.pool import NullPool
{%- endif %}

{% if postgresql -%}
from {{ cookiecutter.project_slug }}.database import upgrade

{% endif -%}
{% if cookiecutter.auth -%}
PASSWORD = "correct horse battery staple"
{% endif -%}
CSRF_INPUT = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def csrf_token(client: TestClient, path: str) -> str:
    """Open the page at ``path`` as a browser would (it sets the cookie) and return its token."""
    response = client.get(path)
    assert response.status_code == 200
    found = CSRF_INPUT.search(response.text)
    assert found, f"no CSRF field in {path}"
    return found.group(1)


def blocking_engine(url: str) -> Engine:
    """Return an engine for the tests' own queries on the app's database (``url``)."""
{%- if postgresql %}
    return create_engine(url)  # psycopg serves blocking code as well as the app's async engine
{%- else %}
    return create_engine(url.replace("sqlite+aiosqlite:", "sqlite:", 1), poolclass=NullPool)
{%- endif %}


def count_rows(engine: Engine, table: str) -> int:
    """Return the number of rows of ``table``."""
    with engine.connect() as connection:
        query = text(f"SELECT count(*) FROM {table}")  # noqa: S608 (the tests' own table names)
        return int(connection.execute(query).scalar_one())


def table_names(database: Engine | Connection) -> set[str]:
    """Return the names of the app's tables in the database (not Alembic's own)."""
    return set(inspect(database).get_table_names()) - {"alembic_version"}
{%- if postgresql %}


def create_test_database(url: str) -> str:
    """Create a fresh, migrated test_<name> database beside the one of ``url``; return its URL.

    A test database left over by an interrupted run is dropped first.
    """
    server = make_url(url)
    test_url = server.set(database=f"test_{server.database}").render_as_string(hide_password=False)
    drop_test_database(test_url)
    with outside_transactions(url) as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {quoted(connection, test_url)}")
    asyncio.run(migrate(test_url))
    return test_url


def drop_test_database(url: str) -> None:
    """Drop the database of ``url``, closing the connections left to it."""
    with outside_transactions(url) as connection:
        name = quoted(connection, url)
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def empty_tables(url: str) -> None:
    """Delete the rows of every table but Alembic's, and restart their ids at 1."""
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = sorted(table_names(connection))
        if tables:
            names = ", ".join(connection.dialect.identifier_preparer.quote(t) for t in tables)
            connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY")
    engine.dispose()


@contextmanager
def outside_transactions(url: str) -> Iterator[Connection]:
    """Connect to the server of ``url`` in autocommit mode, as CREATE and DROP DATABASE need.

    The connection is to the server's ``postgres`` database, as Django's test runner does.
    """
    maintenance = make_url(url).set(database="postgres")
    engine = create_engine(maintenance, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def quoted(connection: Connection, url: str) -> str:
    """Return the name of the database of ``url``, quoted for SQL."""
    return connection.dialect.identifier_preparer.quote(str(make_url(url).database))


async def migrate(url: str) -> None:
    """Apply the migrations to the database of ``url``, as the app does in development."""
    engine = create_async_engine(url)
    await upgrade(engine)
    await engine.dispose()
{%- endif %}
