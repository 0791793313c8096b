"""What the HTML forms share: a CSRF token per browser, and validation errors per field.

CSRF protection is a signed double-submit token. The first form page a browser gets sets a
cookie with a random value; every form carries, in a hidden field, an HMAC of that value keyed
with SECRET_KEY, and a POST is accepted only when the field matches the cookie. Another site can
make a browser send the cookie, but can neither read it nor compute the field without the
secret. The check is a dependency of the routes that take forms, not a middleware, so that other
routes (the health check above all) pay nothing for it.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response, status
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from {{ cookiecutter.project_slug }}.dependencies import SettingsDep
from {{ cookiecutter.project_slug }}.settings import Settings
from {{ cookiecutter.project_slug }}.templating import templates

CSRF_COOKIE = "csrftoken"
CSRF_FIELD = "csrf_token"
CSRF_FAILED = "The form expired or did not come from this site: reload the page and send it again."
NONCE_BYTES = 32
NONCE_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(NONCE_BYTES)


def csrf_form_token(nonce: str, settings: Settings) -> str:
    """Return the form field's value for the cookie's value ``nonce``."""
    key = settings.secret_key.get_secret_value().encode()
    return hmac.new(key, b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Csrf:
    """The CSRF token of one request: the cookie's random value and the form field's HMAC of it."""

    nonce: str
    form_token: str
    from_cookie: bool
    secure: bool

    def set_cookie(self, response: Response) -> None:
        """Send the cookie: for this browser session, over HTTPS in production, not for scripts."""
        response.set_cookie(
            CSRF_COOKIE, self.nonce, httponly=True, samesite="lax", secure=self.secure
        )


async def get_csrf(request: Request, settings: SettingsDep) -> Csrf:
    """Return the request's CSRF token: the browser's, or a new one if it has none."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    from_cookie = NONCE_PATTERN.fullmatch(cookie) is not None
    nonce = cookie if from_cookie else secrets.token_urlsafe(NONCE_BYTES)
    csrf = Csrf(nonce, csrf_form_token(nonce, settings), from_cookie, settings.is_production)
    # Kept for the templates of this request (the sign-out button carries it too).
    request.state.csrf = csrf
    return csrf


CsrfDep = Annotated[Csrf, Depends(get_csrf)]


async def verify_csrf(request: Request, csrf: CsrfDep) -> None:
    """Refuse (403) a form whose CSRF field does not match the browser's cookie."""
    sent = (await request.form()).get(CSRF_FIELD)
    if not (
        csrf.from_cookie and isinstance(sent, str) and hmac.compare_digest(sent, csrf.form_token)
    ):
        raise HTTPException(status.HTTP_403_FORBIDDEN, CSRF_FAILED)


# For the routes that take a form: @router.post(..., dependencies=[CsrfChecked]).
CsrfChecked = Depends(verify_csrf)


def render_form(request: Request, csrf: Csrf, name: str, context: dict[str, Any]) -> HTMLResponse:
    """Render a page with a form: the template gets ``csrf_token`` and the browser the cookie.

    A form shown again with its errors is a 200 too, as browsers expect: they report a page
    that comes with an error status as a failed load.
    """
    response = templates.TemplateResponse(request, name, {**context, "csrf_token": csrf.form_token})
    csrf.set_cookie(response)
    return response


def field_errors(error: ValidationError) -> dict[str, str]:
    """Return the first message of each invalid field, to show next to it."""
    errors: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        errors.setdefault(field, item["msg"].removeprefix("Value error, "))
    return errors
