"""Sign-up, sign-in, sign-out and the account page, with the security list of each."""

import io
from collections.abc import Callable
from datetime import UTC

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import delete, func, select, update
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.auth import passwords
from {{ cookiecutter.project_slug }}.auth.models import User
from {{ cookiecutter.project_slug }}.auth.views import SIGN_IN_ERROR, safe_next_url
from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.settings import Settings

# The password of the users that the sign_up fixture makes.
PASSWORD = "correct horse battery staple"

Submit = Callable[..., TestResponse]
SignUp = Callable[[str], TestResponse]


@pytest.fixture
def registered(sign_up: SignUp, sign_out: Callable[[], None]) -> None:
    """The user ada, who signed up, then out."""
    sign_up("ada")
    sign_out()


def users(app: Flask) -> list[User]:
    with app.app_context():
        return list(db.session.execute(select(User)).scalars())


def user_count(app: Flask) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(User)).scalar_one()


def sign_up_data(username: str = "ada", password: str = PASSWORD) -> dict[str, str]:
    return {"username": username, "password": password, "password_confirmation": password}


def sign_in(submit: Submit, username: str = "ada", password: str = PASSWORD) -> TestResponse:
    return submit("/auth/login", {"username": username, "password": password})


def test_sign_up_page_has_labelled_fields(client: FlaskClient) -> None:
    page = client.get("/auth/register").text

    assert '<label for="username">Username</label>' in page
    assert '<label for="password">Password</label>' in page
    assert '<label for="password_confirmation">Password confirmation</label>' in page
    assert 'type="submit" value="Sign up"' in page
    assert 'href="/static/forms.css"' in page


def test_the_navigation_offers_to_sign_up_or_in(client: FlaskClient) -> None:
    page = client.get("/").text

    assert '<a href="/auth/register">Sign up</a>' in page
    assert '<a href="/auth/login">Sign in</a>' in page
    assert "Sign out" not in page
    assert 'href="/static/auth.css"' in page


def test_sign_up_stores_an_argon2_hash_and_signs_in(
    app: Flask, client: FlaskClient, submit: Submit
) -> None:
    response = submit("/auth/register", sign_up_data())

    assert response.status_code == 303
    assert response.location == "/"
    [user] = users(app)
    assert user.username == "ada"
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert user.created_at.tzinfo == UTC
    page = client.get("/").text
    assert "Signed in as ada" in page
    assert '<button type="submit">Sign out</button>' in page


def test_the_longest_username_fits_the_database(app: Flask, sign_up: SignUp) -> None:
    sign_up("é" * 150)

    assert [user.username for user in users(app)] == ["é" * 150]


def test_a_username_is_normalized(app: Flask, submit: Submit) -> None:
    submit("/auth/register", sign_up_data(username="\uff41\uff44\uff41"))  # fullwidth "ada"

    assert [user.username for user in users(app)] == ["ada"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "This field is required."),
        (sign_up_data(username=""), "This field is required."),
        (sign_up_data(username="ab"), "between 3 and 150 characters"),
        (sign_up_data(username="a" * 151), "between 3 and 150 characters"),
        (sign_up_data(username="ada lovelace"), "Use only letters, digits and @ . + - _"),
        (sign_up_data(username="<script>"), "Use only letters, digits and @ . + - _"),
        (sign_up_data(password="eleven char"), "at least 12 characters"),
        (sign_up_data(password="é" * 65), "Use at most 128 bytes"),
        (sign_up_data() | {"password_confirmation": PASSWORD + "!"}, "passwords differ"),
        (sign_up_data() | {"password": ""}, "This field is required."),
    ],
    ids=[
        "nothing",
        "no-username",
        "username-too-short",
        "username-too-long",
        "username-with-space",
        "username-with-markup",
        "password-too-short",
        "password-over-128-bytes",
        "confirmation-differs",
        "no-password",
    ],
)
def test_bad_sign_up_shows_an_error_and_creates_nothing(
    app: Flask, submit: Submit, data: dict[str, str], error: str
) -> None:
    response = submit("/auth/register", data)

    assert response.status_code == 200
    assert error in response.text
    assert 'class="error"' in response.text
    assert user_count(app) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"json": {"username": 123, "password": [PASSWORD], "password_confirmation": None}},
        {"json": [sign_up_data()]},
        {"data": sign_up_data() | {"username": (io.BytesIO(b"ada"), "ada.txt")}},
    ],
    ids=["json-object", "json-array", "file"],
)
def test_values_that_are_not_form_text_create_nothing(
    app: Flask, client: FlaskClient, csrf_token: Callable[[str], str], body: dict[str, object]
) -> None:
    token = csrf_token("/auth/register")

    response = client.post("/auth/register", headers={"X-CSRFToken": token}, **body)

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert user_count(app) == 0


