"""The FastAPI application: ``create_app`` builds it and ``app`` is the one the servers run."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from {{ cookiecutter.project_slug }}.logging_config import configure_logging
from {{ cookiecutter.project_slug }}.routers import health, pages
from {{ cookiecutter.project_slug }}.settings import Settings

TITLE = "{{ cookiecutter.project_name }}"
DESCRIPTION = """\
{{ cookiecutter.description|wordwrap(96) }}"""
VERSION = "0.1.0"
STATIC_DIR = Path(__file__).parent / "static"

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the start-up work before the first request and the shut-down work after the last."""
    settings: Settings = app.state.settings
    logger.info("%s %s started in %s", app.title, app.version, settings.environment)
    yield
    logger.info("%s stopped", app.title)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application from ``settings`` (by default, read from the environment)."""
    if settings is None:
        settings = Settings()
    configure_logging(settings)
    app = FastAPI(title=TITLE, description=DESCRIPTION, version=VERSION, lifespan=lifespan)
    app.state.settings = settings
    app.add_api_route("/healthz", health.healthz, methods=["GET"], tags=["health"])
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


app = create_app()
