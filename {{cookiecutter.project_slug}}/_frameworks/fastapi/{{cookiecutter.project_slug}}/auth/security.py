"""Password hashes (argon2, through pwdlib), access tokens (JWT, through PyJWT), safe redirects."""

from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from {{ cookiecutter.project_slug }}.settings import Settings

ALGORITHM = "HS256"
password_hash = PasswordHash((Argon2Hasher(),))
# Checked against the password of a sign-in with an unknown username, so that it takes as long
# as one with a wrong password: the time of an answer must not tell which usernames exist.
DUMMY_HASH = password_hash.hash("no account has this password")


class TokenClaims(NamedTuple):
    """What a valid access token says: whose it is."""

    user_id: int
    username: str


def create_access_token(user_id: int, username: str, settings: Settings) -> str:
    """Return a JWT for the user, signed with SECRET_KEY, that expires after the set minutes."""
    expires = datetime.now(UTC) + timedelta(minutes=settings.access_token_expire_minutes)
    claims = {"sub": str(user_id), "name": username, "exp": expires}
    return jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm=ALGORITHM)


def read_access_token(token: str, settings: Settings) -> TokenClaims | None:
    """Return the claims of a token, or None if it is malformed, tampered with or expired."""
    try:
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub", "name"]},
        )
        return TokenClaims(int(claims["sub"]), str(claims["name"]))
    except (jwt.InvalidTokenError, ValueError):
        return None


def is_safe_redirect(target: str) -> bool:
    """Whether ``target`` is a path on this site, safe to redirect to after signing in.

    Only a path that starts with a single ``/`` qualifies: not ``//host`` (another site to a
    browser), nor a scheme or a host, nor a backslash (which browsers read as a slash).
    """
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.isprintable()
