"""The health check, answered before any other middleware, and the request id and access log."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from {{ cookiecutter.project_slug }}.core.logs import request_id

HEALTHZ_PATH = "/healthz"
HEALTHZ_BODY = b'{"status": "ok"}'
# The security headers of the other responses, fixed for this one (SecurityMiddleware and the
# CSP middleware never see it).
HEALTHZ_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}
REQUEST_ID_HEADER = "X-Request-ID"
# An incoming request id is kept when it is short and made of safe characters (a uuid, say);
# any other is replaced, so that log lines and headers carry nothing a client made up.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

access_log = logging.getLogger("{{ cookiecutter.project_slug }}.access")

Handler = Callable[[HttpRequest], HttpResponseBase]


class HealthCheckMiddleware:
    """Answer GET /healthz with {"status": "ok"} and pass every other request on.

    First in MIDDLEWARE, it runs before host validation (probes send the pod IP as the Host),
    the HTTPS redirect, sessions, CSRF and the access log: the check costs as little as Django
    allows, and probes do not flood the logs.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == HEALTHZ_PATH:
            return HttpResponse(
                HEALTHZ_BODY, content_type="application/json", headers=HEALTHZ_HEADERS
            )
        return self.get_response(request)


class RequestLogMiddleware:
    """Give each request an id, send it back in X-Request-ID, and log one line per request.

    The id is the client's X-Request-ID when well formed (a proxy or another service made it),
    else a new uuid4; every log record written while the request is handled carries it
    (RequestIdFilter in core/logs.py). The access line has the method, path, status and
    duration in milliseconds.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        current = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        # Until the request is finished (CoreConfig.ready resets it): Django logs a 4xx or 5xx
        # answer after the middleware has returned it.
        request_id.set(current)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response[REQUEST_ID_HEADER] = current
        access_log.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response
