"""Logging: JSON lines in production, readable lines in development."""

import json
import logging
import re
from collections.abc import Iterator

import pytest
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner import StopException
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }}.logging_config import (
    REQUEST_ID,
    configure_logging,
    logged_run,
    request_id_from,
    streamlit_handlers,
)
from {{ cookiecutter.project_slug }}.settings import Settings

STRONG_SECRET = "s" * 32


def configure_production() -> None:
    """Configure production logging: call it in the test, where capsys captures stderr."""
    configure_logging(Settings(_env_file=None, environment="production", secret_key=STRONG_SECRET))


@pytest.fixture
def request_id() -> Iterator[str]:
    token = REQUEST_ID.set("abc123")
    yield "abc123"
    REQUEST_ID.reset(token)


def test_production_logs_one_json_object_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    configure_production()

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
    configure_production()

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


@pytest.mark.usefixtures("request_id")
def test_production_logs_the_request_id_and_extra_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_production()

    logging.getLogger("app.test").info("sent", extra={"recipients": 3})

    entry = json.loads(capsys.readouterr().err)
    assert entry["request_id"] == "abc123"
    assert entry["recipients"] == 3


def test_production_gives_streamlit_loggers_json_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    logger = get_logger("streamlit.test_logging")  # its handler writes to the captured stderr
    for handler in streamlit_handlers():  # undone after the test
        monkeypatch.setattr(handler, "formatter", handler.formatter)
        monkeypatch.setattr(handler, "filters", list(handler.filters))
    configure_production()

    logger.warning("from Streamlit")

    entry = json.loads(capsys.readouterr().err)
    assert entry["logger"] == "streamlit.test_logging"
    assert entry["message"] == "from Streamlit"
    assert "request_id" in entry


@pytest.mark.parametrize("header", ["0f8fad5b-d9cb-469f-a165-70867728950e", "abc", "a" * 128])
def test_a_well_formed_request_id_is_kept(header: str) -> None:
    assert request_id_from(header) == header


@pytest.mark.parametrize("header", [None, "", "a" * 129, "id with spaces", "x\nforged log line"])
def test_any_other_request_id_is_replaced_by_a_new_one(header: str | None) -> None:
    new = request_id_from(header)

    assert re.fullmatch(r"[0-9a-f]{32}", new)
    assert new != request_id_from(header)


@pytest.mark.usefixtures("request_id")
def test_a_run_logs_one_line_with_page_status_and_duration(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_production()

    with logged_run("explore"):
        pass

    entry = json.loads(capsys.readouterr().err)
    assert entry["message"].startswith("run /explore ok ")
    assert entry["page"] == "/explore"
    assert entry["status"] == "ok"
    assert entry["duration_ms"] >= 0
    assert entry["request_id"] == "abc123"


def test_a_failed_run_logs_an_error_status(capsys: pytest.CaptureFixture[str]) -> None:
    configure_production()

    with pytest.raises(ZeroDivisionError), logged_run(""):
        _ = 1 / 0

    assert json.loads(capsys.readouterr().err)["status"] == "error"


def test_st_stop_ends_a_run_normally(capsys: pytest.CaptureFixture[str]) -> None:
    configure_production()

    with pytest.raises(StopException), logged_run(""):
        raise StopException

    assert json.loads(capsys.readouterr().err)["status"] == "ok"


def test_the_app_logs_each_run_with_the_session_request_id(
    fresh_app: AppTest, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh_app.run()

    request_id = fresh_app.session_state["request_id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert "{{ cookiecutter.project_slug }}.access: run / ok " in capsys.readouterr().err
    fresh_app.run()
    assert fresh_app.session_state["request_id"] == request_id
