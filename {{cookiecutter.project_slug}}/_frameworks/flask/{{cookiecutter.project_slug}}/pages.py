"""The home page, and the health check in front of the app."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import Blueprint, render_template

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

HEALTHZ_PATH = "/healthz"
HEALTHZ_BODY = b'{"status":"ok"}\n'
HEALTHZ_HEADERS = [
    ("Content-Type", "application/json"),
    ("Content-Length", str(len(HEALTHZ_BODY))),
]

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    """Render the home page."""
    return render_template("index.html", healthz_path=HEALTHZ_PATH)


class HealthCheck:
    """WSGI middleware that answers ``GET /healthz`` itself and passes every other request on.

    Load balancers and Docker call the health check every few seconds. Answered here, it costs
    no request context, none of the work that the app and its extensions do for each request,
    and no access log line. Its response carries ``extra_headers`` (the security headers).
    """

    def __init__(
        self, app: "WSGIApplication", extra_headers: list[tuple[str, str]] | None = None
    ) -> None:
        self.app = app
        self.headers = [*HEALTHZ_HEADERS, *(extra_headers or [])]

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") == HEALTHZ_PATH and method in {"GET", "HEAD"}:
            # A copy: a server may add its own headers to the list.
            start_response("200 OK", self.headers[:])
            return [HEALTHZ_BODY] if method == "GET" else []
        return self.app(environ, start_response)
