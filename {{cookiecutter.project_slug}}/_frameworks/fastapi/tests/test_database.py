"""Migrations: one linear history that matches the models, applied when they should be."""

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy.dialects import sqlite

from {{ cookiecutter.project_slug }}.database import ALEMBIC_INI, UTCDateTime
from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings

TABLES = {
{%- if cookiecutter.auth %}
    "users",
{%- endif %}
{%- if cookiecutter.forms %}
    "contact_messages",
{%- endif %}
}

DIALECT = sqlite.dialect()


def tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows} - {"alembic_version"}


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point the alembic command at a fresh SQLite file, as DATABASE_URL does."""
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    return path


def test_the_history_is_one_line() -> None:
    script = ScriptDirectory.from_config(Config(ALEMBIC_INI))

    revisions = list(script.walk_revisions())

    assert len(script.get_heads()) == 1
    assert [r.revision for r in revisions if r.down_revision is None] == [revisions[-1].revision]


def test_the_command_line_upgrades_and_downgrades(database: Path) -> None:
    config = Config(ALEMBIC_INI)

    command.upgrade(config, "head")
    assert tables(database) == TABLES
    # The models and the migrations describe the same tables: no migration is missing.
    command.check(config)

    command.downgrade(config, "base")
    assert tables(database) == set()


def test_the_offline_mode_writes_the_sql(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command.upgrade(Config(ALEMBIC_INI), "head", sql=True)

    sql = capsys.readouterr().out
    assert all(f"CREATE TABLE {table}" in sql for table in TABLES)
    assert not database.exists()


def test_development_migrates_at_start_up(settings: Settings, tmp_path: Path) -> None:
    with TestClient(create_app(settings)):
        assert tables(tmp_path / "test.sqlite3") == TABLES


def test_production_leaves_migrations_to_the_release_step(
    settings: Settings, tmp_path: Path
) -> None:
    production = settings.model_copy(update={"environment": "production"})

    with TestClient(create_app(production)) as client:
        assert client.get("/healthz").status_code == 200

    assert tables(tmp_path / "test.sqlite3") == set()


def test_times_are_stored_and_read_in_utc() -> None:
    column = UTCDateTime()
    paris = datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=1)))

    stored = column.process_bind_param(paris, DIALECT)
    as_sqlite_returns_it = datetime(2026, 1, 1, 11, tzinfo=UTC).replace(tzinfo=None)
    naive = column.process_result_value(as_sqlite_returns_it, DIALECT)

    assert stored == paris
    assert stored is not None
    assert stored.tzinfo == UTC
    assert naive == datetime(2026, 1, 1, 11, tzinfo=UTC)
    assert column.process_bind_param(None, None) is None  # type: ignore[arg-type]
    assert column.process_result_value(paris, None) == paris  # type: ignore[arg-type]
