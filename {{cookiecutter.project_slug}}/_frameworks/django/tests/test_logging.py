"""Logs: readable lines in development, one JSON object per line in production; request ids."""

import json
import logging
import re
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from django.test import Client

from {{ cookiecutter.project_slug }}.core.logs import (
    JsonFormatter,
    RequestIdFilter,
    request_id,
)
from {{ cookiecutter.project_slug }}.core.middleware import REQUEST_ID_HEADER

DjangoCommand = Callable[..., subprocess.CompletedProcess[str]]
LOG_A_WARNING = "import logging; logging.getLogger('probe').warning('ready %s', 42)"


def make_record() -> logging.LogRecord:
    return logging.LogRecord("orders", logging.ERROR, __file__, 1, "order %s", ("7",), None)


def test_json_formatter_writes_one_object_per_record() -> None:
    line = JsonFormatter().format(make_record())
    entry = json.loads(line)

    assert "\n" not in line
    assert entry.keys() == {"time", "level", "logger", "message", "request_id"}
    assert entry["request_id"] == "-"  # outside a request
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


def test_json_formatter_writes_the_extra_fields() -> None:
    record = make_record()
    record.order_id = 7
    RequestIdFilter().filter(record)

    entry = json.loads(JsonFormatter().format(record))

    assert entry["order_id"] == 7
    assert entry["request_id"] == "-"


@pytest.fixture
def access_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture the records, each with its request id, as the project's log handler has it."""
    request_id_filter = RequestIdFilter()
    caplog.handler.addFilter(request_id_filter)
    with caplog.at_level(logging.INFO):
        yield caplog
    caplog.handler.removeFilter(request_id_filter)


def test_each_request_gets_an_id_and_one_access_line(
    client: Client, access_log: pytest.LogCaptureFixture
) -> None:
    first = client.get("/?page=2")
    second = client.get("/no-such-page/")
    access = [record for record in access_log.records if record.name.endswith(".access")]

    assert re.fullmatch(r"[0-9a-f]{32}", first[REQUEST_ID_HEADER])
    assert first[REQUEST_ID_HEADER] != second[REQUEST_ID_HEADER]
    assert [(r.method, r.path, r.status) for r in access] == [  # type: ignore[attr-defined]
        ("GET", "/", 200),
        ("GET", "/no-such-page/", 404),
    ]
    assert [r.request_id for r in access] == [  # type: ignore[attr-defined]
        first[REQUEST_ID_HEADER],
        second[REQUEST_ID_HEADER],
    ]
    assert all(r.duration_ms >= 0 for r in access)  # type: ignore[attr-defined]
    assert request_id.get() == "-"  # reset after each request


def test_every_record_of_a_request_carries_its_id(
    client: Client, access_log: pytest.LogCaptureFixture
) -> None:
    response = client.get("/no-such-page/", headers={REQUEST_ID_HEADER: "abc-123"})
    records = [record for record in access_log.records if record.name != "django.template"]

    assert response[REQUEST_ID_HEADER] == "abc-123"
    assert {record.name for record in records} >= {"django.request"}
    assert {record.request_id for record in records} == {"abc-123"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "incoming", ["", "x" * 129, "a b", "id\nforged line", "<script>", "é"], ids=repr
)
def test_a_malformed_request_id_is_replaced(client: Client, incoming: str) -> None:
    response = client.get("/", headers={REQUEST_ID_HEADER: incoming})

    assert re.fullmatch(r"[0-9a-f]{32}", response[REQUEST_ID_HEADER])


def test_healthz_is_not_logged(client: Client, access_log: pytest.LogCaptureFixture) -> None:
    client.get("/healthz")

    assert access_log.records == []
