"""The database connection: one engine per process, with the tables created at start-up."""

import streamlit as st
{%- if cookiecutter.database == "postgresql" %}
from sqlalchemy import URL, Engine, create_engine, make_url, text
{%- else %}
from sqlalchemy import Engine, create_engine
{%- endif %}
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }}.models import Base
from {{ cookiecutter.project_slug }}.settings import get_settings
{%- if cookiecutter.database == "postgresql" %}

# Any number, the same in every process: replicas starting together create the tables in turn.
CREATE_TABLES_LOCK = 20_251_122


def engine_url(url: str) -> URL:
    """Return ``url`` for SQLAlchemy, with the psycopg (3) driver for PostgreSQL.

    ``postgresql://`` (and Heroku's ``postgres://``) name no driver, as compose, Heroku and
    Kubernetes give them; SQLAlchemy would pick psycopg2 for them.
    """
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        return parsed.set(drivername="postgresql+psycopg")
    return parsed
{%- endif %}


@st.cache_resource(show_spinner=False, on_release=Engine.dispose)
def get_engine(url: str) -> Engine:
    """Return the engine of the database at ``url``, creating its missing tables first.

    Cached: the first call in a process connects and creates the tables, later calls reuse the
    engine and its connection pool (closed if the cache is cleared). ``create_all`` never
    alters an existing table.
    """
{%- if cookiecutter.database == "postgresql" %}
    # pool_pre_ping replaces a connection the server closed (a restart, a managed failover).
    engine = create_engine(engine_url(url), pool_pre_ping=True)
    with engine.begin() as connection:
        # Two replicas creating the same table at once would fail: they take turns.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CREATE_TABLES_LOCK})
        Base.metadata.create_all(connection)
{%- else %}
    engine = create_engine(url)
    Base.metadata.create_all(engine)
{%- endif %}
    return engine


def new_session() -> Session:
    """Return a session on the configured database (``DATABASE_URL``); use it in a ``with``."""
    return Session(get_engine(get_settings().database_url), expire_on_commit=False)
