"""Logging: the request id of each record, and JSON lines for production (LOGGING in settings)."""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

# The id of the request being handled (RequestLogMiddleware sets it), "-" outside a request.
request_id: ContextVar[str] = ContextVar("request_id", default="-")

# The attributes every LogRecord has: any other one came from `extra=` and is written too.
STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))
) | {"message", "asctime", "request_id"}


def forget_request_id(**_: object) -> None:
    """Go back to no request id, once Django has finished a request (request_finished)."""
    request_id.set("-")


class RequestIdFilter(logging.Filter):
    """Put the current request id in each record, as its request_id attribute."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message, request id, extras.

    The extras are the fields given with `extra=` (the access log's method, path, status and
    duration_ms, say); an exception comes with its traceback.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        entry.update(
            (name, value) for name, value in vars(record).items() if name not in STANDARD_ATTRIBUTES
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
