"""The database tables, as SQLAlchemy 2 typed models.

``db.get_engine`` creates the missing tables at start-up; see the README before changing a table
that already holds data.
"""

from datetime import UTC, datetime

from sqlalchemy import DateTime, String{% if cookiecutter.forms %}, Text{% endif %}
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utc_now() -> datetime:
    """Return the current time in UTC (the default of every ``created_at``)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """The base of every model: its metadata lists the tables to create."""
{%- if cookiecutter.auth %}


class User(Base):
    """A local account: a unique username and the argon2 hash of its password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
{%- endif %}
{%- if cookiecutter.forms %}


class ContactMessage(Base):
    """A message sent through the contact form."""

    __tablename__ = "contact_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
{%- endif %}
