"""Logging: readable lines in development, one JSON object per line in production."""

import json
import logging
import logging.config
from datetime import UTC, datetime

from .settings import Settings

DEVELOPMENT_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """Format each record as one JSON object: time, level, logger, message (and exception)."""

    def format(self, record: logging.LogRecord) -> str:
        created = datetime.fromtimestamp(record.created, tz=UTC)
        entry = {
            "time": created.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
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
            "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "default"}},
            "root": {"level": settings.log_level, "handlers": ["stderr"]},
        }
    )
