"""Local accounts: sign-up rules, argon2 password hashes and sign-in checks.

Pure functions over a SQLAlchemy session, so that tests reach them without the UI.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from {{ cookiecutter.project_slug }}.models import User

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MIN_USERNAME_LENGTH = 3
MAX_USERNAME_LENGTH = 150
USERNAME_PATTERN = re.compile(r"[\w.@+-]+")
MIN_PASSWORD_LENGTH = 12
# argon2 hashes any length, but a bound keeps hashing cheap for input nobody types.
MAX_PASSWORD_BYTES = 128

# The same message for an unknown username and a wrong password: it must not tell them apart.
SIGN_IN_ERROR = (
    "Please enter a correct username and password. Note that both fields may be case-sensitive."
)
USERNAME_TAKEN = "A user with that username already exists."
CONFIRMATION_FIELD = "password_confirmation"

hasher = PasswordHasher()


class SignUpError(ValueError):
    """The sign-up form has errors: ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


def username_error(username: str) -> str | None:
    """Return what is wrong with ``username``, or None."""
    if not MIN_USERNAME_LENGTH <= len(username) <= MAX_USERNAME_LENGTH:
        return f"Enter a username of {MIN_USERNAME_LENGTH} to {MAX_USERNAME_LENGTH} characters."
    if not USERNAME_PATTERN.fullmatch(username):
        return "Use only letters, digits and the characters @ . + - _ in the username."
    return None


def password_error(password: str) -> str | None:
    """Return what is wrong with ``password``, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return (
            f"This password is too short. It must contain at least {MIN_PASSWORD_LENGTH} "
            "characters."
        )
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        return f"This password is too long: at most {MAX_PASSWORD_BYTES} bytes."
    return None


def sign_up(session: Session, username: str, password: str, confirmation: str) -> User:
    """Create and return the user, with the argon2 hash of ``password``.

    Raises SignUpError, creating nothing, when a field is invalid or the username is taken.
    """
    errors: dict[str, str] = {}
    if problem := username_error(username):
        errors["username"] = problem
    elif find_user(session, username) is not None:
        errors["username"] = USERNAME_TAKEN
    if problem := password_error(password):
        errors["password"] = problem
    elif confirmation != password:
        errors[CONFIRMATION_FIELD] = "The two password fields didn't match."
    if errors:
        raise SignUpError(errors)
    user = User(username=username, password_hash=hasher.hash(password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError as error:  # the same username, signed up a moment earlier
        session.rollback()
        raise SignUpError({"username": USERNAME_TAKEN}) from error
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """Return the user whose username and password these are, or None.

    An unknown username costs the same time as a wrong password: a dummy hash is verified.
    A hash made with older argon2 parameters is upgraded on the way.
    """
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        return None
    user = find_user(session, username)
    try:
        hasher.verify(user.password_hash if user else dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
        session.commit()
    return user


def find_user(session: Session, username: str) -> User | None:
    """Return the user named ``username``, or None."""
    return session.scalar(select(User).where(User.username == username))


@functools.cache
def dummy_hash() -> str:
    """Return a hash to verify for unknown usernames, made once per process."""
    return hasher.hash("not the password of anyone")
