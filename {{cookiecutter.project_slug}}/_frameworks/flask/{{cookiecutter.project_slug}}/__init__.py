"""The application factory."""

from flask import Flask
from werkzeug.exceptions import HTTPException

from . import {% if cookiecutter.auth %}auth, {% endif %}{% if cookiecutter.forms %}contact, {% endif %}errors, pages, security
{%- if cookiecutter.auth or cookiecutter.forms %}
from .extensions import init_extensions
{%- endif %}
from .logs import RequestLog, configure_logging
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
        MAX_CONTENT_LENGTH=settings.max_content_length,
        # What base.html puts in every page: the stylesheets, and the templates of the
        # navigation bar, which each area adds to.
        STYLESHEETS=["style.css"],
        NAV_TEMPLATES=[],
    )
    app.session_interface = SessionInterface()
    headers = security.security_headers(settings)
    security.init_app(app, headers)
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
    # WSGI middleware (Flask's way of adding it, which its type hints do not foresee): every
    # request gets an id and an access log line, except the health check, answered first.
    app.wsgi_app = pages.HealthCheck(  # type: ignore[method-assign]
        RequestLog(app.wsgi_app), extra_headers=headers
    )
    return app
