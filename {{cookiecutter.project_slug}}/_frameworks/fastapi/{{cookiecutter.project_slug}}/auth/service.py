"""Creating accounts and checking passwords, for the API and the pages alike."""

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from {{ cookiecutter.project_slug }}.auth import security
from {{ cookiecutter.project_slug }}.auth.models import User
from {{ cookiecutter.project_slug }}.auth.schemas import (
    MAX_PASSWORD_BYTES,
    MAX_USERNAME_LENGTH,
)

# One message for an unknown username and a wrong password: it must not tell which it was.
WRONG_CREDENTIALS = (
    "Please enter a correct username and password. Note that both fields may be case-sensitive."
)


USERNAME_TAKEN = "A user with that username already exists."


class UsernameTakenError(Exception):
    """An account with that username exists already."""


async def create_user(session: AsyncSession, username: str, password: str) -> User:
    """Store a new account with the argon2 hash of ``password``; raise UsernameTakenError."""
    # Hashing takes a tenth of a second of CPU: in a thread, so the event loop serves others.
    hashed = await run_in_threadpool(security.password_hash.hash, password)
    user = User(username=username, password_hash=hashed)
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as error:
        await session.rollback()
        raise UsernameTakenError(username) from error
    return user


async def authenticate(session: AsyncSession, username: str, password: str) -> User | None:
    """Return the user whose password this is, or None, in the same time either way.

    A hash made with weaker parameters than the current ones is replaced on the way.
    """
    if len(username) > MAX_USERNAME_LENGTH or len(password.encode()) > MAX_PASSWORD_BYTES:
        return None
    user = await session.scalar(select(User).where(User.username == username))
    if user is None:
        await run_in_threadpool(security.password_hash.verify, password, security.DUMMY_HASH)
        return None
    valid, new_hash = await run_in_threadpool(
        security.password_hash.verify_and_update, password, user.password_hash
    )
    if not valid:
        return None
    if new_hash is not None:
        user.password_hash = new_hash
        await session.commit()
    return user
