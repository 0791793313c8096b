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
