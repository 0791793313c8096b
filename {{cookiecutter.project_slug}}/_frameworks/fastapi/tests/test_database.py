"""Migrations: one linear history that matches the models, applied when they should be."""
{%- set postgresql = cookiecutter.database == "postgresql" %}

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
{%- if postgresql %}
from pydantic import ValidationError
{%- endif %}
from sqlalchemy import Column, Engine, Integer, MetaData, Table, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import create_async_engine

from {{ cookiecutter.project_slug }}.database import ALEMBIC_INI, UTCDateTime
from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings
from tests.helpers import table_names

TABLES = {
{%- if cookiecutter.auth %}
    "users",
{%- endif %}
{%- if cookiecutter.forms %}
    "contact_messages",
{%- endif %}
}

DIALECT = sqlite.dialect()


@pytest.fixture
def empty_database(database: Engine) -> Iterator[Engine]:
    """Return the test's database without the app's tables; migrate it back up afterwards.

    The alembic command finds the test's database in DATABASE_URL (see database_fixtures.py).
    """
    command.downgrade(Config(ALEMBIC_INI), "base")
    yield database
    command.upgrade(Config(ALEMBIC_INI), "head")


def test_the_history_is_one_line() -> None:
    script = ScriptDirectory.from_config(Config(ALEMBIC_INI))

    revisions = list(script.walk_revisions())

    assert len(script.get_heads()) == 1
    assert [r.revision for r in revisions if r.down_revision is None] == [revisions[-1].revision]


def test_the_command_line_upgrades_and_downgrades(empty_database: Engine) -> None:
    config = Config(ALEMBIC_INI)

    command.upgrade(config, "head")
    assert table_names(empty_database) == TABLES
    # The models and the migrations describe the same tables: no migration is missing.
    command.check(config)

    command.downgrade(config, "base")
    assert table_names(empty_database) == set()


def test_the_offline_mode_writes_the_sql(
    empty_database: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    command.upgrade(Config(ALEMBIC_INI), "head", sql=True)

    sql = capsys.readouterr().out
    assert all(f"CREATE TABLE {table}" in sql for table in TABLES)
    assert table_names(empty_database) == set()


def test_development_migrates_at_start_up(settings: Settings, empty_database: Engine) -> None:
    with TestClient(create_app(settings)):
        assert table_names(empty_database) == TABLES


def test_production_leaves_migrations_to_the_release_step(
    settings: Settings, empty_database: Engine
) -> None:
    production = settings.model_copy(update={"environment": "production"})

    with TestClient(create_app(production)) as client:
        assert client.get("/healthz").status_code == 200

    assert table_names(empty_database) == set()


def test_times_are_stored_and_read_in_utc() -> None:
    column = UTCDateTime()
    paris = datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=1)))

    stored = column.process_bind_param(paris, DIALECT)
    as_sqlite_returns_it = datetime(2026, 1, 1, 11, tzinfo=UTC).replace(tzinfo=None)
    naive = column.process_result_value(as_sqlite_returns_it, DIALECT)
    in_paris = column.process_result_value(paris, DIALECT)

    assert stored == paris
    assert stored is not None
    assert stored.tzinfo == UTC
    assert naive == datetime(2026, 1, 1, 11, tzinfo=UTC)
    assert in_paris == paris
    assert in_paris is not None
    assert in_paris.tzinfo == UTC
    assert column.process_bind_param(None, DIALECT) is None
    assert column.process_result_value(None, DIALECT) is None


def test_a_time_comes_back_from_the_database_as_it_went_in(settings: Settings) -> None:
    table = Table(
        "times", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime)
    )
    tokyo = datetime(2026, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=9)))

    async def round_trip() -> datetime:
        engine = create_async_engine(settings.database_url)
        try:
            async with engine.begin() as connection:
                await connection.run_sync(table.metadata.create_all)
                await connection.execute(table.insert().values(at=tokyo))
                read: datetime = (await connection.execute(select(table.c.at))).scalar_one()
                await connection.run_sync(table.metadata.drop_all)
        finally:
            await engine.dispose()
        return read

    read = asyncio.run(round_trip())

    assert read == tokyo
    assert read.tzinfo == UTC
{%- if postgresql %}


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_a_plain_postgresql_url_is_served_by_psycopg(
    monkeypatch: pytest.MonkeyPatch, scheme: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"{scheme}://app:secret@db:5432/app")

    assert Settings(_env_file=None).database_url == "postgresql+psycopg://app:secret@db:5432/app"


def test_a_url_with_a_driver_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql+psycopg://app:secret@db:5432/app"
    monkeypatch.setenv("DATABASE_URL", url)

    assert Settings(_env_file=None).database_url == url


def test_the_database_url_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL")

    with pytest.raises(ValidationError, match="database_url"):
        Settings(_env_file=None)
{%- endif %}
