"""Production launcher: ``python -m {{ cookiecutter.project_slug }}``.

It validates the settings first, so that a bad configuration stops the launch with a clear
message instead of failing on a visitor's first page, then replaces itself with the Streamlit
server (``python -m streamlit run streamlit_app.py``), which thus receives the container's
signals directly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pydantic import ValidationError

from {{ cookiecutter.project_slug }}.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Mapping

APP_SCRIPT = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def server_options(settings: Settings) -> dict[str, str]:
    """Return the Streamlit options for serving in production (``streamlit run --help``)."""
    return {
        "server.headless": "true",
        "server.address": "0.0.0.0",  # noqa: S104 (the container's port is what is published)
        "server.port": str(settings.port),
        "server.fileWatcherType": "none",
        # CORS protection on: no Access-Control-Allow-Origin: *, websockets from this origin only.
        "server.enableCORS": "true",
        "server.enableXsrfProtection": "true",
        "server.maxUploadSize": str(settings.max_upload_mb),
        "browser.gatherUsageStats": "false",
        "client.showErrorDetails": "none",
        "client.toolbarMode": "viewer",
        "logger.level": settings.log_level.lower(),
        "logger.hideWelcomeMessage": "true",
    }


def command(settings: Settings) -> list[str]:
    """Return the command line that starts the Streamlit server."""
    options = [f"--{name}={value}" for name, value in server_options(settings).items()]
    return [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT), *options]


def environment(settings: Settings, base: Mapping[str, str]) -> dict[str, str]:
    """Return ``base`` plus the cookie secret, passed in the environment to keep it out of ps."""
    return {**base, "STREAMLIT_SERVER_COOKIE_SECRET": settings.secret_key.get_secret_value()}


def describe(error: ValidationError) -> str:
    """Return a validation error as lines a person can act on."""
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]).upper()
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"ERROR: {field}: {message}" if field else f"ERROR: {message}")
    return "\n".join(lines)


def main() -> NoReturn:
    """Validate the settings, then run the Streamlit server in this process's place."""
    try:
        settings = Settings()
    except ValidationError as error:
        sys.exit(describe(error))
    argv = command(settings)
    os.execve(argv[0], argv, environment(settings, os.environ))  # noqa: S606 (fixed argv)


if __name__ == "__main__":
    main()
