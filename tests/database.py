"""A fresh PostgreSQL database for each variant that uses one.

The server is the one ``TEST_POSTGRES_URL`` names (default: the local server, user postgres); the
harness needs a user that may create databases there. Each database is dropped at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def admin_connection() -> psycopg.Connection:
    try:
        return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"PostgreSQL at {ADMIN_URL} is not reachable (start it, or set TEST_POSTGRES_URL "
            f"to a server where this user may create databases): {error}",
            pytrace=False,
        )


def drop(connection: psycopg.Connection, name: str) -> None:
    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    connection.execute(statement)


@contextmanager
def fresh_database(name: str) -> Iterator[str]:
    """Create the empty database ``name`` (dropping a leftover first); yield its URL."""
    with admin_connection() as connection:
        drop(connection, name)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(urlsplit(ADMIN_URL)._replace(path=f"/{name}"))
    finally:
        with admin_connection() as connection:
            drop(connection, name)
