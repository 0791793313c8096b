"""The user model; creating users and checking their credentials."""

from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from {{ cookiecutter.project_slug }}.extensions import Base, UTCDateTime, db

from . import passwords

USERNAME_MAX_LENGTH = 150


class UsernameTakenError(Exception):
    """Another user already has this username."""


class User(UserMixin, Base):
    """Someone who can sign in. Flask-Login's UserMixin gives what a session needs (get_id)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_MAX_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: datetime.now(UTC))


def create_user(username: str, password: str) -> User:
    """Store a new user; raise UsernameTakenError, storing nothing, if the name is taken."""
    user = User(username=username, password_hash=passwords.hash_password(password))
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise UsernameTakenError(username) from error
    return user


def authenticate(username: str, password: str) -> User | None:
    """Return the user with these credentials, or None, in the same time either way.

    An unknown username still costs one password verification (against a dummy hash). A hash
    made with older, weaker parameters is replaced on a successful sign-in.
    """
    # No username holds a NUL character, which PostgreSQL cannot take in a query.
    query = select(User).where(User.username == username)
    user = None if "\x00" in username else db.session.execute(query).scalar_one_or_none()
    if user is None:
        passwords.verify_password(passwords.dummy_hash(), password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        db.session.commit()
    return user
