"""What every request goes through: a request id, an access line, security headers, a body limit.

It is one pure ASGI middleware, not Starlette's ``BaseHTTPMiddleware`` nor four of them: every
layer costs each request, the often-polled health check's included.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from fastapi import HTTPException

from {{ cookiecutter.project_slug }}.logging_config import request_id

# The ASGI interface, as Starlette's types spell it.
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# An X-Request-ID from the proxy or the client is kept when it is short and plain; otherwise
# the app makes one.
VALID_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")
# The app's pages load their styles from /static and run no script; no other site may frame
# them. A route may send its own policy instead (the API docs do).
CONTENT_SECURITY_POLICY = (
    b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    b"form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
# Production is served over HTTPS (the proxy in front terminates it): browsers then refuse
# plain HTTP to this site for a year.
STRICT_TRANSPORT_SECURITY = (b"strict-transport-security", b"max-age=31536000")
SERVER_ERROR = json.dumps({"detail": "Internal Server Error"}).encode()

# The requests to quiet paths that skip the request id and the access line.
QUIET_METHODS = frozenset({"GET", "HEAD"})

access_log = logging.getLogger(f"{__package__}.access")


class BodyTooLargeError(HTTPException):
    """A request body over the limit: FastAPI answers it as 413 with a JSON detail."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


class RequestMiddleware:
    """For each HTTP request: set its id, limit its body, add the headers, log one access line.

    The request id is taken from a well-formed ``X-Request-ID`` header or made (uuid4 hex),
    stamped on every log record of the request and sent back in ``X-Request-ID``.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_size: int,
        production: bool,
        quiet_paths: Iterable[str] = (),
    ) -> None:
        self.app = app
        self.max_body_size = max_body_size
        # Paths polled so often (the health check) that a GET of them gets no request id and no
        # access line: those would cost more than the health check itself.
        self.quiet_paths = frozenset(quiet_paths)
        self.headers = [*SECURITY_HEADERS, *([STRICT_TRANSPORT_SECURITY] if production else [])]
        self.fixed_headers = [*self.headers, (b"content-security-policy", CONTENT_SECURITY_POLICY)]
        self.too_large = json.dumps({"detail": BodyTooLargeError(max_body_size).detail}).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request (anything else, such as lifespan events, passes through)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in QUIET_METHODS and scope["path"] in self.quiet_paths:
            # The health check, which each load balancer polls every few seconds: the headers
            # only, without a request id or an access line, so that it stays cheap.
            await self.app(scope, receive, self.with_fixed_headers(send))
            return
        start = time.perf_counter()
        rid, content_length, chunked = read_headers(scope["headers"])
        # Not reset afterwards: the request's task ends with it, and the server's own record of
        # an unhandled error, written after this returns, still gets the id.
        request_id.set(rid)
        headers = [*self.headers, (b"x-request-id", rid.encode())]
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                sent = list(message.get("headers", ()))
                if not any(name == b"content-security-policy" for name, _ in sent):
                    sent.append((b"content-security-policy", CONTENT_SECURITY_POLICY))
                message = {**message, "headers": sent + headers}
            await send(message)

        try:
            if content_length > self.max_body_size:
                await self.answer(send_with_headers, 413, self.too_large)
            else:
                # With a Content-Length, the server delivers that many bytes and no more.
                limited = self.limit(receive) if chunked else receive
                await self.app(scope, limited, send_with_headers)
        except Exception:
            # Answer in JSON with the headers, then let the error go on to the server's log.
            if not status:
                await self.answer(send_with_headers, 500, SERVER_ERROR)
            raise
        finally:
            if access_log.isEnabledFor(logging.INFO):
                log_access(logging.INFO, scope, status or 500, time.perf_counter() - start)

    def with_fixed_headers(self, send: Send) -> Send:
        """Return ``send`` that adds the security headers and the default policy."""

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", ()), *self.fixed_headers]
                message = {**message, "headers": headers}
            await send(message)

        return send_with_headers

    def limit(self, receive: Receive) -> Receive:
        """Return ``receive`` that stops a body of unknown length once it passes the limit."""
        received = 0

        async def receive_at_most() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_size:
                raise BodyTooLargeError(self.max_body_size)
            return message

        return receive_at_most

    @staticmethod
    async def answer(send: Send, status: int, body: bytes) -> None:
        """Send a whole JSON response."""
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def read_headers(headers: Iterable[tuple[bytes, bytes]]) -> tuple[str, int, bool]:
    """Return the request's id, its declared body length (0 if none) and if it is chunked."""
    incoming_id, content_length, chunked = b"", 0, False
    for name, value in headers:
        if name == b"x-request-id":
            incoming_id = value
        elif name == b"content-length":
            # The server refuses a malformed Content-Length before the app sees it.
            content_length = int(value) if value.isdigit() else 0
        elif name == b"transfer-encoding":
            chunked = True
    if VALID_REQUEST_ID.fullmatch(incoming_id):
        return incoming_id.decode(), content_length, chunked
    return uuid.uuid4().hex, content_length, chunked


def log_access(level: int, scope: Scope, status: int, seconds: float) -> None:
    """Log the request's method, path (not the query: it may hold secrets), status, duration."""
    method, path, duration_ms = scope["method"], scope["path"], round(seconds * 1000, 1)
    access_log.log(
        level,
        "%s %s %d %.1f ms",
        method,
        path,
        status,
        duration_ms,
        extra={"method": method, "path": path, "status": status, "duration_ms": duration_ms},
    )
