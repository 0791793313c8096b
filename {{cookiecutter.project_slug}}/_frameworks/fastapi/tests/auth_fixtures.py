"""Fixtures: passwords hashed fast, and users signed up through the API and the pages."""

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from {{ cookiecutter.project_slug }}.auth import security
from tests.helpers import PASSWORD, csrf_token


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords with argon2 at its lowest cost: the tests check what is done, not how hard.

    test_auth_api checks the parameters of the real hasher.
    """
    fast = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
    monkeypatch.setattr(security, "password_hash", fast)


@pytest.fixture
def token(client: TestClient) -> str:
    """Sign ada up through the API and return her bearer token."""
    credentials = {"username": "ada", "password": PASSWORD}
    assert client.post("/api/auth/register", json=credentials).status_code == 201
    response = client.post("/api/auth/token", data=credentials)
    assert response.status_code == 200
    return str(response.json()["access_token"])


@pytest.fixture
def signed_in(client: TestClient) -> TestClient:
    """Sign grace up through the pages: the client then holds her cookie."""
    response = client.post(
        "/auth/register",
        data={
            "username": "grace",
            "password": PASSWORD,
            "password_confirmation": PASSWORD,
            "csrf_token": csrf_token(client, "/auth/register"),
        },
    )
    assert response.status_code == 303
    return client
