"""Fixtures: users who sign up and out, with passwords hashed fast."""

from collections.abc import Callable

import pytest
from argon2 import PasswordHasher, profiles
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }}.auth import passwords


@pytest.fixture(autouse=True)
def fast_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash with argon2's cheapest parameters: the tests check what happens, not what it costs."""
    monkeypatch.setattr(passwords, "hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))


@pytest.fixture
def sign_up(submit: Callable[..., TestResponse]) -> Callable[[str], TestResponse]:
    """Return a function that signs a new user up (and so in), with a valid password."""

    def sign_up(username: str) -> TestResponse:
        password = "correct horse battery staple"
        data = {"username": username, "password": password, "password_confirmation": password}
        response = submit("/auth/register", data)
        assert response.status_code == 303, response.text
        return response

    return sign_up


@pytest.fixture
def sign_out(client: FlaskClient, csrf_token: Callable[[str], str]) -> Callable[[], None]:
    """Return a function that signs the client's user out, with the button of the pages."""

    def sign_out() -> None:
        response = client.post("/auth/logout", data={"csrf_token": csrf_token("/")})
        assert response.status_code == 303

    return sign_out
