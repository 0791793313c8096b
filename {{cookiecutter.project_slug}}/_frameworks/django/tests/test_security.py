"""Security headers on every page and JSON answer; HSTS only in production; body size limit."""

import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pytest_django import Settings

APP_DIR = Path(__file__).resolve().parent.parent / "{{ cookiecutter.project_slug }}"
# What the policy refuses to run: inline scripts, event handler attributes and inline styles.
INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=|\sstyle=|<style", re.IGNORECASE)


def assert_security_headers(response: Any) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/no-such-page/"])
def test_pages_have_security_headers(client: Client, path: str) -> None:
    response = client.get(path)
    policy = response["Content-Security-Policy"]

    assert_security_headers(response)
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "form-action 'self'" in policy


def test_healthz_has_security_headers(client: Client) -> None:
    assert_security_headers(client.get("/healthz"))
{%- if cookiecutter.ml_model %}


def test_json_answers_have_security_headers(client: Client) -> None:
    response = client.get("/api/model")

    assert response["Content-Type"] == "application/json"
    assert_security_headers(response)
{%- endif %}


def test_no_template_has_inline_script_or_style() -> None:
    templates = list(APP_DIR.rglob("templates/**/*.html"))
    inline = {
        str(template.relative_to(APP_DIR)): found
        for template in templates
        if (found := INLINE_CODE.findall(template.read_text(encoding="utf-8")))
    }

    assert templates
    assert inline == {}


def test_admin_login_page_runs_under_the_policy(client: Client) -> None:
    html = client.get("/admin/login/").content.decode()

    assert INLINE_CODE.findall(html) == []


def test_no_hsts_in_development(client: Client) -> None:
    response = client.get("/", secure=True)

    assert "Strict-Transport-Security" not in response


def test_hsts_in_production_over_https(
    client: Client, settings: Settings, load_settings: Callable[..., dict[str, Any]]
) -> None:
    production = load_settings(ENVIRONMENT="production", SECRET_KEY=secrets.token_urlsafe(48))
    for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"):
        setattr(settings, name, production[name])

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == (
        f"max-age={production['SECURE_HSTS_SECONDS']}; includeSubDomains; preload"
    )
    assert "Strict-Transport-Security" not in client.get("/")


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused(client: Client, settings: Settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    small = client.post("/admin/login/", {"username": "ada", "password": "x" * 512})
    large = client.post("/admin/login/", {"username": "ada", "password": "x" * 2048})

    assert small.status_code == 200  # the form again, with its error
    assert large.status_code == 400
