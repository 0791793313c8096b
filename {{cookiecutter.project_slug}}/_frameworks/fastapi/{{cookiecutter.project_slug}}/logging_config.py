"""Logging for the whole process: readable lines in development, JSON lines in production."""

import json
import logging
from datetime import UTC, datetime

from {{ cookiecutter.project_slug }}.settings import Settings

HANDLER_NAME = "app"
DEVELOPMENT_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message (and exception)."""

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
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure_logging(settings: Settings) -> None:
    """Send every record, uvicorn's included, through one stderr handler at LOG_LEVEL.

    In production the access log is off: a line per request costs throughput, and the proxy or
    platform in front of the app logs requests already.
    """
    production = settings.is_production
    handler = logging.StreamHandler()
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if production else logging.Formatter(DEVELOPMENT_FORMAT))
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
    logging.getLogger("uvicorn.access").propagate = not production
