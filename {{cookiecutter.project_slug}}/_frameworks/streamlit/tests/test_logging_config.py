"""Logging: JSON lines in production, readable lines in development."""

import json
import logging

import pytest

from {{ cookiecutter.project_slug }}.logging_config import configure_logging
from {{ cookiecutter.project_slug }}.settings import Settings

STRONG_SECRET = "s" * 32


def test_production_logs_one_json_object_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(_env_file=None, environment="production", secret_key=STRONG_SECRET))

    logging.getLogger("app.test").warning("disk at %d%%", 91)
    logging.getLogger("app.test").debug("not shown at INFO")

    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "app.test"
    assert entry["message"] == "disk at 91%"
    assert entry["time"].endswith("+00:00")


def test_production_logs_exceptions_inside_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(_env_file=None, environment="production", secret_key=STRONG_SECRET))

    try:
        int("boom")
    except ValueError:
        logging.getLogger("app.test").exception("failed")

    entry = json.loads(capsys.readouterr().err)
    assert entry["message"] == "failed"
    assert "ValueError: invalid literal" in entry["exception"]


def test_development_logs_readable_lines_at_log_level(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(Settings(_env_file=None, environment="development", log_level="DEBUG"))

    logging.getLogger("app.test").debug("hello")

    line = capsys.readouterr().err.strip()
    assert line.endswith("DEBUG    app.test: hello")
    assert not line.startswith("{")
