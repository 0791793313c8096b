"""Logging: readable lines in development, one JSON object per line in production.

Each request gets an id, in every log record made while it is handled and in its
``X-Request-ID`` response header, and one access log line when it is answered.
"""

import json
import logging
import logging.config
import re
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from time import perf_counter
from typing import TYPE_CHECKING
from uuid import uuid4

from .settings import Settings

if TYPE_CHECKING:
    from _typeshed import OptExcInfo
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

DEVELOPMENT_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
# A request id sent by a client or a proxy is kept if it is short and made of safe characters.
INCOMING_REQUEST_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")
# The fields of an access log line, besides the message; the JSON objects have them too.
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")

# The id of the request being handled, if any.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
access_logger = logging.getLogger("{{ cookiecutter.project_slug }}.access")


class RequestIdFilter(logging.Filter):
    """Give each log record the id of the request being handled (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format each record as one JSON object: time, level, logger, message, request id, and the
    fields of an access line or the exception, if any."""

    def format(self, record: logging.LogRecord) -> str:
        created = datetime.fromtimestamp(record.created, tz=UTC)
        entry = {
            "time": created.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = record.__dict__
        if fields.get("request_id") is not None:
            entry["request_id"] = fields["request_id"]
        entry.update((name, fields[name]) for name in ACCESS_FIELDS if name in fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Send every log record to stderr, in the format that suits the environment."""
    formatter = {"()": JsonFormatter} if settings.is_production else {"format": DEVELOPMENT_FORMAT}
    logging.config.dictConfig(
        {
            "version": 1,
            # Keep the loggers that already exist, such as gunicorn's.
            "disable_existing_loggers": False,
            "formatters": {"default": formatter},
            "filters": {"request_id": {"()": RequestIdFilter}},
            "handlers": {
                "stderr": {
                    "class": "logging.StreamHandler",
                    "formatter": "default",
                    "filters": ["request_id"],
                }
            },
            "root": {"level": settings.log_level, "handlers": ["stderr"]},
        }
    )


class RequestLog:
    """WSGI middleware: give each request an id, and log one line when it is answered.

    The id is the request's ``X-Request-ID`` header if it is well formed (so that a proxy's id
    follows the request), else a new random one. It is sent back in the ``X-Request-ID``
    response header. The access line gives the method, the path (without the query string,
    which may hold secrets), the status and the duration in milliseconds.
    """

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        current_id = incoming if INCOMING_REQUEST_ID.fullmatch(incoming) else uuid4().hex
        token = request_id.set(current_id)
        started = perf_counter()
        status = 500  # unless the app answers

        def start_response_with_id(
            status_line: str, headers: list[tuple[str, str]], exc_info: "OptExcInfo | None" = None
        ) -> Callable[[bytes], object]:
            nonlocal status
            status = int(status_line[:3])
            headers.append(("X-Request-ID", current_id))
            return start_response(status_line, headers, exc_info)

        try:
            return self.app(environ, start_response_with_id)
        finally:
            duration_ms = round((perf_counter() - started) * 1000, 1)
            method, path = environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")
            fields = {"method": method, "path": path, "status": status, "duration_ms": duration_ms}
            access_logger.info("%s %s %d %.1f ms", method, path, status, duration_ms, extra=fields)
            request_id.reset(token)
