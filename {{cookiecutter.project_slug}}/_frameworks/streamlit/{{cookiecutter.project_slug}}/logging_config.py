"""Logging: readable lines in development, one JSON object per line in production."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from {{ cookiecutter.project_slug }}.settings import Settings

READABLE_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message (and exception)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Send the app's logs to stderr at ``LOG_LEVEL``, replacing any earlier configuration.

    Streamlit's own loggers keep their handlers; the launcher gives them the same level.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter() if settings.is_production else logging.Formatter(READABLE_FORMAT)
    )
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
