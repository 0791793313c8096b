"""The API docs, Swagger UI at /docs and ReDoc at /redoc, each with the security policy it needs.

These are FastAPI's own pages (``create_app`` turns off its routes to serve them here). They
load scripts and styles from a CDN and start Swagger UI with an inline script, all of which the
app's Content-Security-Policy forbids. So they get a policy of their own that allows the CDN,
inline styles, and their inline scripts by hash only: no other script can run on them.
"""

import base64
import hashlib
import re

from fastapi import APIRouter, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# What the pages load: Swagger UI and ReDoc from jsDelivr, ReDoc's fonts from Google Fonts and
# its logo from its own CDN, FastAPI's favicon; ReDoc searches in a worker made from a blob.
CDN = "https://cdn.jsdelivr.net"
OAUTH2_REDIRECT = "/docs/oauth2-redirect"
POLICY = (
    "default-src 'none'; script-src {scripts}; "
    f"style-src 'unsafe-inline' {CDN} https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

router = APIRouter(include_in_schema=False)


def script_hash(script: str) -> str:
    """Return the CSP source that allows this inline script, and no other."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def with_policy(page: HTMLResponse) -> HTMLResponse:
    """Send the page with the docs' policy, which lets its own inline scripts run."""
    inline = INLINE_SCRIPT.findall(bytes(page.body).decode())
    scripts = " ".join([CDN, *map(script_hash, inline)])
    page.headers["content-security-policy"] = POLICY.format(scripts=scripts)
    return page


def root_path(request: Request) -> str:
    """Return the path prefix under which a proxy serves the app ("" when there is none)."""
    prefix: str = request.scope.get("root_path", "")
    return prefix.rstrip("/")


@router.get("/docs", name="swagger_ui_html")
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI: try the API from the browser (its Authorize button signs in)."""
    app, prefix = request.app, root_path(request)
    return with_policy(
        get_swagger_ui_html(
            openapi_url=prefix + app.openapi_url,
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=prefix + OAUTH2_REDIRECT,
            init_oauth=app.swagger_ui_init_oauth,
            swagger_ui_parameters=app.swagger_ui_parameters,
        )
    )


@router.get(OAUTH2_REDIRECT, name="swagger_ui_redirect")
async def swagger_ui_redirect() -> HTMLResponse:
    """Where an OAuth2 provider sends Swagger UI back after a sign-in."""
    return with_policy(get_swagger_ui_oauth2_redirect_html())


@router.get("/redoc", name="redoc_html")
async def redoc(request: Request) -> HTMLResponse:
    """ReDoc: the API reference on one page."""
    app, prefix = request.app, root_path(request)
    return with_policy(
        get_redoc_html(openapi_url=prefix + app.openapi_url, title=f"{app.title} - ReDoc")
    )