@pytest.mark.usefixtures("registered")
def test_a_taken_username_is_refused(app: Flask, submit: Submit) -> None:
    response = submit("/auth/register", sign_up_data(password="another good password"))

    assert response.status_code == 200
    assert "A user with that username already exists." in response.text
    assert user_count(app) == 1


@pytest.mark.parametrize("token", [None, "forged"], ids=["missing", "invalid"])
def test_sign_up_without_a_valid_csrf_token_is_refused(
    app: Flask, client: FlaskClient, token: str | None
) -> None:
    client.get("/auth/register")
    data = sign_up_data() | ({"csrf_token": token} if token else {})

    response = client.post("/auth/register", data=data)

    assert response.status_code == 400
    assert user_count(app) == 0


@pytest.mark.usefixtures("registered")
def test_sign_in_then_see_the_account_page(client: FlaskClient, submit: Submit) -> None:
    page = client.get("/auth/login").text
    assert '<label for="username">Username</label>' in page
    assert '<label for="password">Password</label>' in page
    assert 'type="submit" value="Sign in"' in page

    response = sign_in(submit)

    assert response.status_code == 303
    assert response.location == "/"
    assert "Signed in as ada" in client.get("/").text
    assert "Signed in as ada" in client.get("/account").text


@pytest.mark.usefixtures("registered")
@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("ada", "not the password at all"),
        ("nobody", PASSWORD),
        ("ADA", PASSWORD),
        ("ada\x00", PASSWORD),
    ],
    ids=["wrong-password", "unknown-user", "other-case", "nul-character"],
)
def test_failed_sign_in_says_the_same_for_every_cause(
    client: FlaskClient, submit: Submit, username: str, password: str
) -> None:
    response = sign_in(submit, username, password)

    assert response.status_code == 200
    assert SIGN_IN_ERROR in response.text
    assert "correct username and password" in response.text
    assert "Signed in as" not in response.text
    assert client.get("/account").status_code == 302


@pytest.mark.parametrize(
    "data", [{}, {"username": "ada"}, {"password": PASSWORD}, {"username": "a" * 151}]
)
def test_incomplete_sign_in_is_a_form_error(submit: Submit, data: dict[str, str]) -> None:
    response = submit("/auth/login", data)

    assert response.status_code == 200
    assert 'class="error"' in response.text


