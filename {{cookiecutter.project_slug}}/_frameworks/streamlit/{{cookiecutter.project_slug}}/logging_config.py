"""Logging: readable lines in development, one JSON object per line in production.

Every record logged during a run of the script carries the id of the browser session that
caused it (``request_id``), and each run of a page logs one line: the page, ok or error, and
how long it took.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from {{ cookiecutter.project_slug }}.settings import Settings

READABLE_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
# A request id taken from the proxy's X-Request-ID header must look like one.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# The attributes every LogRecord has: whatever else a record holds came in `extra`.
STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
access_logger = logging.getLogger("{{ cookiecutter.project_slug }}.access")


class RequestIdFilter(logging.Filter):
    """Add the current session's ``request_id`` (or None) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message, its extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            (key, value) for key, value in vars(record).items() if key not in STANDARD_ATTRIBUTES
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(settings: Settings) -> None:
    """Send the app's logs to stderr at ``LOG_LEVEL``, replacing any earlier configuration.

    Streamlit's own loggers keep their handlers (the launcher gives them the same level); in
    production those handlers write JSON too.
    """
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        JsonFormatter() if settings.is_production else logging.Formatter(READABLE_FORMAT)
    )
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    if settings.is_production:
        for streamlit_handler in streamlit_handlers():
            streamlit_handler.setFormatter(JsonFormatter())
            streamlit_handler.addFilter(RequestIdFilter())


def streamlit_handlers() -> list[logging.Handler]:
    """Return the console handlers of Streamlit's loggers (they do not propagate to the root)."""
    return [
        handler
        for logger in list(logging.Logger.manager.loggerDict.values())
        if isinstance(
            handler := getattr(logger, "streamlit_console_handler", None), logging.Handler
        )
    ]


def request_id_from(header: str | None) -> str:
    """Return ``header`` if it is a well-formed request id, else a new one (uuid4 hex)."""
    if header and REQUEST_ID_PATTERN.fullmatch(header):
        return header
    return uuid.uuid4().hex


@contextmanager
def logged_run(page: str) -> Iterator[None]:
    """Log one line for the run of ``page``: ok or error (an exception), and its duration.

    Streamlit's st.rerun, st.switch_page and st.stop end a run normally.
    """
    started = time.perf_counter()
    status = "ok"
    try:
        yield
    except Exception:
        status = "error"
        raise
    finally:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        access_logger.info(
            "run /%s %s %.1f ms",
            page,
            status,
            duration_ms,
            extra={"page": f"/{page}", "status": status, "duration_ms": duration_ms},
        )
