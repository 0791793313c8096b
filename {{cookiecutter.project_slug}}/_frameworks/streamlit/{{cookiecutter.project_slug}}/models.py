"""The database tables, as SQLAlchemy 2 typed models.

``db.get_engine`` creates the missing tables at start-up; see the README before changing a table
that already holds data.
"""

from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect, String{% if cookiecutter.forms %}, Text{% endif %}
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utc_now() -> datetime:
    """Return the current time in UTC (the default of every ``created_at``)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored and read back in UTC on every database.

    SQLite keeps no time zone (it would return naive values) and PostgreSQL returns its session's
    time zone: this type gives the same aware UTC value on both, and refuses a naive one.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            msg = f"a naive datetime cannot be stored, give it a time zone: {value!r}"
            raise ValueError(msg)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """The base of every model: its metadata lists the tables to create."""
{%- if cookiecutter.auth %}


class User(Base):
    """A local account: a unique username and the argon2 hash of its password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
{%- endif %}
{%- if cookiecutter.forms %}


class ContactMessage(Base):
    """A message sent through the contact form."""

    __tablename__ = "contact_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
{%- endif %}
