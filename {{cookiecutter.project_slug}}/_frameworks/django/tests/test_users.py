"""Sign-up, sign-in, sign-out and the profile page, with the security rules they keep."""

import secrets
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from {{ cookiecutter.project_slug }}.users.models import User

PASSWORD = "correct horse battery staple"  # noqa: S105 (the tests' own)
SIGNUP_URL = "/accounts/signup/"
LOGIN_URL = "/accounts/login/"
LOGOUT_URL = "/accounts/logout/"
PROFILE_URL = "/accounts/profile/"
WRONG_CREDENTIALS = (
    "Please enter a correct username and password. Note that both fields may be case-sensitive."
)
# Targets of `next` that lead off the site, or nowhere: all refused.
UNSAFE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "javascript:alert(1)",
    "ftp://evil.example/",
]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash with argon2 still, at the lowest cost: the tests sign in many times."""
    monkeypatch.setattr(Argon2PasswordHasher, "time_cost", 1)
    monkeypatch.setattr(Argon2PasswordHasher, "memory_cost", 8)
    monkeypatch.setattr(Argon2PasswordHasher, "parallelism", 1)


@pytest.fixture
def ada() -> User:
    return User.objects.create_user("ada", password=PASSWORD)


def sign_up(client: Client, **fields: str) -> Any:
    data = {"username": "ada", "password1": PASSWORD, "password2": PASSWORD, **fields}
    return client.post(SIGNUP_URL, data)


def sign_in(client: Client, username: str, password: str, **fields: str) -> Any:
    return client.post(LOGIN_URL, {"username": username, "password": password, **fields})


def has_label(html: str, name: str, text: str) -> bool:
    return f'<label for="id_{name}">{text}</label>' in html and f'id="id_{name}"' in html


def test_the_settings_use_the_users_app_argon2_and_long_passwords(
    load_settings: Callable[..., dict[str, Any]],
) -> None:
    settings = load_settings()
    minimum_length = next(
        validator
        for validator in settings["AUTH_PASSWORD_VALIDATORS"]
        if validator["NAME"].endswith(".MinimumLengthValidator")
    )

    assert settings["AUTH_USER_MODEL"] == "users.User"
    assert settings["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert minimum_length["OPTIONS"] == {"min_length": 12}
    assert len(settings["AUTH_PASSWORD_VALIDATORS"]) == 4


def test_sign_up_page_has_labelled_fields(client: Client) -> None:
    response = client.get(SIGNUP_URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert has_label(html, "username", "Username")
    assert has_label(html, "password1", "Password")
    assert has_label(html, "password2", "Password confirmation")
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<button type="submit">Sign up</button>' in html


def test_sign_up_stores_an_argon2_hash_and_signs_the_user_in(client: Client) -> None:
    response = sign_up(client)

    user = User.objects.get(username="ada")
    assert response.status_code == 303
    assert response["Location"] == PROFILE_URL
    assert user.password.startswith("argon2$")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)
    profile = client.get(PROFILE_URL).content.decode()
    assert "Signed in as ada" in profile


def test_sign_up_follows_a_path_of_this_site(client: Client) -> None:
    response = sign_up(client, next="/admin/?q=1")

    assert response.status_code == 303
    assert response["Location"] == "/admin/?q=1"


@pytest.mark.parametrize("target", UNSAFE_NEXT)
def test_sign_up_refuses_to_go_off_the_site(client: Client, target: str) -> None:
    response = sign_up(client, next=target)

    assert response.status_code == 303
    assert response["Location"] == PROFILE_URL


def test_sign_up_keeps_next_for_the_form(client: Client) -> None:
    html = client.get(SIGNUP_URL, {"next": "/admin/"}).content.decode()

    assert '<input type="hidden" name="next" value="/admin/">' in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"password1": "short pass", "password2": "short pass"}, "password2", "at least 12"),
        ({"password1": "password1234", "password2": "password1234"}, "password2", "too common"),
        ({"password1": "839201746352", "password2": "839201746352"}, "password2", "numeric"),
        ({"password2": "another password"}, "password2", "match"),
        ({"username": "ab"}, "username", "at least 3 characters"),
        ({"username": "a" * 151}, "username", "at most 150 characters"),
        ({"username": "ada lovelace"}, "username", "Enter a valid username"),
        ({"username": "<script>"}, "username", "Enter a valid username"),
        ({"username": ""}, "username", "This field is required"),
        ({"password1": ""}, "password1", "This field is required"),
    ],
    ids=[
        "short-password",
        "common-password",
        "numeric-password",
        "passwords-differ",
        "short-username",
        "long-username",
        "space-in-username",
        "html-in-username",
        "no-username",
        "no-password",
    ],
)
def test_sign_up_refuses_bad_input_and_creates_nobody(
    client: Client, fields: dict[str, str], field: str, message: str
) -> None:
    response = sign_up(client, **fields)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not User.objects.exists()
    assert SESSION_KEY not in client.session


def test_sign_up_refuses_a_taken_username_whatever_its_case(client: Client, ada: User) -> None:
    response = sign_up(client, username="ADA")

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "A user with that username already exists."
    ]
    assert list(User.objects.all()) == [ada]


def test_sign_up_without_a_csrf_token_is_refused() -> None:
    response = sign_up(Client(enforce_csrf_checks=True))

    assert response.status_code == 403
    assert not User.objects.exists()


def test_sign_in_page_has_labelled_fields(client: Client) -> None:
    html = client.get(LOGIN_URL).content.decode()

    assert has_label(html, "username", "Username")
    assert has_label(html, "password", "Password")
    assert '<button type="submit">Sign in</button>' in html


def test_sign_in_goes_to_the_profile(client: Client, ada: User) -> None:
    response = sign_in(client, "ada", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    assert client.session[SESSION_KEY] == str(ada.pk)


@pytest.mark.usefixtures("ada")
def test_sign_in_follows_a_path_of_this_site(client: Client) -> None:
    response = sign_in(client, "ada", PASSWORD, next="/admin/")

    assert response["Location"] == "/admin/"


@pytest.mark.usefixtures("ada")
@pytest.mark.parametrize("target", UNSAFE_NEXT)
def test_sign_in_refuses_to_go_off_the_site(client: Client, target: str) -> None:
    response = sign_in(client, "ada", PASSWORD, next=target)

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL


@pytest.mark.usefixtures("ada")
def test_wrong_password_and_unknown_user_get_the_same_message(client: Client) -> None:
    wrong_password = sign_in(client, "ada", "not the password at all")
    unknown_user = sign_in(client, "nobody", PASSWORD)

    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [WRONG_CREDENTIALS]
        assert WRONG_CREDENTIALS in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.usefixtures("ada")
def test_an_unknown_user_costs_an_argon2_hash_like_a_known_one(client: Client) -> None:
    # Django's ModelBackend hashes the password given for an unknown user, so that the answer
    # takes as long as checking a real user's password: the time tells nothing.
    encode = Argon2PasswordHasher.encode
    with mock.patch.object(
        Argon2PasswordHasher, "encode", autospec=True, side_effect=encode
    ) as hashed:
        sign_in(client, "nobody", "a password for nobody")
    assert hashed.call_count == 1
    assert hashed.call_args.args[1] == "a password for nobody"

    verify = Argon2PasswordHasher.verify
    with mock.patch.object(
        Argon2PasswordHasher, "verify", autospec=True, side_effect=verify
    ) as verified:
        sign_in(client, "ada", "not the password at all")
    assert verified.call_count == 1


def test_sign_in_without_a_csrf_token_is_refused(ada: User) -> None:
    client = Client(enforce_csrf_checks=True)

    response = sign_in(client, "ada", PASSWORD)

    assert response.status_code == 403
    assert SESSION_KEY not in client.session
    ada.refresh_from_db()
    assert ada.last_login is None


@pytest.mark.parametrize(
    "fields",
    [{"username": "ada"}, {"password": PASSWORD}, {"username": "a" * 10_000, "password": "x"}],
    ids=["no-password", "no-username", "huge-username"],
)
def test_sign_in_with_bad_input_is_a_form_error(client: Client, fields: dict[str, str]) -> None:
    response = client.post(LOGIN_URL, fields)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert SESSION_KEY not in client.session


@pytest.mark.usefixtures("ada")
def test_session_cookie_flags_in_production(
    client: Client, settings: Settings, load_settings: Callable[..., dict[str, Any]]
) -> None:
    production = load_settings(ENVIRONMENT="production", SECRET_KEY=secrets.token_urlsafe(48))
    settings.SESSION_COOKIE_SECURE = production["SESSION_COOKIE_SECURE"]

    response = sign_in(client, "ada", PASSWORD)
    cookie = SimpleCookie(response.cookies.output(header=""))[settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_sign_out_takes_a_post_and_goes_home(client: Client, ada: User) -> None:
    client.force_login(ada)

    assert client.get(LOGOUT_URL).status_code == 405
    assert SESSION_KEY in client.session
    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert SESSION_KEY not in client.session


def test_profile_asks_anonymous_users_to_sign_in(client: Client) -> None:
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={PROFILE_URL}"


def test_profile_shows_the_user(client: Client, ada: User) -> None:
    client.force_login(ada)

    response = client.get(PROFILE_URL)

    assert response.status_code == 200
    assert "<h1>ada</h1>" in response.content.decode()


def test_navigation_for_anonymous_users(client: Client) -> None:
    html = client.get("/").content.decode()

    assert f'<a href="{SIGNUP_URL}">Sign up</a>' in html
    assert f'<a href="{LOGIN_URL}">Sign in</a>' in html
    assert "Sign out" not in html


def test_navigation_for_a_signed_in_user(client: Client, ada: User) -> None:
    client.force_login(ada)

    html = client.get("/").content.decode()

    assert "Signed in as ada" in html
    assert f'<form class="nav-form" method="post" action="{LOGOUT_URL}">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<button type="submit">Sign out</button>' in html
    assert "Sign up" not in html


def test_the_admin_manages_users(admin_client: Client, ada: User) -> None:
    response = admin_client.get(f"/admin/users/user/{ada.pk}/change/")

    assert response.status_code == 200
    assert "ada" in response.content.decode()
    assert str(ada) == "ada"
