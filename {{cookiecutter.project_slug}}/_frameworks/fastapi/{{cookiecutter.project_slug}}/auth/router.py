"""The auth API: sign up, get a bearer token (OAuth2 password flow), read your own account."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from {{ cookiecutter.project_slug }}.auth.dependencies import CurrentUser
from {{ cookiecutter.project_slug }}.auth.schemas import Token, UserCreate, UserRead
from {{ cookiecutter.project_slug }}.auth.security import create_access_token
from {{ cookiecutter.project_slug }}.auth.service import (
    USERNAME_TAKEN,
    WRONG_CREDENTIALS,
    UsernameTakenError,
    authenticate,
    create_user,
)
from {{ cookiecutter.project_slug }}.database import SessionDep
from {{ cookiecutter.project_slug }}.dependencies import SettingsDep

router = APIRouter(tags=["auth"])


@router.post(
    "/api/auth/register",
    status_code=status.HTTP_201_CREATED,
    responses={status.HTTP_409_CONFLICT: {"description": USERNAME_TAKEN}},
)
async def register(data: UserCreate, session: SessionDep) -> UserRead:
    """Create an account; then get a token from /api/auth/token."""
    try:
        user = await create_user(session, data.username, data.password)
    except UsernameTakenError:
        raise HTTPException(status.HTTP_409_CONFLICT, USERNAME_TAKEN) from None
    return UserRead.model_validate(user)


@router.post(
    "/api/auth/token",
    responses={status.HTTP_401_UNAUTHORIZED: {"description": WRONG_CREDENTIALS}},
)
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
) -> Token:
    """Exchange a username and password for a bearer token (what /docs' Authorize button does)."""
    user = await authenticate(session, form.username, form.password)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, WRONG_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"}
        )
    return Token(access_token=create_access_token(user.id, user.username, settings))


@router.get("/api/users/me")
async def read_me(user: CurrentUser) -> UserRead:
    """Return the account of the bearer token."""
    return UserRead.model_validate(user)
