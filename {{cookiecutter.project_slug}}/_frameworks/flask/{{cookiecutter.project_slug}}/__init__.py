"""The application factory."""

from flask import Flask
from werkzeug.exceptions import HTTPException

from . import {% if cookiecutter.auth %}auth, {% endif %}{% if cookiecutter.forms %}contact, {% endif %}errors, pages
{%- if cookiecutter.auth or cookiecutter.forms %}
from .extensions import init_extensions
{%- endif %}
from .logs import configure_logging
{%- if cookiecutter.ml_model %}
from .ml import api as ml_api
{%- endif %}
{%- if cookiecutter.ml_model and cookiecutter.forms %}
from .ml import page as ml_page
{%- endif %}
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
        # Bodies over 1 MiB are refused (413) before they are read.
        MAX_CONTENT_LENGTH=1024 * 1024,
        # What base.html puts in every page: the stylesheets, and the templates of the
        # navigation bar, which each area adds to.
        STYLESHEETS=["style.css"],
        NAV_TEMPLATES=[],
    )
    app.session_interface = SessionInterface()
{%- if cookiecutter.auth or cookiecutter.forms %}
    init_extensions(app, settings)
{%- endif %}

    # Each area of the site is a blueprint, registered here.
    app.register_blueprint(pages.bp)
{%- if cookiecutter.auth %}
    auth.init_app(app)
{%- endif %}
{%- if cookiecutter.forms %}
    contact.init_app(app{% if not cookiecutter.auth %}, settings{% endif %})
{%- endif %}
{%- if cookiecutter.ml_model %}
    ml_api.init_app(app, settings)
{%- endif %}
{%- if cookiecutter.ml_model and cookiecutter.forms %}
    ml_page.init_app(app)
{%- endif %}
    app.register_error_handler(HTTPException, errors.render_http_error)
    # The health check is answered before the app sees the request (Flask's way of adding
    # WSGI middleware, which its type hints do not foresee).
    app.wsgi_app = pages.HealthCheck(app.wsgi_app)  # type: ignore[method-assign]
    return app
