"""The application factory."""

from flask import Flask
from werkzeug.exceptions import HTTPException

from . import errors, pages
from .logs import configure_logging
from .sessions import SessionInterface
from .settings import PROJECT_NAME, Settings


def create_app(settings: Settings | None = None) -> Flask:
    """Create and configure the application.

    Without ``settings``, they are read from the environment and ``.env``.
    """
    if settings is None:
        settings = Settings()
    configure_logging(settings)

    app = Flask(__name__)
    app.config.from_mapping(
        PROJECT_NAME=PROJECT_NAME,
        SECRET_KEY=settings.secret_key.get_secret_value(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
    )
    app.session_interface = SessionInterface()

    # Each area of the site is a blueprint, registered here.
    app.register_blueprint(pages.bp)
    app.register_error_handler(HTTPException, errors.render_http_error)
    return app
