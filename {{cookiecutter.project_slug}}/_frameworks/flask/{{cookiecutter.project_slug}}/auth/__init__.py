"""Sign-up, sign-in and sign-out: users in the database, sessions with Flask-Login."""

from flask import Flask
from flask_login import LoginManager

from {{ cookiecutter.project_slug }}.extensions import db

from . import views
from .models import User

login_manager = LoginManager()
# Anonymous visitors of a page behind @login_required go to the sign-in page, then come back.
login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to see this page."
# Forget the user when the session cookie comes back from another address or browser.
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Return the signed-in user of the session, or None if it no longer exists."""
    return db.session.get(User, int(user_id))


def init_app(app: Flask) -> None:
    """Add sign-up, sign-in and sign-out, and the account page."""
    login_manager.init_app(app)
    app.register_blueprint(views.bp)
    app.config["NAV_TEMPLATES"].append("auth/nav.html")
    app.config["STYLESHEETS"].append("auth.css")
