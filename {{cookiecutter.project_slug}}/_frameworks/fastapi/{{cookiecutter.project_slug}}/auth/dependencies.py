"""Who asks: ``CurrentUser`` for the API (a bearer token), ``PageUser`` for pages (a cookie)."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer

from {{ cookiecutter.project_slug }}.auth.models import User
from {{ cookiecutter.project_slug }}.auth.security import read_access_token
from {{ cookiecutter.project_slug }}.database import SessionDep
from {{ cookiecutter.project_slug }}.dependencies import SettingsDep

# The pages keep the same JWT in this cookie, which scripts cannot read.
AUTH_COOKIE = "access_token"
# Also what the Authorize button of /docs uses to get a token.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token")


async def get_current_user(
    token: Annotated[str, Depends(oauth2_scheme)], session: SessionDep, settings: SettingsDep
) -> User:
    """Return the user of the request's bearer token; answer 401 if there is no valid one."""
    claims = read_access_token(token, settings)
    user = await session.get(User, claims.user_id) if claims else None
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Invalid or expired token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_page_user(
    request: Request, session: SessionDep, settings: SettingsDep
) -> User | None:
    """Return the user signed in to the pages (by the cookie), or None."""
    claims = read_access_token(request.cookies.get(AUTH_COOKIE, ""), settings)
    return await session.get(User, claims.user_id) if claims else None


PageUser = Annotated[User | None, Depends(get_page_user)]


async def require_page_user(request: Request, user: PageUser) -> User:
    """Return the signed-in user; send anyone else to the sign-in page, then back here."""
    if user is None:
        sign_in = request.url_for("sign_in_page").include_query_params(next=request.url.path)
        raise HTTPException(
            status.HTTP_303_SEE_OTHER, headers={"Location": f"{sign_in.path}?{sign_in.query}"}
        )
    return user


SignedInPageUser = Annotated[User, Depends(require_page_user)]
