"""The database connection: one engine per process, with the tables created at start-up."""

import streamlit as st
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }}.models import Base
from {{ cookiecutter.project_slug }}.settings import get_settings


@st.cache_resource(show_spinner=False, on_release=Engine.dispose)
def get_engine(url: str) -> Engine:
    """Return the engine of the database at ``url``, creating its missing tables first.

    Cached: the first call in a process connects and creates the tables, later calls reuse the
    engine and its connection pool (closed if the cache is cleared). ``create_all`` never
    alters an existing table.
    """
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    return engine


def new_session() -> Session:
    """Return a session on the configured database (``DATABASE_URL``); use it in a ``with``."""
    return Session(get_engine(get_settings().database_url), expire_on_commit=False)
