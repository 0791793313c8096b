"""The sign-up, sign-in and sign-out pages, their cookie, and safe redirects after sign-in."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.project_slug }}.auth.dependencies import AUTH_COOKIE
from {{ cookiecutter.project_slug }}.auth.security import is_safe_redirect
from {{ cookiecutter.project_slug }}.auth.service import WRONG_CREDENTIALS
from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings
from tests.helpers import PASSWORD, csrf_token


def sign_up(client: TestClient, **fields: str) -> Any:
    data = {"username": "ada", "password": PASSWORD, "password_confirmation": PASSWORD}
    data |= {"csrf_token": csrf_token(client, "/auth/register")} | fields
    return client.post("/auth/register", data=data)


def sign_in(client: TestClient, query: str = "", **fields: str) -> Any:
    data = {"username": "grace", "password": PASSWORD, "next": ""}
    data |= {"csrf_token": csrf_token(client, f"/auth/login{query}")} | fields
    return client.post("/auth/login", data=data)


def test_signed_out_pages_offer_sign_up_and_sign_in(client: TestClient) -> None:
    page = client.get("/").text

    assert 'href="/auth/register">Sign up</a>' in page
    assert 'href="/auth/login">Sign in</a>' in page
    assert "Signed in as" not in page


def test_the_sign_up_form_has_labelled_fields(client: TestClient) -> None:
    page = client.get("/auth/register").text

    for name, label in [
        ("username", "Username"),
        ("password", "Password"),
        ("password_confirmation", "Password confirmation"),
    ]:
        assert f'<label for="{name}">{label}</label>' in page
        assert f'id="{name}" name="{name}"' in page
    assert '<button type="submit">Sign up</button>' in page


def test_sign_up_signs_the_browser_in(client: TestClient) -> None:
    response = sign_up(client)

    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert AUTH_COOKIE in response.cookies
    page = client.get("/").text
    assert "Signed in as ada" in page
    assert "Sign out</button>" in page
    assert "Sign up</a>" not in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"password_confirmation": "something else!"}, "password_confirmation", "differ"),
        ({"password": "short", "password_confirmation": "short"}, "password", "at least 12"),
        ({"username": "no spaces"}, "username", "should match pattern"),
        ({"password": "é" * 65, "password_confirmation": "é" * 65}, "password", "128 bytes"),
    ],
)
def test_sign_up_errors_are_shown_next_to_their_field(
    client: TestClient, count_rows: Any, fields: dict[str, str], field: str, message: str
) -> None:
    response = sign_up(client, **fields)

    assert response.status_code == 200
    assert f'<span class="error" id="{field}-error">' in response.text
    assert message in response.text
    assert "Value error" not in response.text
    assert count_rows("users") == 0


def test_a_taken_username_is_shown_on_the_form(signed_in: TestClient, count_rows: Any) -> None:
    signed_in.cookies.delete(AUTH_COOKIE)

    response = sign_up(signed_in, username="grace")

    assert response.status_code == 200
    assert "A user with that username already exists." in response.text
    assert count_rows("users") == 1


def test_sign_up_without_the_csrf_token_is_refused(client: TestClient, count_rows: Any) -> None:
    response = sign_up(client, csrf_token="forged")

    assert response.status_code == 403
    assert count_rows("users") == 0


def test_sign_up_with_an_unexpected_field_is_refused(client: TestClient, count_rows: Any) -> None:
    response = sign_up(client, is_admin="yes")

    assert response.status_code == 422
    assert count_rows("users") == 0


def test_sign_in_and_out(signed_in: TestClient) -> None:
    token = csrf_token(signed_in, "/")
    signed_in.cookies.delete(AUTH_COOKIE)
    assert "Signed in as" not in signed_in.get("/").text

    response = sign_in(signed_in)
    assert response.status_code == 303
    assert "Signed in as grace" in signed_in.get("/").text

    response = signed_in.post("/auth/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert AUTH_COOKIE not in signed_in.cookies
    assert "Sign in</a>" in signed_in.get("/").text


def test_sign_out_needs_the_csrf_token(signed_in: TestClient) -> None:
    response = signed_in.post("/auth/logout", data={"csrf_token": "forged"})

    assert response.status_code == 403
    assert "Signed in as grace" in signed_in.get("/").text


@pytest.mark.parametrize(
    ("username", "password"),
    [("grace", "a wrong password"), ("nobody", PASSWORD)],
    ids=["wrong-password", "unknown-user"],
)
def test_a_failed_sign_in_shows_one_message(
    signed_in: TestClient, username: str, password: str
) -> None:
    signed_in.cookies.delete(AUTH_COOKIE)

    response = sign_in(signed_in, username=username, password=password)

    assert response.status_code == 200
    assert WRONG_CREDENTIALS in response.text
    assert AUTH_COOKIE not in response.cookies


def test_sign_in_follows_a_safe_next(signed_in: TestClient) -> None:
    signed_in.cookies.delete(AUTH_COOKIE)
    page = signed_in.get("/auth/login?next=/account").text
    assert 'name="next" value="/account"' in page

    response = sign_in(signed_in, "?next=/account", next="/account")

    assert response.headers["location"] == "/account"
    assert "grace" in signed_in.get("/account").text


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "evil.example",
        "javascript:alert(1)",
        "/\tevil",
        "",
    ],
)
def test_sign_in_refuses_an_unsafe_next(signed_in: TestClient, target: str) -> None:
    signed_in.cookies.delete(AUTH_COOKIE)

    response = sign_in(signed_in, next=target)

    assert response.status_code == 303
    assert response.headers["location"] == "/"


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/", True),
        ("/account?tab=keys", True),
        ("/a/b#part", True),
        ("//evil.example", False),
        ("///evil.example", False),
        ("https://evil.example", False),
        ("/\\evil.example", False),
        ("http:/evil.example", False),
        ("relative/path", False),
        ("/\nSet-Cookie: x", False),
    ],
)
def test_is_safe_redirect(target: str, *, safe: bool) -> None:
    assert is_safe_redirect(target) is safe


def test_the_account_page_needs_a_signed_in_browser(client: TestClient) -> None:
    response = client.get("/account", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/auth/login?next=%2Faccount"


@pytest.mark.parametrize(("environment", "secure"), [("development", False), ("production", True)])
def test_the_sign_in_cookie_is_http_only_same_site_and_secure_in_production(
    settings: Settings, environment: str, *, secure: bool
) -> None:
    with TestClient(create_app(settings)):
        pass  # the development app migrates the test database
    app = create_app(settings.model_copy(update={"environment": environment}))

    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        response = sign_up(client)

    cookie = next(
        header
        for header in response.headers.get_list("set-cookie")
        if header.startswith(f"{AUTH_COOKIE}=")
    ).lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "max-age=1800" in cookie
    assert ("secure" in cookie.split("; ")) is secure
