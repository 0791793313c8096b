"""The sign-up, sign-in and sign-out pages; they keep the signed-in user's token in a cookie."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, ValidationError

from {{ cookiecutter.project_slug }}.auth.dependencies import AUTH_COOKIE, SignedInPageUser
from {{ cookiecutter.project_slug }}.auth.models import User
from {{ cookiecutter.project_slug }}.auth.schemas import UserCreate
from {{ cookiecutter.project_slug }}.auth.security import (
    create_access_token,
    is_safe_redirect,
    read_access_token,
)
from {{ cookiecutter.project_slug }}.auth.service import (
    USERNAME_TAKEN,
    WRONG_CREDENTIALS,
    UsernameTakenError,
    authenticate,
    create_user,
)
from {{ cookiecutter.project_slug }}.database import SessionDep
from {{ cookiecutter.project_slug }}.dependencies import SettingsDep
from {{ cookiecutter.project_slug }}.forms import (
    CSRF_COOKIE,
    CsrfChecked,
    CsrfDep,
    csrf_form_token,
    field_errors,
    render_form,
)
from {{ cookiecutter.project_slug }}.settings import Settings
from {{ cookiecutter.project_slug }}.templating import templates

PASSWORDS_DIFFER = "The two passwords differ."

router = APIRouter(include_in_schema=False)


class SignUpForm(BaseModel):
    """The fields the sign-up page posts, as text; UserCreate holds the rules."""

    model_config = ConfigDict(extra="forbid")

    username: str = ""
    password: str = ""
    password_confirmation: str = ""
    csrf_token: str = ""


class SignInForm(BaseModel):
    """The fields the sign-in page posts."""

    model_config = ConfigDict(extra="forbid")

    username: str = ""
    password: str = ""
    next: str = ""
    csrf_token: str = ""


def account_context(request: Request) -> dict[str, Any]:
    """Tell every page who is signed in, for the header (with a token for its sign-out button)."""
    settings: Settings = request.app.state.settings
    claims = read_access_token(request.cookies.get(AUTH_COOKIE, ""), settings)
    if claims is None:
        return {"signed_in_as": None}
    # The token of this request's form if it has one, so that the page has a single token.
    csrf = getattr(request.state, "csrf", None)
    nonce = csrf.nonce if csrf else request.cookies.get(CSRF_COOKIE, "")
    token = csrf_form_token(nonce, settings)
    return {"signed_in_as": claims.username, "sign_out_token": token}


templates.context_processors.append(account_context)


def signed_in(user: User, target: str, settings: Settings) -> RedirectResponse:
    """Redirect to ``target`` with the cookie that signs the browser in as ``user``."""
    response = RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        AUTH_COOKIE,
        create_access_token(user.id, user.username, settings),
        max_age=settings.access_token_expire_minutes * 60,
        httponly=True,
        samesite="lax",
        secure=settings.is_production,
    )
    return response


@router.get("/auth/register", response_class=HTMLResponse, name="sign_up_page")
async def sign_up_page(request: Request, csrf: CsrfDep) -> HTMLResponse:
    """Show the sign-up form."""
    return render_form(request, csrf, "auth/register.html", {"values": {}, "errors": {}})


@router.post("/auth/register", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def sign_up(
    request: Request,
    form: Annotated[SignUpForm, Form()],
    csrf: CsrfDep,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Create the account and sign the browser in, or show the form again with its errors."""
    data: UserCreate | None = None
    errors: dict[str, str] = {}
    try:
        data = UserCreate(username=form.username, password=form.password)
    except ValidationError as error:
        errors = field_errors(error)
    if form.password_confirmation != form.password:
        errors["password_confirmation"] = PASSWORDS_DIFFER
    if data is not None and not errors:
        try:
            user = await create_user(session, data.username, data.password)
        except UsernameTakenError:
            errors["username"] = USERNAME_TAKEN
        else:
            return signed_in(user, request.url_for("home").path, settings)
    return render_form(
        request,
        csrf,
        "auth/register.html",
        {"values": {"username": form.username}, "errors": errors},
    )


@router.get("/auth/login", response_class=HTMLResponse, name="sign_in_page")
async def sign_in_page(
    request: Request, csrf: CsrfDep, next_path: Annotated[str, Query(alias="next")] = ""
) -> HTMLResponse:
    """Show the sign-in form; ``next`` is where to go after signing in."""
    context = {"values": {"next": next_path}, "error": None}
    return render_form(request, csrf, "auth/login.html", context)


@router.post("/auth/login", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def sign_in(
    request: Request,
    form: Annotated[SignInForm, Form()],
    csrf: CsrfDep,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Sign the browser in and go to ``next`` if it is a path of this site, home otherwise."""
    user = await authenticate(session, form.username, form.password)
    if user is None:
        return render_form(
            request,
            csrf,
            "auth/login.html",
            {"values": {"username": form.username, "next": form.next}, "error": WRONG_CREDENTIALS},
        )
    target = form.next if is_safe_redirect(form.next) else request.url_for("home").path
    return signed_in(user, target, settings)


@router.get("/account", response_class=HTMLResponse, name="account_page")
async def account_page(request: Request, user: SignedInPageUser) -> HTMLResponse:
    """Show the signed-in user's account; send anyone else to the sign-in page."""
    return templates.TemplateResponse(request, "auth/account.html", {"user": user})


@router.post("/auth/logout", dependencies=[CsrfChecked], name="sign_out")
async def sign_out(request: Request, settings: SettingsDep) -> RedirectResponse:
    """Sign the browser out and go home."""
    response = RedirectResponse(request.url_for("home").path, status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(
        AUTH_COOKIE, httponly=True, samesite="lax", secure=settings.is_production
    )
    return response
