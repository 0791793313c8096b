"""Logging for the whole process: readable lines in development, JSON lines in production.

Every record logged while a request is served carries that request's id (``request_id``, set
by the middleware), so that the lines of one request can be found together.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

from {{ cookiecutter.project_slug }}.settings import Settings

HANDLER_NAME = "app"
DEVELOPMENT_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")
# The attributes a record may carry besides its message: the request id, and the fields of an
# access line. The JSON lines have them as keys of their own.
EXTRA_FIELDS = ("request_id", "method", "path", "status", "duration_ms")

# The id of the request being served; each request runs in a task with its own copy of it.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Stamp each record with the id of the request being served (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Add ``record.request_id``; keep every record."""
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a single line of JSON."""
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in EXTRA_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure_logging(settings: Settings) -> None:
    """Send every record, uvicorn's included, through one stderr handler at LOG_LEVEL.

    The app's middleware writes the access lines (with the request id), so uvicorn's own
    access log is off.
    """
    handler = logging.StreamHandler()
    handler.set_name(HANDLER_NAME)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        JsonFormatter() if settings.is_production else logging.Formatter(DEVELOPMENT_FORMAT)
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.setLevel(logging.NOTSET)
        logger.propagate = True
    # Uvicorn formats an access line only when this logger has somewhere to send it.
    logging.getLogger("uvicorn.access").propagate = False
