"""Fixtures: passwords hashed fast, and ``app`` signed in as alice."""

import pytest
from argon2 import PasswordHasher

from {{ cookiecutter.project_slug }} import auth, users


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash with argon2's cheapest parameters: the tests check behaviour, not cost."""
    monkeypatch.setattr(users, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    users.dummy_hash.cache_clear()


@pytest.fixture(autouse=True)
def app_signed_in(first_session_state: dict[str, object]) -> None:
    """``app`` starts signed in as alice; ``fresh_app`` starts with nobody signed in.

    Signed in as the sign-in page does it; tests/test_sign_in_page.py covers the real flow.
    """
    first_session_state[auth.USERNAME_KEY] = "alice"
