"""Who is signed in, and the account controls of the gate in front of the pages.

Local accounts by default: the signed-in username lives in ``st.session_state``, which belongs
to one browser tab's connection. When ``.streamlit/secrets.toml`` has an ``[auth]`` section,
OpenID Connect takes over: ``st.login()`` sends the visitor to the provider, and ``st.user``
holds the identity it returns (kept in a signed cookie).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from collections.abc import Sequence

    from streamlit.navigation.page import StreamlitPage

USERNAME_KEY = "username"
NEXT_KEY = "next"


@dataclass(frozen=True)
class Account:
    """The signed-in person: a name to show, and an email address when the provider gives one."""

    name: str
    email: str | None = None


def uses_oidc() -> bool:
    """Return whether sign-in goes through an OpenID Connect provider (``[auth]`` in secrets)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def current_account() -> Account | None:
    """Return the signed-in account, or None."""
    if uses_oidc():
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
        name = st.user.get("name") or email
        return Account(name=str(name), email=str(email) if email else None)
    username = st.session_state.get(USERNAME_KEY)
    return Account(name=username) if username else None


def sign_in(username: str) -> None:
    """Sign ``username`` in for this session.

    A ``next`` query parameter (e.g. ``/?next=/explore``) names the page to open next; it is
    kept only if it is a safe path (see ``safe_next``).
    """
    st.session_state[USERNAME_KEY] = username
    next_path = st.query_params.pop(NEXT_KEY, None)
    if destination := safe_next(next_path):
        st.session_state[NEXT_KEY] = destination


def sign_out() -> None:
    """Sign out: forget everything of this session, or log out of the OpenID provider."""
    if uses_oidc():
        st.logout()
    else:
        st.session_state.clear()


def safe_next(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site to go to after sign-in, else None.

    Only a relative path qualifies: a single ``/`` first (``//host`` is another site), no
    backslash (browsers read ``/\\host`` as ``//host``) and no control character (browsers drop
    tabs and newlines from URLs).
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or not target.isprintable():
        return None
    return target


def go_next(pages: Sequence[StreamlitPage]) -> None:
    """Switch to the page remembered at sign-in, if it is one of ``pages``."""
    destination = st.session_state.pop(NEXT_KEY, None)
    if destination is None:
        return
    url_path = destination.split("?", 1)[0].strip("/")
    for page in pages:
        if page.url_path == url_path:
            st.switch_page(page)


def show_account(account: Account, home: StreamlitPage) -> None:
    """Show who is signed in and a sign-out button in the sidebar."""
    st.sidebar.text(f"Signed in as {account.name}")
    if st.sidebar.button("Sign out", key="sign_out"):
        sign_out()
        st.switch_page(home)
