"""Logging: readable in development, one JSON object per line in production."""

import json
import logging
import sys

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.project_slug }}.logging_config import (
    HANDLER_NAME,
    JsonFormatter,
    configure_logging,
)
from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings


def app_handler() -> logging.Handler:
    """Return the handler that configure_logging installed on the root logger."""
    handlers = [h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME]
    assert len(handlers) == 1
    return handlers[0]


def record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("demo", logging.WARNING, __file__, 1, message, args, None)


def test_json_formatter_writes_one_json_object_per_line() -> None:
    line = JsonFormatter().format(record("café %s\nsecond line", 42))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "demo"
    assert entry["message"] == "café 42\nsecond line"
    assert entry["time"].endswith("+00:00")


def test_json_formatter_includes_the_exception() -> None:
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError:
        entry = record("failed")
        entry.exc_info = sys.exc_info()

    logged = json.loads(JsonFormatter().format(entry))

    assert "ZeroDivisionError" in logged["exception"]


def test_production_logs_json_at_the_configured_level(settings: Settings) -> None:
    configure_logging(
        settings.model_copy(update={"environment": "production", "log_level": "WARNING"})
    )

    assert isinstance(app_handler().formatter, JsonFormatter)
    assert logging.getLogger().level == logging.WARNING


def test_development_logs_readable_lines(settings: Settings) -> None:
    configure_logging(settings)

    line = app_handler().format(record("hello %s", "world"))

    assert line.endswith("WARNING  demo: hello world")


def test_configuring_twice_keeps_one_handler(settings: Settings) -> None:
    configure_logging(settings)
    configure_logging(settings)

    app_handler()


@pytest.mark.parametrize("environment", ["development", "production"])
def test_uvicorn_logs_through_the_app_handler(settings: Settings, environment: str) -> None:
    configure_logging(settings.model_copy(update={"environment": environment}))

    error = logging.getLogger("uvicorn.error")
    assert not error.handlers
    assert error.propagate
    # The app's middleware writes the access lines, with the request id.
    assert not logging.getLogger("uvicorn.access").hasHandlers()


def test_json_lines_have_the_request_id_and_the_access_fields() -> None:
    entry = record("GET /healthz 200 0.4 ms")
    entry.__dict__.update(
        request_id="abc", method="GET", path="/healthz", status=200, duration_ms=0.4
    )

    logged = json.loads(JsonFormatter().format(entry))

    assert logged["request_id"] == "abc"
    assert (logged["method"], logged["path"], logged["status"]) == ("GET", "/healthz", 200)
    assert logged["duration_ms"] == 0.4


def test_records_outside_requests_have_no_request_id(settings: Settings) -> None:
    configure_logging(settings.model_copy(update={"environment": "production"}))
    entry = record("started")

    assert app_handler().filter(entry)

    assert "request_id" not in json.loads(JsonFormatter().format(entry))


def test_lifespan_logs_start_and_stop(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(settings)

    with caplog.at_level(logging.INFO), TestClient(app):
        assert "started in development" in caplog.text
    assert "stopped" in caplog.text
