"""The auth API: sign-up, the OAuth2 password flow, bearer tokens and the protected endpoint."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import Mock

import jwt
import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import Engine, text

from {{ cookiecutter.project_slug }}.auth import security
from {{ cookiecutter.project_slug }}.auth.schemas import (
    MAX_PASSWORD_BYTES,
    MIN_PASSWORD_LENGTH,
)
from {{ cookiecutter.project_slug }}.auth.service import WRONG_CREDENTIALS
from {{ cookiecutter.project_slug }}.settings import Settings
from tests.helpers import PASSWORD

Rows = Callable[[str], int]
# Captured before the tests swap in a fast hasher (auth_fixtures.fast_password_hashing).
PRODUCTION_HASH = security.password_hash


def register(client: TestClient, username: str = "ada", password: str = PASSWORD) -> Any:
    return client.post("/api/auth/register", json={"username": username, "password": password})


def sign_in(client: TestClient, username: str = "ada", password: str = PASSWORD) -> Any:
    return client.post("/api/auth/token", data={"username": username, "password": password})


def me(client: TestClient, token: str) -> Any:
    return client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})


def stored_hash(database: Engine, username: str) -> str:
    with database.connect() as connection:
        query = text("SELECT password_hash FROM users WHERE username = :username")
        return str(connection.execute(query, {"username": username}).scalar_one())


def test_sign_up_creates_the_account(client: TestClient) -> None:
    response = register(client)

    assert response.status_code == 201
    user = response.json()
    assert set(user) == {"id", "username", "created_at"}
    assert user["username"] == "ada"
    assert datetime.fromisoformat(user["created_at"]).tzinfo is not None


def test_only_an_argon2_hash_of_the_password_is_stored(
    client: TestClient, database: Engine
) -> None:
    register(client)

    hashed = stored_hash(database, "ada")

    assert hashed.startswith("$argon2id$")
    assert PASSWORD not in hashed


def test_production_hashes_use_argon2id_at_its_recommended_cost() -> None:
    hashed = PRODUCTION_HASH.hash(PASSWORD)

    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PRODUCTION_HASH.verify(PASSWORD, hashed)


def test_a_username_is_taken_once(client: TestClient, count_rows: Rows) -> None:
    register(client)

    response = register(client, password="another long password")

    assert response.status_code == 409
    assert response.json() == {"detail": "A user with that username already exists."}
    assert count_rows("users") == 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty"),
        pytest.param({"username": "ada"}, id="no-password"),
        pytest.param({"password": PASSWORD}, id="no-username"),
        pytest.param({"username": 42, "password": PASSWORD}, id="username-not-a-string"),
        pytest.param({"username": "ada", "password": ["x"]}, id="password-not-a-string"),
        pytest.param({"username": "ad", "password": PASSWORD}, id="username-too-short"),
        pytest.param({"username": "a" * 151, "password": PASSWORD}, id="username-too-long"),
        pytest.param({"username": "ada lovelace", "password": PASSWORD}, id="username-space"),
        pytest.param({"username": "ada/", "password": PASSWORD}, id="username-slash"),
        pytest.param(
            {"username": "ada", "password": "x" * (MIN_PASSWORD_LENGTH - 1)},
            id="password-too-short",
        ),
        pytest.param(
            {"username": "ada", "password": "é" * (MAX_PASSWORD_BYTES // 2 + 1)},
            id="password-too-many-bytes",
        ),
        pytest.param({"username": "ada", "password": PASSWORD, "admin": True}, id="extra-field"),
    ],
)
def test_bad_sign_ups_are_refused_and_create_nothing(
    client: TestClient, count_rows: Rows, body: dict[str, object]
) -> None:
    response = client.post("/api/auth/register", json=body)

    assert response.status_code == 422
    assert response.json()["detail"]
    assert count_rows("users") == 0


def test_validation_errors_do_not_echo_the_password(client: TestClient) -> None:
    response = register(client, password="tiny-pass")

    assert response.status_code == 422
    assert "tiny-pass" not in response.text
    assert "at least 12 characters" in response.text


def test_accepted_usernames(client: TestClient) -> None:
    for username in ("ada.l@example.com", "ada+test", "ada-l_1", "Adélaïde", "é" * 150):
        assert register(client, username).status_code == 201


def test_usernames_are_case_sensitive(client: TestClient, count_rows: Rows) -> None:
    assert register(client, "ada").status_code == 201
    assert register(client, "Ada").status_code == 201

    assert sign_in(client, "ADA").status_code == 401
    assert count_rows("users") == 2


def test_sign_in_gives_a_bearer_token_for_the_account(client: TestClient) -> None:
    register(client)

    response = sign_in(client)

    assert response.status_code == 200
    assert response.json()["token_type"] == "bearer"
    account = me(client, response.json()["access_token"])
    assert account.status_code == 200
    assert account.json()["username"] == "ada"


@pytest.mark.parametrize(
    ("username", "password"),
    [
        pytest.param("ada", "a wrong password", id="wrong-password"),
        pytest.param("nobody", PASSWORD, id="unknown-user"),
        pytest.param("ada", "x" * (MAX_PASSWORD_BYTES + 1), id="over-long-password"),
        pytest.param("a" * 151, PASSWORD, id="over-long-username"),
    ],
)
def test_a_failed_sign_in_says_the_same_thing_whatever_was_wrong(
    client: TestClient, username: str, password: str
) -> None:
    register(client)

    response = sign_in(client, username, password)

    assert response.status_code == 401
    assert response.json() == {"detail": WRONG_CREDENTIALS}
    assert response.headers["www-authenticate"] == "Bearer"


def test_an_unknown_user_costs_a_password_check(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    verify = Mock(return_value=False)
    monkeypatch.setattr(security.password_hash, "verify", verify)

    assert sign_in(client, "nobody").status_code == 401

    verify.assert_called_once_with(PASSWORD, security.DUMMY_HASH)


def test_a_hash_with_old_parameters_is_upgraded_at_sign_in(
    client: TestClient, database: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    weak = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=512, parallelism=1),))
    with monkeypatch.context() as patch:
        patch.setattr(security.password_hash, "hash", weak.hash)
        register(client)
    old = stored_hash(database, "ada")
    assert old.startswith("$argon2id$v=19$m=512,t=1,p=1$")

    assert sign_in(client).status_code == 200

    new = stored_hash(database, "ada")
    assert new != old
    assert security.password_hash.verify(PASSWORD, new)
    assert sign_in(client).status_code == 200


def test_the_account_needs_a_token(client: TestClient) -> None:
    response = client.get("/api/users/me")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def claims(**changes: object) -> dict[str, object]:
    """Return the claims of a valid token for user 1, with ``changes``."""
    expires = datetime.now(UTC) + timedelta(minutes=5)
    return {"sub": "1", "name": "ada", "exp": expires, **changes}


def encode(payload: dict[str, object], key: str) -> str:
    return jwt.encode(payload, key, algorithm=security.ALGORITHM)


def tampered(token: str) -> str:
    """Return the token with another payload under the original signature."""
    header, _, signature = token.split(".")
    forged = jwt.utils.base64url_encode(b'{"sub":"2","name":"root","exp":9999999999}').decode()
    return f"{header}.{forged}.{signature}"


EXPIRED = datetime.now(UTC) - timedelta(seconds=1)


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda key: encode(claims(exp=EXPIRED), key), id="expired"),
        pytest.param(lambda _: encode(claims(), "w" * 48), id="wrong-key"),
        pytest.param(lambda key: tampered(encode(claims(), key)), id="tampered"),
        pytest.param(
            lambda key: jwt.encode(claims(), key, algorithm="HS512"), id="other-algorithm"
        ),
        pytest.param(
            lambda key: encode({k: v for k, v in claims().items() if k != "exp"}, key),
            id="no-expiry",
        ),
        pytest.param(lambda key: encode(claims(sub="ada"), key), id="subject-not-an-id"),
        pytest.param(lambda key: encode(claims(sub="999"), key), id="unknown-user"),
        pytest.param(lambda _: "not.a.token", id="malformed"),
    ],
)
def test_invalid_tokens_are_refused(
    client: TestClient, settings: Settings, make_token: Callable[[str], str]
) -> None:
    register(client)

    response = me(client, make_token(settings.secret_key.get_secret_value()))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_tokens_expire_after_the_configured_minutes(settings: Settings) -> None:
    token = security.create_access_token(1, "ada", settings)

    payload = jwt.decode(token, options={"verify_signature": False})

    lifetime = payload["exp"] - datetime.now(UTC).timestamp()
    assert settings.access_token_expire_minutes == 30
    assert 29 * 60 < lifetime <= 30 * 60
    assert payload["sub"] == "1"


def test_the_docs_authorize_button_uses_the_token_route(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    flow = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]["password"]
    assert flow["tokenUrl"] == "/api/auth/token"
    assert {"/api/auth/register", "/api/auth/token", "/api/users/me"} <= set(schema["paths"])
