from pathlib import Path

import pytest
from flask import Flask, request, session
from pydantic import ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.settings import Settings

STRONG_SECRET = "s" * 32


def add_session_routes(app: Flask) -> None:
    """Add a route that stores a value in the session and one that reads it back."""

    @app.get("/remember")
    def remember() -> str:
        session["seen"] = "yes"
        return "ok"

    @app.get("/recall")
    def recall() -> str:
        return str(session.get("seen", "no"))


def session_cookie_header(app: Flask) -> str:
    """Return the Set-Cookie header of a response that stores something in the session."""
    add_session_routes(app)
    return app.test_client().get("/remember").headers["Set-Cookie"]


def test_secret_key_comes_from_the_settings(app: Flask, settings: Settings) -> None:
    assert app.secret_key == settings.secret_key.get_secret_value()


def test_session_survives_between_requests(app: Flask) -> None:
    add_session_routes(app)
    client = app.test_client()

    assert client.get("/recall").text == "no"
    client.get("/remember")
    assert client.get("/recall").text == "yes"


def test_session_cookie_with_a_wrong_signature_is_ignored(app: Flask) -> None:
    add_session_routes(app)
    client = app.test_client()
    client.get("/remember")
    cookie = client.get_cookie("session")
    assert cookie is not None

    client.set_cookie("session", cookie.value[:-2] + "xx")

    assert client.get("/recall").text == "no"


def test_development_session_cookie_works_over_http(app: Flask) -> None:
    header = session_cookie_header(app)

    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Secure" not in header


def test_production_session_cookie_is_secure(production_settings: Settings) -> None:
    header = session_cookie_header(create_app(production_settings))

    assert "Secure" in header
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header


def test_a_request_body_over_one_mib_is_refused(app: Flask) -> None:
    one_mib = b"x" * 1024 * 1024
    with app.test_request_context(method="POST", data=one_mib):
        assert request.get_data() == one_mib

    with (
        app.test_request_context(method="POST", data=one_mib + b"x"),
        pytest.raises(RequestEntityTooLarge),
    ):
        request.get_data()


def test_the_body_size_limit_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "10")
    app = create_app()

    with (
        app.test_request_context(method="POST", data=b"x" * 11),
        pytest.raises(RequestEntityTooLarge),
    ):
        request.get_data()


def test_create_app_reads_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)

    app = create_app()

    assert app.secret_key == STRONG_SECRET
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_production_refuses_to_start_without_a_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ENVIRONMENT", "production")

    with pytest.raises(ValidationError, match="SECRET_KEY"):
        create_app()
