"""The FastAPI application: ``create_app`` builds it and ``app`` is the one the servers run."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

{% if cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.auth import pages as auth_pages
from {{ cookiecutter.project_slug }}.auth import router as auth_api
{% endif -%}
{% if cookiecutter.forms -%}
from {{ cookiecutter.project_slug }}.contact import router as contact
{% endif -%}
{% if cookiecutter.auth or cookiecutter.forms -%}
from {{ cookiecutter.project_slug }}.database import open_database
{% endif -%}
from {{ cookiecutter.project_slug }}.logging_config import configure_logging
from {{ cookiecutter.project_slug }}.middleware import RequestMiddleware
{% if cookiecutter.ml_model and cookiecutter.forms -%}
from {{ cookiecutter.project_slug }}.ml import pages as ml_pages
{% endif -%}
{% if cookiecutter.ml_model -%}
from {{ cookiecutter.project_slug }}.ml import router as ml
{% endif -%}
from {{ cookiecutter.project_slug }}.routers import docs, health, pages
from {{ cookiecutter.project_slug }}.settings import Settings

TITLE = "{{ cookiecutter.project_name }}"
DESCRIPTION = """\
{{ cookiecutter.description|wordwrap(96) }}"""
VERSION = "0.1.0"
STATIC_DIR = Path(__file__).parent / "static"

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the start-up work before the first request and the shut-down work after the last.

    Routers add their own (the model's router loads the model): FastAPI runs them inside this.
    """
    settings: Settings = app.state.settings
    logger.info("%s %s started in %s", app.title, app.version, settings.environment)
{%- if cookiecutter.auth or cookiecutter.forms %}
    async with open_database(app, settings):
        yield
{%- else %}
    yield
{%- endif %}
    logger.info("%s stopped", app.title)


async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
    """Answer 422 with where and why the request is invalid, without echoing what was sent.

    FastAPI's own answer repeats each invalid input: a password, a thousand instances, or a NaN
    that JSON cannot encode (which made it fail with a 500).
    """
    errors = [{k: v for k, v in item.items() if k != "input"} for item in error.errors()]
    return JSONResponse(
        {"detail": jsonable_encoder(errors)}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application from ``settings`` (by default, read from the environment)."""
    if settings is None:
        settings = Settings()
    configure_logging(settings)
    app = FastAPI(
        title=TITLE,
        description=DESCRIPTION,
        version=VERSION,
        lifespan=lifespan,
        exception_handlers={RequestValidationError: validation_error},
        # Served by routers/docs.py instead, with the security policy that the pages need.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.add_middleware(
        RequestMiddleware,
        max_body_size=settings.max_body_size,
        production=settings.is_production,
        quiet_paths=[health.PATH],
    )
    app.add_api_route(health.PATH, health.healthz, methods=["GET"], tags=["health"])
    app.include_router(pages.router)
    app.include_router(docs.router)
{%- if cookiecutter.auth %}
    app.include_router(auth_api.router)
    app.include_router(auth_pages.router)
{%- endif %}
{%- if cookiecutter.forms %}
    app.include_router(contact.router)
{%- endif %}
{%- if cookiecutter.ml_model %}
    app.include_router(ml.router)
{%- endif %}
{%- if cookiecutter.ml_model and cookiecutter.forms %}
    app.include_router(ml_pages.router)
{%- endif %}
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


app = create_app()
