"""The database: its URL, its types, and the shipped migrations, which build the models'
schema in one line of history."""

import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask import Flask
{%- if cookiecutter.database == "postgresql" %}
from pydantic import ValidationError
{%- endif %}
from sqlalchemy import inspect, literal, select
from sqlalchemy.exc import StatementError

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.extensions import MIGRATIONS_DIR, UTCDateTime, db
from {{ cookiecutter.project_slug }}.settings import Settings

TABLES = {
{%- if cookiecutter.auth %}
    "users",
{%- endif %}
{%- if cookiecutter.forms %}
    "contact_messages",
{%- endif %}
    "alembic_version",
}


def tables(app: Flask) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


def run(app: Flask, *args: str) -> str:
    """Run ``flask db <args>`` for ``app`` and return its output; fail if it fails."""
    result = app.test_cli_runner().invoke(args=["db", *args])
    assert result.exit_code == 0, result.output
    return result.output
{%- if cookiecutter.database == "postgresql" %}


def test_the_database_url_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL")

    with pytest.raises(ValidationError, match="database_url"):
        Settings(_env_file=None)


def test_the_database_url_is_hidden_from_repr() -> None:
    settings = Settings(_env_file=None, database_url="postgresql://app:s3cret@db/app")

    assert "s3cret" not in repr(settings)
{%- else %}


def test_the_database_is_sqlite_in_the_project_root_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL")

    settings = Settings(_env_file=None)

    assert settings.database_url == f"sqlite:///{MIGRATIONS_DIR.parent / 'db.sqlite3'}"
    assert "sqlite" not in repr(settings)
{%- endif %}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://app:pw@db:5432/app", "postgresql+psycopg://app:pw@db:5432/app"),
        ("postgres://app:pw@db/app", "postgresql+psycopg://app:pw@db/app"),
        ("postgresql+psycopg://app@db/app", "postgresql+psycopg://app@db/app"),
        ("sqlite:////tmp/app.sqlite3", "sqlite:////tmp/app.sqlite3"),
    ],
)
def test_postgresql_urls_get_the_psycopg_driver(url: str, expected: str) -> None:
    assert Settings(_env_file=None, database_url=url).database_url == expected


def test_development_migrates_at_start_up(app: Flask, settings: Settings) -> None:
    run(app, "downgrade", "base")

    assert tables(create_app(settings)) == TABLES


def test_production_leaves_migrations_to_the_release_step(
    app: Flask, production_settings: Settings
) -> None:
    run(app, "downgrade", "base")
    production_app = create_app(production_settings)
    assert tables(production_app) == {"alembic_version"}

    run(production_app, "upgrade")

    assert tables(production_app) == TABLES


def test_times_come_back_in_utc(app: Flask) -> None:
    paris = datetime(2026, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=1)))
    column = literal(paris, UTCDateTime)

    with app.app_context():
        stored = db.session.execute(select(column)).scalar_one()

    assert stored == paris
    assert stored.tzinfo == UTC
    assert stored.hour == 11


def test_a_time_without_a_time_zone_is_refused(app: Flask) -> None:
    column = literal(datetime(2026, 3, 1, 12, 30), UTCDateTime)  # noqa: DTZ001

    with app.app_context(), pytest.raises(StatementError, match="no time zone"):
        db.session.execute(select(column))


def test_a_missing_time_stays_missing(app: Flask) -> None:
    with app.app_context():
        assert db.session.execute(select(literal(None, UTCDateTime))).scalar_one() is None


def test_the_migrations_match_the_models(app: Flask) -> None:
    run(app, "check")  # fails when the models differ from what the migrations build


def test_the_history_is_one_line() -> None:
    scripts = ScriptDirectory(str(MIGRATIONS_DIR))

    assert len(scripts.get_heads()) == 1
    assert len(scripts.get_bases()) == 1


def test_the_migrations_can_be_undone(app: Flask) -> None:
    run(app, "downgrade", "base")

    assert tables(app) == {"alembic_version"}


def test_the_migrations_can_be_printed_as_sql(app: Flask) -> None:
    sql = run(app, "upgrade", "--sql", "base:head")

    assert "CREATE TABLE" in sql


def test_no_migration_is_written_when_the_models_did_not_change(
    app: Flask, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = shutil.copytree(MIGRATIONS_DIR, tmp_path / "migrations")
    before = sorted((copy / "versions").iterdir())

    run(app, "migrate", "--directory", str(copy), "--message", "nothing")

    assert sorted((copy / "versions").iterdir()) == before
    assert "No change in the models: no migration written" in caplog.text
