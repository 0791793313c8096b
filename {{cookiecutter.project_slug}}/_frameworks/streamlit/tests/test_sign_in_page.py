"""The gate in front of the pages, through AppTest: local accounts, then OpenID Connect."""

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }} import auth, pages, users
from {{ cookiecutter.project_slug }}.models import User
from {{ cookiecutter.project_slug }}.settings import PROJECT_NAME

EXPLORE = str(Path(pages.__file__).parent / "explore.py")
PASSWORD = "correct horse battery"  # noqa: S105 (a test account's)
OIDC_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "c" * 32,
    "client_id": "my-service",
    "client_secret": "s" * 32,
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}


@pytest.fixture
def visitor(fresh_app: AppTest) -> AppTest:
    """A visitor who has not signed in."""
    return fresh_app.run()


@pytest.fixture
def alice(session: Session) -> User:
    return users.sign_up(session, "alice", PASSWORD, PASSWORD)


def sign_up(at: AppTest, username: str, password: str, confirmation: str | None = None) -> AppTest:
    at.session_state["account_tab"] = "Sign up"
    at.run()
    at.text_input(key="sign_up_username").input(username)
    at.text_input(key="sign_up_password").input(password)
    at.text_input(key="sign_up_confirmation").input(
        password if confirmation is None else confirmation
    )
    return at.button(key="FormSubmitter:sign_up-Sign up").click().run()


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(password)
    return at.button(key="FormSubmitter:sign_in-Sign in").click().run()


def signed_in_as(at: AppTest) -> list[str]:
    return [text.value for text in at.sidebar.text]


def test_a_visitor_sees_only_the_sign_in_page(visitor: AppTest) -> None:
    assert not visitor.exception
    assert visitor.title[0].value == PROJECT_NAME
    assert [tab.label for tab in visitor.tabs] == ["Sign in", "Sign up"]
    assert [widget.label for widget in visitor.text_input] == ["Username", "Password"]
    assert signed_in_as(visitor) == []
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        visitor.switch_page(EXPLORE)


def test_the_sign_up_tab_has_its_own_form(visitor: AppTest) -> None:
    visitor.session_state["account_tab"] = "Sign up"
    visitor.run()

    assert [widget.label for widget in visitor.text_input] == [
        "Username",
        "Password",
        "Password confirmation",
    ]
    assert [button.label for button in visitor.button] == ["Sign up"]


def test_signing_up_signs_in_and_opens_the_pages(visitor: AppTest, session: Session) -> None:
    sign_up(visitor, "bob", PASSWORD)

    assert not visitor.exception
    assert signed_in_as(visitor) == ["Signed in as bob"]
    assert visitor.title[0].value == PROJECT_NAME
    assert visitor.get("page_link")
    visitor.switch_page(EXPLORE).run()
    assert visitor.title[0].value == "Explore"
    bob = session.scalar(select(User).where(User.username == "bob"))
    assert bob is not None
    assert bob.password_hash.startswith("$argon2id$")


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (("bob", "short", "short"), "This password is too short"),
        (("bob", PASSWORD, "something else"), "didn't match"),
        (("b", PASSWORD, PASSWORD), "3 to 150 characters"),
        (("alice", PASSWORD, PASSWORD), users.USERNAME_TAKEN),
    ],
)
@pytest.mark.usefixtures("alice")
def test_sign_up_errors_show_and_create_nothing(
    visitor: AppTest, session: Session, form: tuple[str, str, str], message: str
) -> None:
    sign_up(visitor, *form)

    assert not visitor.exception
    (error,) = visitor.error
    assert message in error.value
    assert signed_in_as(visitor) == []
    assert session.scalars(select(User.username)).all() == ["alice"]


@pytest.mark.usefixtures("alice")
def test_signing_in_with_the_right_password(visitor: AppTest) -> None:
    sign_in(visitor, "alice", PASSWORD)

    assert not visitor.exception
    assert signed_in_as(visitor) == ["Signed in as alice"]
    assert visitor.session_state[auth.USERNAME_KEY] == "alice"


@pytest.mark.usefixtures("alice")
@pytest.mark.parametrize(("username", "password"), [("alice", "wrong password"), ("bob", PASSWORD)])
def test_a_wrong_password_and_an_unknown_user_get_the_same_error(
    visitor: AppTest, username: str, password: str
) -> None:
    sign_in(visitor, username, password)

    assert [error.value for error in visitor.error] == [users.SIGN_IN_ERROR]
    assert "correct username and password" in visitor.error[0].value
    assert signed_in_as(visitor) == []
    assert auth.USERNAME_KEY not in visitor.session_state


