import json
import logging

import pytest

from {{ cookiecutter.project_slug }}.logs import configure_logging
from {{ cookiecutter.project_slug }}.settings import Settings

logger = logging.getLogger("app.test")


def test_production_logs_one_json_object_per_line(
    production_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(production_settings)

    logger.warning("disk at %d%%", 91)

    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "app.test"
    assert entry["message"] == "disk at 91%"
    assert entry["time"].endswith("+00:00")


def test_production_logs_exceptions_inside_the_json_object(
    production_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(production_settings)

    logger.error("failed", exc_info=ZeroDivisionError("division by zero"))

    (line,) = capsys.readouterr().err.splitlines()
    assert "ZeroDivisionError: division by zero" in json.loads(line)["exception"]


def test_development_logs_readable_lines(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(settings)

    logger.info("started")

    assert capsys.readouterr().err.rstrip().endswith("INFO     app.test: started")


def test_log_level_filters_records(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(_env_file=None, log_level="WARNING"))

    logger.info("hidden")
    logger.warning("shown")

    err = capsys.readouterr().err
    assert "hidden" not in err
    assert "shown" in err