def test_an_unknown_user_costs_a_password_verification(
    submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real_verify = passwords.verify_password

    def spy(password_hash: str, password: str) -> bool:
        verified.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", spy)

    sign_in(submit, "nobody", PASSWORD)

    assert verified == [passwords.dummy_hash()]


def test_the_dummy_hash_costs_what_a_real_one_does() -> None:
    dummy = passwords.dummy_hash()

    assert dummy.startswith("$argon2id$")
    assert not passwords.needs_rehash(dummy)
    assert dummy.split("$")[:4] == passwords.hash_password("x").split("$")[:4]


@pytest.mark.usefixtures("registered")
def test_a_hash_made_with_weaker_parameters_is_upgraded_at_sign_in(
    app: Flask, submit: Submit
) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    with app.app_context():
        db.session.execute(update(User).values(password_hash=weak))
        db.session.commit()

    assert sign_in(submit).status_code == 303

    [user] = users(app)
    assert user.password_hash != weak
    assert not passwords.needs_rehash(user.password_hash)


@pytest.mark.parametrize("corrupt", ["", "not a hash", "$argon2id$v=19$m=65536,t=3,p=4$broken"])
def test_a_corrupt_stored_hash_never_matches(corrupt: str) -> None:
    assert not passwords.verify_password(corrupt, PASSWORD)


@pytest.mark.usefixtures("registered")
def test_anonymous_visitors_are_sent_to_sign_in_and_back(
    client: FlaskClient, submit: Submit
) -> None:
    response = client.get("/account")

    assert response.status_code == 302
    assert response.location == "/auth/login?next=%2Faccount"
    assert "Please sign in to see this page." in client.get(response.location).text
    signed_in = submit(response.location, {"username": "ada", "password": PASSWORD})
    assert signed_in.status_code == 303
    assert signed_in.location == "/account"


@pytest.mark.parametrize(
    "target",
    ["/account", "/account?tab=1#top", "/a/b/../c", "/%2F%2Fexample.com"],
)
def test_a_path_on_this_site_is_a_safe_next(target: str) -> None:
    assert safe_next_url(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "account",
        "//example.com",
        "//example.com/account",
        "///example.com",
        "http://example.com/",
        "https://example.com/account",
        "javascript:alert(1)",
        "/\\example.com",
        "\\\\example.com",
        "/\t/example.com",
        "/\n/example.com",
        "/\x00",
        " //example.com",
    ],
)
def test_anything_else_is_not_a_safe_next(target: str | None) -> None:
    assert safe_next_url(target) is None


@pytest.mark.usefixtures("registered")
@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/account", "/account"),
        ("//example.com", "/"),
        ("https://example.com/", "/"),
        ("/\\example.com", "/"),
    ],
)
def test_sign_in_follows_only_a_safe_next(submit: Submit, target: str, location: str) -> None:
    credentials = {"username": "ada", "password": PASSWORD}

    response = submit("/auth/login", credentials, query_string={"next": target})

    assert response.status_code == 303
    assert response.location == location


def test_sign_out_ends_the_session(
    client: FlaskClient, sign_up: SignUp, csrf_token: Callable[[str], str]
) -> None:
    sign_up("ada")

    response = client.post("/auth/logout", data={"csrf_token": csrf_token("/")})

    assert response.status_code == 303
    assert response.location == "/"
    assert "Signed in as" not in client.get("/").text
    assert client.get("/account").status_code == 302


@pytest.mark.parametrize("data", [{}, {"csrf_token": "forged"}], ids=["missing", "invalid"])
def test_sign_out_needs_a_csrf_token(
    client: FlaskClient, sign_up: SignUp, data: dict[str, str]
) -> None:
    sign_up("ada")

    assert client.post("/auth/logout", data=data).status_code == 400
    assert "Signed in as ada" in client.get("/").text


def test_sign_out_is_not_a_link(client: FlaskClient, sign_up: SignUp) -> None:
    sign_up("ada")

    assert client.get("/auth/logout").status_code == 405
    assert "Signed in as ada" in client.get("/").text


def test_signing_in_starts_a_new_session(client: FlaskClient, sign_up: SignUp) -> None:
    with client.session_transaction() as anonymous:
        anonymous["planted"] = "by someone else"

    sign_up("ada")

    with client.session_transaction() as signed_in:
        assert "planted" not in signed_in
        assert signed_in["_user_id"]


def test_a_session_used_from_another_browser_is_signed_out(
    client: FlaskClient, sign_up: SignUp
) -> None:
    sign_up("ada")
    assert "Signed in as ada" in client.get("/").text

    page = client.get("/", headers={"User-Agent": "another browser"}).text

    assert "Signed in as" not in page


def test_a_deleted_user_is_signed_out(app: Flask, client: FlaskClient, sign_up: SignUp) -> None:
    sign_up("ada")
    with app.app_context():
        db.session.execute(delete(User))
        db.session.commit()

    assert "Signed in as" not in client.get("/").text


def test_production_session_cookie_is_secure_after_sign_in(
    production_settings: Settings,
) -> None:
    app = create_app(production_settings)
    with app.app_context():
        upgrade()
    client = app.test_client()
    page = client.get("/auth/register").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]

    response = client.post("/auth/register", data={"csrf_token": token, **sign_up_data()})

    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
