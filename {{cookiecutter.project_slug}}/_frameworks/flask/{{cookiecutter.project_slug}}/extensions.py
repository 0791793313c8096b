"""The database (Flask-SQLAlchemy, migrated by Flask-Migrate) and CSRF protection of forms."""

from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from flask_migrate import Migrate, upgrade
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import DateTime, Dialect, MetaData, TypeDecorator
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


class UTCDateTime(TypeDecorator[datetime]):
    """A point in time, stored in UTC and read back as an aware datetime in UTC.

    PostgreSQL returns its ``timestamptz`` values in the connection's time zone, and SQLite
    returns naive datetimes: this column type gives the same value on both. A naive datetime is
    refused, since its time zone is a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            msg = f"{value!r} has no time zone: use datetime.now(UTC), say"
            raise ValueError(msg)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


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
