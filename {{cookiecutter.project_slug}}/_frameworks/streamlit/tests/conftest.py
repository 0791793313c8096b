"""Every test runs with an explicit configuration: never the developer's environment or .env."""

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st

from {{ cookiecutter.project_slug }}.settings import get_settings

VARIABLES = ("ENVIRONMENT", "SECRET_KEY", "LOG_LEVEL", "PORT")


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Hide the settings' variables and ``.env``, and undo any logging set-up afterwards."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    st.cache_resource.clear()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    get_settings.cache_clear()
