"""What the auth API reads and writes: the validation rules of usernames and passwords."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

USERNAME_PATTERN = r"^[\w.@+-]+$"
MIN_USERNAME_LENGTH = 3
MAX_USERNAME_LENGTH = 150
MIN_PASSWORD_LENGTH = 12
# Argon2 takes any length, but hashing a huge password costs the server: 128 bytes is plenty.
MAX_PASSWORD_BYTES = 128


def at_most_max_password_bytes(password: str) -> str:
    """Refuse a password longer than MAX_PASSWORD_BYTES in UTF-8."""
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        msg = f"Password must be at most {MAX_PASSWORD_BYTES} bytes long"
        raise ValueError(msg)
    return password


Username = Annotated[
    str,
    StringConstraints(
        min_length=MIN_USERNAME_LENGTH, max_length=MAX_USERNAME_LENGTH, pattern=USERNAME_PATTERN
    ),
]
Password = Annotated[
    str,
    StringConstraints(min_length=MIN_PASSWORD_LENGTH),
    AfterValidator(at_most_max_password_bytes),
]


class UserCreate(BaseModel):
    """A sign-up: a username (letters, digits and @.+-_) and a password."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"username": "ada", "password": "correct horse battery staple"}]
        },
    )

    username: Username
    password: Password


class UserRead(BaseModel):
    """An account as the API shows it (never its password hash)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    created_at: datetime


class Token(BaseModel):
    """An OAuth2 bearer token: send it as ``Authorization: Bearer <access_token>``."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a kind of token, not a secret)
