"""The database: tables created at start-up, one engine per URL, settings from the environment."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }} import db
from {{ cookiecutter.project_slug }}.models import Base
from {{ cookiecutter.project_slug }}.settings import Settings, get_settings


def test_the_default_database_is_a_sqlite_file_in_the_working_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL")

    assert Settings(_env_file=None).database_url == "sqlite:///db.sqlite3"


def test_database_url_comes_from_the_environment(tmp_path: Path) -> None:
    assert get_settings().database_url == f"sqlite:///{tmp_path / 'test.sqlite3'}"


def test_get_engine_creates_every_table(tmp_path: Path) -> None:
    engine = db.get_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")

    assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables)
    assert Base.metadata.tables


def test_get_engine_connects_once_per_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'once.sqlite3'}"

    assert db.get_engine(url) is db.get_engine(url)
    assert db.get_engine(url) is not db.get_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")


def test_new_session_opens_the_configured_database(tmp_path: Path) -> None:
    with db.new_session() as session:
        engine = session.get_bind()

    assert isinstance(engine, Engine)
    assert engine.url.database == str(tmp_path / "test.sqlite3")


def test_the_app_creates_the_tables_at_start_up(app: AppTest, tmp_path: Path) -> None:
    assert not app.exception
    engine = create_engine(f"sqlite:///{tmp_path / 'test.sqlite3'}")
    try:
        assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables)
    finally:
        engine.dispose()
