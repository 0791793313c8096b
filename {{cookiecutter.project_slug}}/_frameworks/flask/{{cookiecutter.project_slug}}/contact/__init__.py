"""The contact form: validated, protected against CSRF, saved to the database."""

from flask import Flask
{%- if not cookiecutter.auth %}

from {{ cookiecutter.project_slug }}.settings import Settings
{%- endif %}

from . import views
{%- if cookiecutter.auth %}


def init_app(app: Flask) -> None:
    """Add the contact form, and the list of messages received for signed-in users."""
    app.register_blueprint(views.bp)
    app.register_blueprint(views.submissions_bp)
    app.config["NAV_TEMPLATES"].append("contact/nav.html")
{%- else %}


def init_app(app: Flask, settings: Settings) -> None:
    """Add the contact form, and in development the list of messages received."""
    app.register_blueprint(views.bp)
    # The list shows people's email addresses: without sign-in, anyone could read it.
    if not settings.is_production:
        app.register_blueprint(views.submissions_bp)
    app.config["NAV_TEMPLATES"].append("contact/nav.html")
{%- endif %}
