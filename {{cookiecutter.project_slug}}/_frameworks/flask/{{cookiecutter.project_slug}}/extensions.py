"""The database (Flask-SQLAlchemy, migrated by Flask-Migrate) and CSRF protection of forms."""

from pathlib import Path

from flask import Flask
from flask_migrate import Migrate, upgrade
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from .settings import Settings

# In the project root, wherever the app is started from.
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class Base(DeclarativeBase):
    """The base class of the models: its metadata is the schema the migrations build."""

    # Named constraints, so that migrations can drop or alter them (SQLite included).
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
migrate = Migrate(directory=str(MIGRATIONS_DIR))
# Every POST, PUT, PATCH and DELETE needs the form's CSRF token, unless its view is exempted.
csrf = CSRFProtect()


def init_extensions(app: Flask, settings: Settings) -> None:
    """Connect the database and protect every form against cross-site request forgery.

    In development, pending migrations are applied here, so the app starts on an up-to-date
    database. In production, apply them before the new version starts, once, as a release step:
    ``flask --app {{ cookiecutter.project_slug }} db upgrade``.
    """
    app.config["SQLALCHEMY_DATABASE_URI"] = settings.database_url
    db.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    app.config["STYLESHEETS"].append("forms.css")
    if not settings.is_production:
        with app.app_context():
            upgrade()
