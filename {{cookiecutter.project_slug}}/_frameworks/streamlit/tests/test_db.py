"""The database: tables created at start-up, one engine per URL, settings from the environment."""

from datetime import UTC, datetime, timedelta, timezone
{%- if cookiecutter.database != "postgresql" %}
from pathlib import Path
{%- endif %}

import pytest
{%- if cookiecutter.database == "postgresql" %}
from pydantic import ValidationError
{%- endif %}
from sqlalchemy import Engine, create_engine, inspect, make_url, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import StatementError
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }} import db
from {{ cookiecutter.project_slug }}.models import Base, {{ "ContactMessage" if cookiecutter.forms else "User" }}, UTCDateTime
from {{ cookiecutter.project_slug }}.settings import Settings, get_settings
{%- if cookiecutter.database == "postgresql" %}


def test_database_url_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL")

    with pytest.raises(ValidationError, match="database_url"):
        Settings(_env_file=None)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:p@db:5432/app", "postgresql+psycopg://u:p@db:5432/app"),
        ("postgres://u:p@db/app", "postgresql+psycopg://u:p@db/app"),
        ("postgresql+psycopg://u@db/app", "postgresql+psycopg://u@db/app"),
        ("sqlite:///db.sqlite3", "sqlite:///db.sqlite3"),
    ],
)
def test_engine_url_gives_postgresql_the_psycopg_driver(url: str, expected: str) -> None:
    assert db.engine_url(url).render_as_string(hide_password=False) == expected


def test_get_engine_creates_every_table(database_url: str) -> None:
    engine = create_engine(db.engine_url(database_url))
    Base.metadata.drop_all(engine)
    engine.dispose()

    created = db.get_engine(database_url)

    assert set(inspect(created).get_table_names()) == set(Base.metadata.tables)
    assert Base.metadata.tables


def test_get_engine_connects_once_per_url(database_url: str) -> None:
    other = f"{database_url}?application_name=other"

    assert db.get_engine(database_url) is db.get_engine(database_url)
    assert db.get_engine(database_url) is not db.get_engine(other)
{%- else %}


def test_the_default_database_is_a_sqlite_file_in_the_working_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL")

    assert Settings(_env_file=None).database_url == "sqlite:///db.sqlite3"


def test_get_engine_creates_every_table(tmp_path: Path) -> None:
    engine = db.get_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")

    assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables)
    assert Base.metadata.tables


def test_get_engine_connects_once_per_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'once.sqlite3'}"

    assert db.get_engine(url) is db.get_engine(url)
    assert db.get_engine(url) is not db.get_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
{%- endif %}


def test_database_url_comes_from_the_environment(database_url: str) -> None:
    assert get_settings().database_url == database_url


def test_new_session_opens_the_configured_database(database_url: str) -> None:
    with db.new_session() as session:
        engine = session.get_bind()

    assert isinstance(engine, Engine)
    assert engine.url.database == make_url(database_url).database


def test_the_app_creates_the_tables_at_start_up(fresh_app: AppTest, database_url: str) -> None:
    {%- if cookiecutter.database == "postgresql" %}
    engine = create_engine(db.engine_url(database_url))
    Base.metadata.drop_all(engine)
    {%- else %}
    engine = create_engine(database_url)
    {%- endif %}
    try:
        fresh_app.run()

        assert not fresh_app.exception
        assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables)
    finally:
        engine.dispose()


def row(created_at: datetime) -> {{ "ContactMessage" if cookiecutter.forms else "User" }}:
{%- if cookiecutter.forms %}
    return ContactMessage(name="Ada", email="ada@example.com", message="Hi", created_at=created_at)
{%- else %}
    return User(username="ada", password_hash="not a hash", created_at=created_at)  # noqa: S106
{%- endif %}


def test_times_are_stored_and_read_back_in_utc() -> None:
    paris = datetime(2026, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=1)))
    with db.new_session() as session:
        session.add(row(paris))
        session.commit()
    with db.new_session() as session:
        (created_at,) = session.scalars(select({{ "ContactMessage" if cookiecutter.forms else "User" }}.created_at))

    assert created_at == paris
    assert created_at.tzinfo is UTC
    assert created_at.hour == 11


def test_a_naive_time_is_refused() -> None:
    with db.new_session() as session:
        session.add(row(datetime(2026, 3, 1, 12, 30)))  # noqa: DTZ001

        with pytest.raises(StatementError, match="naive datetime"):
            session.commit()


def test_a_missing_time_stays_missing() -> None:
    assert UTCDateTime().process_bind_param(None, sqlite.dialect()) is None
    assert UTCDateTime().process_result_value(None, sqlite.dialect()) is None
