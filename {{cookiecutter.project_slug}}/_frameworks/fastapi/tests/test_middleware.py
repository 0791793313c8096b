"""What every response gets: security headers, a request id, an access line, a body limit."""

import io
import json
import logging
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from {{ cookiecutter.project_slug }}.logging_config import HANDLER_NAME
from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings

LIMIT = 100
ACCESS_LOGGER = "{{ cookiecutter.project_slug }}.access"
logger = logging.getLogger("tests.middleware")


def with_test_routes(app: FastAPI) -> FastAPI:
    """Add routes that read the body, log, and fail."""

    @app.post("/echo-size")
    async def echo_size(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    @app.get("/log")
    async def log() -> dict[str, bool]:
        logger.warning("inside the request")
        return {"logged": True}

    @app.get("/fail")
    async def fail() -> None:
        msg = "the handler failed"
        raise RuntimeError(msg)

    return app


@pytest.fixture
def small(settings: Settings) -> Iterator[TestClient]:
    """Return a client of an app that accepts bodies of at most LIMIT bytes."""
    app = with_test_routes(create_app(settings.model_copy(update={"max_body_size": LIMIT})))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def logs() -> io.StringIO:
    """Return where the app built next writes its log lines."""
    return io.StringIO()


def log_to(logs: io.StringIO) -> None:
    """Send the lines of the app's log handler (see configure_logging) to ``logs``."""
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(logs)


@pytest.fixture
def production(settings: Settings, logs: io.StringIO) -> TestClient:
    """Return a client of a production app (HSTS; JSON log lines, written to ``logs``)."""
    app = create_app(settings.model_copy(update={"environment": "production"}))
    log_to(logs)
    return TestClient(with_test_routes(app), raise_server_exceptions=False)


def json_lines(logs: io.StringIO) -> list[dict[str, object]]:
    """Return the lines the app and these tests logged (not the test client's own)."""
    lines = [json.loads(line) for line in logs.getvalue().splitlines()]
    return [line for line in lines if line["logger"] in {ACCESS_LOGGER, logger.name}]


@pytest.mark.parametrize("path", ["/", "/healthz", "/no-such-page", "/static/style.css"])
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers

    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "strict-transport-security" not in headers


def test_production_asks_browsers_for_https_only(production: TestClient) -> None:
    headers = production.get("/healthz").headers

    assert headers["strict-transport-security"] == "max-age=31536000"


def test_a_request_id_is_made_when_none_is_sent(client: TestClient) -> None:
    first = client.get("/").headers["x-request-id"]
    second = client.get("/").headers["x-request-id"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_well_formed_request_id_is_kept(client: TestClient) -> None:
    sent = "proxy-7f3a.01:b_c"

    response = client.get("/", headers={"X-Request-ID": sent})

    assert response.headers["x-request-id"] == sent


@pytest.mark.parametrize("sent", ["", "a" * 129, "with space", "new\u2028line", "<script>", "a,b"])
def test_a_malformed_request_id_is_replaced(client: TestClient, sent: str) -> None:
    response = client.get("/", headers=[(b"x-request-id", sent.encode())])

    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


def test_production_logs_one_json_access_line_per_request(
    production: TestClient, logs: io.StringIO
) -> None:
    production.get("/openapi.json?token=secret", headers={"X-Request-ID": "req-1"})

    [line] = json_lines(logs)
    assert line["logger"] == ACCESS_LOGGER
    assert line["level"] == "INFO"
    assert line["request_id"] == "req-1"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/openapi.json", 200)
    assert isinstance(line["duration_ms"], float)
    assert line["message"] == f"GET /openapi.json 200 {line['duration_ms']:.1f} ms"
    assert "secret" not in json.dumps(line)


@pytest.mark.parametrize(
    ("log_level", "method", "logged"),
    [("DEBUG", "GET", []), ("DEBUG", "HEAD", []), ("INFO", "POST", ["INFO"])],
)
def test_the_health_check_gets_no_access_line_nor_request_id(
    settings: Settings, logs: io.StringIO, log_level: str, method: str, logged: list[str]
) -> None:
    production = settings.model_copy(update={"environment": "production", "log_level": log_level})
    client = TestClient(create_app(production))
    log_to(logs)

    response = client.request(method, "/healthz")

    assert [line["level"] for line in json_lines(logs)] == logged
    assert ("x-request-id" in response.headers) == bool(logged)


def test_every_record_of_a_request_has_its_id(production: TestClient, logs: io.StringIO) -> None:
    response = production.get("/log")

    lines = json_lines(logs)
    assert lines[0]["message"] == "inside the request"
    assert {line["request_id"] for line in lines} == {response.headers["x-request-id"]}


def test_development_logs_readable_access_lines(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        client.get("/no-such-page")

    assert re.search(r"GET /no-such-page 404 \d+\.\d ms", caplog.text)


def test_access_lines_are_skipped_below_their_level(settings: Settings, logs: io.StringIO) -> None:
    quiet = settings.model_copy(update={"environment": "production", "log_level": "WARNING"})
    client = TestClient(create_app(quiet))
    log_to(logs)

    client.get("/openapi.json")

    assert logs.getvalue() == ""


def test_an_unhandled_error_is_a_json_500_with_the_headers(
    production: TestClient, logs: io.StringIO
) -> None:
    response = production.get("/fail", headers={"X-Request-ID": "req-500"})

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal Server Error"}
    assert response.headers["x-request-id"] == "req-500"
    assert response.headers["x-content-type-options"] == "nosniff"
    access = [line for line in json_lines(logs) if "status" in line]
    assert [(line["status"], line["request_id"]) for line in access] == [(500, "req-500")]


def test_a_body_within_the_limit_is_read(small: TestClient) -> None:
    response = small.post("/echo-size", content=b"x" * LIMIT)

    assert response.status_code == 200
    assert response.json() == {"size": LIMIT}


def test_a_declared_body_over_the_limit_is_refused_unread(small: TestClient) -> None:
    response = small.post("/echo-size", content=b"x" * (LIMIT + 1))

    assert response.status_code == 413
    assert response.json() == {"detail": f"The request body is larger than {LIMIT} bytes."}
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_streamed_body_over_the_limit_is_stopped(small: TestClient) -> None:
    chunks = iter([b"x" * 60, b"x" * 60])

    response = small.post("/echo-size", content=chunks)

    assert response.status_code == 413
    assert response.json() == {"detail": f"The request body is larger than {LIMIT} bytes."}


def test_a_streamed_body_within_the_limit_is_read(small: TestClient) -> None:
    response = small.post("/echo-size", content=iter([b"x" * 50, b"x" * 50]))

    assert response.json() == {"size": LIMIT}


def test_the_limit_applies_to_every_route(small: TestClient) -> None:
    for path in ("/healthz", "/", "/no-such-page"):
        assert small.post(path, content=b"x" * (LIMIT + 1)).status_code == 413
