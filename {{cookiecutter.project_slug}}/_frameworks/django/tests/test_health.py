"""GET /healthz: answered first, whatever the Host, through both entry points."""

import asyncio
import importlib
import json
import os
import secrets
from collections.abc import Callable
from typing import Any
from unittest import mock
from wsgiref.util import setup_testing_defaults

import pytest
from django.test import Client
from pytest_django import Settings

HEALTHY = {"status": "ok"}
PROBE_HOST = "10.1.2.3"  # a pod IP, as Kubernetes probes send it


def test_healthz(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == HEALTHY


def test_healthz_is_answered_before_other_middleware(settings: Settings) -> None:
    assert settings.MIDDLEWARE[0].endswith(".core.middleware.HealthCheckMiddleware")


def test_healthz_skips_host_validation_and_https_redirect_in_production(
    client: Client, settings: Settings, load_settings: Callable[..., dict[str, Any]]
) -> None:
    production = load_settings(ENVIRONMENT="production", SECRET_KEY=secrets.token_urlsafe(48))
    for name in ("DEBUG", "ALLOWED_HOSTS", "MIDDLEWARE", "SECURE_SSL_REDIRECT"):
        setattr(settings, name, production[name])

    probe = client.get("/healthz", headers={"host": PROBE_HOST})
    page_from_unknown_host = client.get("/", headers={"host": PROBE_HOST})
    page_over_http = client.get("/", headers={"host": "localhost"})

    assert probe.status_code == 200
    assert probe.json() == HEALTHY
    assert page_from_unknown_host.status_code == 400
    assert page_over_http.status_code == 301
    assert page_over_http["Location"] == "https://localhost/"


# The real handlers close stale database connections around each request.
@pytest.mark.django_db
def test_wsgi_entry_point_serves_healthz() -> None:
    with mock.patch.dict(os.environ):  # the entry point loads .env into the environment
        wsgi = importlib.import_module("config.wsgi")
    environ: dict[str, Any] = {"PATH_INFO": "/healthz", "HTTP_HOST": PROBE_HOST}
    setup_testing_defaults(environ)
    statuses: list[str] = []

    def start_response(status: str, _headers: list[tuple[str, str]]) -> None:
        statuses.append(status)

    body = b"".join(wsgi.application(environ, start_response))

    assert statuses == ["200 OK"]
    assert json.loads(body) == HEALTHY


# The real handlers close stale database connections around each request.
@pytest.mark.django_db
def test_asgi_entry_point_serves_healthz() -> None:
    with mock.patch.dict(os.environ):  # the entry point loads .env into the environment
        asgi = importlib.import_module("config.asgi")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/healthz",
        "raw_path": b"/healthz",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", PROBE_HOST.encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def request() -> None:
        received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        received.put_nowait({"type": "http.request", "body": b"", "more_body": False})
        await asgi.application(scope, received.get, send)

    asyncio.run(request())

    assert sent[0]["status"] == 200
    assert json.loads(b"".join(message.get("body", b"") for message in sent[1:])) == HEALTHY