@pytest.mark.usefixtures("alice")
def test_signing_out_closes_the_pages_and_forgets_the_session(visitor: AppTest) -> None:
    sign_in(visitor, "alice", PASSWORD)
    visitor.switch_page(EXPLORE).run()
    visitor.session_state["explore_filters"] = {"year": 1952, "continents": ["Asia"]}

    visitor.button(key="sign_out").click().run()

    assert not visitor.exception
    assert signed_in_as(visitor) == []
    assert [tab.label for tab in visitor.tabs] == ["Sign in", "Sign up"]
    assert "explore_filters" not in visitor.session_state
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        visitor.switch_page(EXPLORE)


@pytest.mark.usefixtures("alice")
def test_a_safe_next_page_opens_after_sign_in(visitor: AppTest) -> None:
    visitor.query_params["next"] = "/explore"
    visitor.run()

    sign_in(visitor, "alice", PASSWORD)

    assert not visitor.exception
    assert visitor.title[0].value == "Explore"
    assert "next" not in visitor.query_params


@pytest.mark.usefixtures("alice")
@pytest.mark.parametrize(
    "target",
    ["//evil.example/explore", "https://evil.example/explore", "/\\evil.example", "explore"],
)
def test_an_unsafe_next_is_ignored(visitor: AppTest, target: str) -> None:
    visitor.query_params["next"] = target
    visitor.run()

    sign_in(visitor, "alice", PASSWORD)

    assert not visitor.exception
    assert visitor.title[0].value == PROJECT_NAME
    assert signed_in_as(visitor) == ["Signed in as alice"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/explore", "/explore"),
        ("/", "/"),
        ("/explore?year=1952", "/explore?year=1952"),
        (None, None),
        ("", None),
        ("explore", None),
        ("//evil.example", None),
        ("https://evil.example/", None),
        ("/\\evil.example", None),
        ("/\t/evil.example", None),
        ("/\n/evil.example", None),
    ],
)
def test_safe_next_accepts_only_paths_on_this_site(
    target: str | None, expected: str | None
) -> None:
    assert auth.safe_next(target) == expected


def test_a_next_page_that_does_not_exist_opens_home(visitor: AppTest, alice: User) -> None:
    visitor.query_params["next"] = "/nowhere"
    visitor.run()

    sign_in(visitor, alice.username, PASSWORD)

    assert not visitor.exception
    assert visitor.title[0].value == PROJECT_NAME


# OpenID Connect: an [auth] section in .streamlit/secrets.toml replaces the local accounts.


@pytest.fixture(autouse=True)
def logins(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Record st.login() calls: the real one redirects the browser to the provider.

    Autouse, so that the patch is in place before any run gives the function to a button.
    """
    calls: list[tuple[Any, ...]] = []

    def login(*args: object) -> None:
        calls.append(args)

    monkeypatch.setattr(st, "login", login)
    return calls


@pytest.fixture
def oidc_visitor(fresh_app: AppTest) -> AppTest:
    """A visitor who has not signed in, to an app configured for OpenID Connect."""
    fresh_app.secrets["auth"] = OIDC_SECRETS
    fresh_app.user = {"is_logged_in": False}
    return fresh_app.run()


def test_with_oidc_the_sign_in_button_goes_to_the_provider(
    oidc_visitor: AppTest, logins: list[tuple[Any, ...]]
) -> None:
    assert not oidc_visitor.exception
    assert oidc_visitor.title[0].value == PROJECT_NAME
    assert not oidc_visitor.text_input
    assert not oidc_visitor.tabs

    oidc_visitor.button[0].click().run()

    assert oidc_visitor.button[0].label == "Sign in"
    assert logins == [()]
    assert signed_in_as(oidc_visitor) == []


def test_with_oidc_the_provider_s_user_gets_the_pages(oidc_visitor: AppTest) -> None:
    oidc_visitor.user = {"is_logged_in": True, "name": "Ada Lovelace", "email": "ada@example.com"}
    oidc_visitor.run()

    assert not oidc_visitor.exception
    assert signed_in_as(oidc_visitor) == ["Signed in as Ada Lovelace"]
    oidc_visitor.switch_page(EXPLORE).run()
    assert oidc_visitor.title[0].value == "Explore"


def test_with_oidc_a_user_without_a_name_shows_the_email(oidc_visitor: AppTest) -> None:
    oidc_visitor.user = {"is_logged_in": True, "email": "ada@example.com"}
    oidc_visitor.run()

    assert signed_in_as(oidc_visitor) == ["Signed in as ada@example.com"]


def test_with_oidc_signing_out_logs_out_of_the_provider(oidc_visitor: AppTest) -> None:
    oidc_visitor.user = {"is_logged_in": True, "name": "Ada Lovelace", "email": "ada@example.com"}
    oidc_visitor.run()

    oidc_visitor.button(key="sign_out").click().run()

    assert not oidc_visitor.exception
    assert oidc_visitor.user == {"is_logged_in": False}
    assert signed_in_as(oidc_visitor) == []
    assert [button.label for button in oidc_visitor.button] == ["Sign in"]
