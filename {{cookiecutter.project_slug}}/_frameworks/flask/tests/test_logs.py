import json
import logging
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.logs import configure_logging
from {{ cookiecutter.project_slug }}.settings import Settings

logger = logging.getLogger("app.test")
ACCESS_LOGGER = "{{ cookiecutter.project_slug }}.access"


def json_lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """The JSON log lines written since the last call."""
    return [json.loads(line) for line in capsys.readouterr().err.splitlines()]


@pytest.fixture
def make_production_app(
    production_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> Callable[[], Flask]:
    """Return a function that makes an app that logs JSON lines, with a view that logs.

    The app is made in the test itself, to log to the stderr that capsys reads then; its
    start-up logs are left out.
    """

    def production_app() -> Flask:
        app = create_app(production_settings)

        @app.get("/work")
        def work() -> str:
            logger.warning("working")
            return "done"

        capsys.readouterr()
        return app

    return production_app


def test_production_logs_one_json_object_per_line(
    production_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(production_settings)

    logger.warning("disk at %d%%", 91)

    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "app.test"
    assert entry["message"] == "disk at 91%"
    assert entry["time"].endswith("+00:00")


def test_production_logs_exceptions_inside_the_json_object(
    production_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(production_settings)

    logger.error("failed", exc_info=ZeroDivisionError("division by zero"))

    (line,) = capsys.readouterr().err.splitlines()
    assert "ZeroDivisionError: division by zero" in json.loads(line)["exception"]


def test_development_logs_readable_lines(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(settings)

    logger.info("started")

    assert capsys.readouterr().err.rstrip().endswith("INFO     app.test: started")


def test_log_level_filters_records(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(_env_file=None, log_level="WARNING"))

    logger.info("hidden")
    logger.warning("shown")

    err = capsys.readouterr().err
    assert "hidden" not in err
    assert "shown" in err


def test_each_request_gets_an_id_and_one_access_line(
    make_production_app: Callable[[], Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    response = make_production_app().test_client().get("/?token=secret")

    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    [line] = json_lines(capsys)
    assert line["logger"] == ACCESS_LOGGER
    assert line["level"] == "INFO"
    assert line["request_id"] == request_id
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", 200)
    assert 0 <= line["duration_ms"] < 10_000
    assert line["message"] == f"GET / 200 {line['duration_ms']:.1f} ms"
    assert "secret" not in json.dumps(line)


def test_every_record_of_a_request_carries_its_id(
    make_production_app: Callable[[], Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    client = make_production_app().test_client()

    first = client.get("/work").headers["X-Request-ID"]
    second = client.get("/work").headers["X-Request-ID"]
    logger.warning("outside")

    lines = json_lines(capsys)
    assert [(line["message"][:7], line.get("request_id")) for line in lines] == [
        ("working", first),
        ("GET /wo", first),
        ("working", second),
        ("GET /wo", second),
        ("outside", None),
    ]
    assert first != second


@pytest.mark.parametrize(
    "incoming", ["abc-123", "0f8fad5b-d9cb-469f-a165-70867728950e", "Root=1-a:b+c/d=", "r" * 128]
)
def test_a_well_formed_incoming_request_id_is_kept(
    make_production_app: Callable[[], Flask], capsys: pytest.CaptureFixture[str], incoming: str
) -> None:
    response = make_production_app().test_client().get("/work", headers={"X-Request-ID": incoming})

    assert response.headers["X-Request-ID"] == incoming
    assert {line["request_id"] for line in json_lines(capsys)} == {incoming}


@pytest.mark.parametrize("incoming", ["", "r" * 129, "two words", "<script>", "caf\u00e9"])
def test_a_malformed_incoming_request_id_is_replaced(
    make_production_app: Callable[[], Flask], capsys: pytest.CaptureFixture[str], incoming: str
) -> None:
    response = make_production_app().test_client().get("/", headers={"X-Request-ID": incoming})

    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    [line] = json_lines(capsys)
    assert line["request_id"] == request_id


def test_a_server_error_is_logged_with_its_request_id(
    make_production_app: Callable[[], Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_production_app()

    @app.get("/boom")
    def boom() -> str:
        msg = "broken"
        raise RuntimeError(msg)

    response = app.test_client().get("/boom")

    assert response.status_code == 500
    error, access = json_lines(capsys)
    assert "RuntimeError: broken" in error["exception"]
    assert error["request_id"] == access["request_id"] == response.headers["X-Request-ID"]
    assert access["status"] == 500


def test_the_health_check_is_not_logged(
    make_production_app: Callable[[], Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    response = make_production_app().test_client().get("/healthz")

    assert response.status_code == 200
    assert "X-Request-ID" not in response.headers
    assert capsys.readouterr().err == ""


def test_development_logs_a_readable_access_line(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    client = create_app(settings).test_client()
    capsys.readouterr()

    client.get("/no-such-page")

    line = capsys.readouterr().err.rstrip()
    assert re.search(rf"INFO +{ACCESS_LOGGER}: GET /no-such-page 404 [0-9.]+ ms$", line)
