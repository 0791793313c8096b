"""The shipped migrations: they build the models' schema, in one line of history."""

import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import inspect

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.extensions import MIGRATIONS_DIR, db
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


def test_the_database_is_sqlite_in_the_project_root_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL")

    settings = Settings(_env_file=None)

    assert settings.database_url == f"sqlite:///{MIGRATIONS_DIR.parent / 'db.sqlite3'}"
    assert "sqlite" not in repr(settings)


def test_development_migrates_at_start_up(app: Flask) -> None:
    assert tables(app) == TABLES


def test_production_leaves_migrations_to_the_release_step(
    production_settings: Settings,
) -> None:
    app = create_app(production_settings)
    assert tables(app) == set()

    run(app, "upgrade")

    assert tables(app) == TABLES


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
