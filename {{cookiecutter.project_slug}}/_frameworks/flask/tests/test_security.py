"""Security headers: on every response, HSTS in production only."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.settings import Settings

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
PATHS = ["/", "/healthz", "/no-such-page", "/static/style.css"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_has_the_security_headers(client: FlaskClient, path: str) -> None:
    response = client.get(path)

    for name, value in HEADERS.items():
        assert response.headers[name] == value
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "Strict-Transport-Security" not in response.headers
    response.close()


@pytest.mark.parametrize("path", PATHS)
def test_production_tells_browsers_to_use_only_https(
    production_settings: Settings, path: str
) -> None:
    response = create_app(production_settings).test_client().get(path)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert response.headers["X-Frame-Options"] == "DENY"
    response.close()


def test_a_view_may_set_a_header_of_its_own(app: Flask) -> None:
    @app.get("/embeddable")
    def embeddable() -> tuple[str, dict[str, str]]:
        return "ok", {"X-Frame-Options": "SAMEORIGIN"}

    response = app.test_client().get("/embeddable")

    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
