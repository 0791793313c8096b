"""Logs: readable lines in development, one JSON object per line in production."""

import json
import logging
import secrets
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime

from {{ cookiecutter.project_slug }}.core.logs import JsonFormatter

DjangoCommand = Callable[..., subprocess.CompletedProcess[str]]
LOG_A_WARNING = "import logging; logging.getLogger('probe').warning('ready %s', 42)"


def make_record() -> logging.LogRecord:
    return logging.LogRecord("orders", logging.ERROR, __file__, 1, "order %s", ("7",), None)


def test_json_formatter_writes_one_object_per_record() -> None:
    line = JsonFormatter().format(make_record())
    entry = json.loads(line)

    assert "\n" not in line
    assert entry.keys() == {"time", "level", "logger", "message"}
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "orders"
    assert entry["message"] == "order 7"
    assert datetime.fromisoformat(entry["time"]).utcoffset() is not None


def test_json_formatter_includes_the_exception() -> None:
    try:
        int("boom")
    except ValueError:
        record = make_record()
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))

    assert "ValueError: invalid literal for int()" in entry["exception"]


def test_production_logs_json_lines(django_command: DjangoCommand) -> None:
    result = django_command(
        "shell", "-c", LOG_A_WARNING, ENVIRONMENT="production", SECRET_KEY=secrets.token_urlsafe(48)
    )
    *_, entry = (json.loads(line) for line in result.stderr.splitlines())

    assert result.returncode == 0, result.stderr
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "probe"
    assert entry["message"] == "ready 42"


def test_development_logs_readable_lines(django_command: DjangoCommand) -> None:
    result = django_command("shell", "-c", LOG_A_WARNING)

    assert result.returncode == 0, result.stderr
    assert result.stderr.rstrip().endswith("WARNING probe: ready 42")


def test_log_level_applies_to_django_records(django_command: DjangoCommand) -> None:
    log = "import logging; log = logging.getLogger('django.probe'); log.warning('hidden'); "
    log += "log.error('shown')"
    result = django_command("shell", "-c", log, LOG_LEVEL="ERROR")

    assert result.returncode == 0, result.stderr
    assert "shown" in result.stderr
    assert "hidden" not in result.stderr
