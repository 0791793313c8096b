"""Fixtures: posting forms with their CSRF token, as a browser does."""

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CSRF_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def csrf_token(client: FlaskClient) -> Callable[[str], str]:
    """Return a function that reads the CSRF token of the form in the page at a path."""

    def csrf_token(path: str) -> str:
        match = CSRF_TOKEN.search(client.get(path).text)
        assert match, f"no CSRF token in the page at {path}"
        return match.group(1)

    return csrf_token


@pytest.fixture
def submit(client: FlaskClient, csrf_token: Callable[[str], str]) -> Callable[..., TestResponse]:
    """Return a function that posts ``data`` to the form at a path, with its CSRF token."""

    def submit(path: str, data: dict[str, str], **kwargs: object) -> TestResponse:
        return client.post(path, data={"csrf_token": csrf_token(path), **data}, **kwargs)

    return submit
