"""The health check, answered before any other middleware."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

HEALTHZ_PATH = "/healthz"
HEALTHZ_BODY = b'{"status": "ok"}'


class HealthCheckMiddleware:
    """Answer GET /healthz with {"status": "ok"} and pass every other request on.

    First in MIDDLEWARE, it runs before host validation (probes send the pod IP as the Host),
    the HTTPS redirect, sessions and CSRF: the check costs as little as Django allows.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == HEALTHZ_PATH:
            return HttpResponse(HEALTHZ_BODY, content_type="application/json")
        return self.get_response(request)
