"""Password hashes: argon2id, with argon2-cffi's defaults (RFC 9106's low-memory profile)."""

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """Return the argon2 hash of ``password``, with a random salt."""
    return hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Return whether ``password`` matches ``password_hash``."""
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Return whether ``password_hash`` was made with weaker parameters than today's."""
    return hasher.check_needs_rehash(password_hash)


@cache
def dummy_hash() -> str:
    """Return a hash made like real ones, of a password nobody knows.

    Signing in with an unknown username verifies the password against it, so that it takes as
    long as a wrong password for a real user: response times do not tell which users exist.
    """
    return hasher.hash(secrets.token_urlsafe(32))
