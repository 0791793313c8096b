"""Local accounts: sign-up rules, argon2 hashes, and sign-in checks that leak nothing."""

from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }} import users
from {{ cookiecutter.project_slug }}.models import User

PASSWORD = "correct horse battery"  # noqa: S105 (a test account's)


def user_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def test_sign_up_stores_an_argon2_hash_not_the_password(session: Session) -> None:
    user = users.sign_up(session, "alice", PASSWORD, PASSWORD)

    assert user.id is not None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert users.hasher.verify(user.password_hash, PASSWORD)
    assert user.created_at is not None


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (("al", PASSWORD, PASSWORD), "username", "3 to 150 characters"),
        (("a" * 151, PASSWORD, PASSWORD), "username", "3 to 150 characters"),
        (("", PASSWORD, PASSWORD), "username", "3 to 150 characters"),
        (("alice smith", PASSWORD, PASSWORD), "username", "Use only letters, digits"),
        (("<script>", PASSWORD, PASSWORD), "username", "Use only letters, digits"),
        (("alice", "a" * 11, "a" * 11), "password", "too short. It must contain at least 12"),
        (("alice", "é" * 65, "é" * 65), "password", "at most 128 bytes"),
        (("alice", PASSWORD, PASSWORD + "!"), "password_confirmation", "didn't match"),
    ],
)
def test_sign_up_refuses_invalid_input_and_creates_nothing(
    session: Session, form: tuple[str, str, str], field: str, message: str
) -> None:
    with pytest.raises(users.SignUpError) as error:
        users.sign_up(session, *form)

    assert list(error.value.errors) == [field]
    assert message in error.value.errors[field]
    assert user_count(session) == 0


def test_the_limits_themselves_are_accepted(session: Session) -> None:
    users.sign_up(session, "a@b", "a" * 12, "a" * 12)
    users.sign_up(session, "x" * 150, "é" * 64, "é" * 64)
    users.sign_up(session, "Zoë.o+k-1_", PASSWORD, PASSWORD)

    assert user_count(session) == 3


def test_sign_up_reports_every_field_at_once(session: Session) -> None:
    with pytest.raises(users.SignUpError) as error:
        users.sign_up(session, "a", "short", "short")

    assert set(error.value.errors) == {"username", "password"}
    assert "username: " in str(error.value)


def test_a_taken_username_is_refused(session: Session) -> None:
    users.sign_up(session, "alice", PASSWORD, PASSWORD)

    with pytest.raises(users.SignUpError) as error:
        users.sign_up(session, "alice", "another password", "another password")

    assert error.value.errors == {"username": users.USERNAME_TAKEN}
    assert user_count(session) == 1


def test_a_username_taken_a_moment_earlier_is_refused(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    users.sign_up(session, "alice", PASSWORD, PASSWORD)
    # As if another sign-up committed between the check and the insert.
    monkeypatch.setattr(users, "find_user", lambda *_: None)

    with pytest.raises(users.SignUpError) as error:
        users.sign_up(session, "alice", PASSWORD, PASSWORD)

    assert error.value.errors == {"username": users.USERNAME_TAKEN}
    assert user_count(session) == 1


def test_authenticate_returns_the_user_for_the_right_password(session: Session) -> None:
    alice = users.sign_up(session, "alice", PASSWORD, PASSWORD)

    assert users.authenticate(session, "alice", PASSWORD) is alice


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("alice", "wrong password!"),
        ("Alice", PASSWORD),
        ("nobody", PASSWORD),
        ("alice", ""),
        ("", ""),
        ("alice", PASSWORD + "x" * 200),
    ],
)
def test_authenticate_refuses_anything_else(session: Session, username: str, password: str) -> None:
    users.sign_up(session, "alice", PASSWORD, PASSWORD)

    assert users.authenticate(session, username, password) is None


def test_an_unknown_user_costs_a_hash_verification(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    verify = PasswordHasher.verify

    def spy(hasher: PasswordHasher, hash_: str, password: str) -> bool:
        calls.append((hash_, password))
        return verify(hasher, hash_, password)

    monkeypatch.setattr(PasswordHasher, "verify", spy)

    assert users.authenticate(session, "nobody", PASSWORD) is None
    assert calls == [(users.dummy_hash(), PASSWORD)]


def test_the_dummy_hash_opens_no_account(session: Session) -> None:
    # Whatever password matches the dummy hash, an unknown user stays unknown.
    assert users.authenticate(session, "nobody", "not the password of anyone") is None


def test_an_unreadable_stored_hash_refuses_sign_in(session: Session) -> None:
    session.add(User(username="broken", password_hash="not a hash"))  # noqa: S106 (no password)
    session.commit()

    assert users.authenticate(session, "broken", PASSWORD) is None


def test_an_outdated_hash_is_upgraded_at_sign_in(session: Session) -> None:
    old = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    session.add(User(username="alice", password_hash=old))
    session.commit()

    user = users.authenticate(session, "alice", PASSWORD)

    assert user is not None
    assert user.password_hash != old
    assert not users.hasher.check_needs_rehash(user.password_hash)
    assert users.hasher.verify(user.password_hash, PASSWORD)


def test_the_sign_in_error_does_not_say_which_field_is_wrong() -> None:
    assert "correct username and password" in users.SIGN_IN_ERROR
