"""The database: an async SQLAlchemy engine per app, a session per request, and migrations."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from alembic import command
from alembic.config import Config
from fastapi import Depends, FastAPI, Request
from sqlalchemy import Connection, DateTime, Dialect, MetaData, TypeDecorator
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from {{ cookiecutter.project_slug }}.settings import Settings

ALEMBIC_INI = Path(__file__).resolve().parent.parent / "alembic.ini"


class Base(DeclarativeBase):
    """The base of every table; Alembic compares its metadata with the database."""

    # Named constraints, so that migrations can drop or change them on every database.
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
    """A time stored in UTC and read back as an aware datetime, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        """Store the time in UTC."""
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        """Read the time back in UTC, whatever the database returns.

        SQLite returns it without a time zone; PostgreSQL in the session's time zone.
        """
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc_now() -> datetime:
    """Return the current time in UTC: the default of the created_at columns."""
    return datetime.now(UTC)


@asynccontextmanager
async def open_database(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    """Connect the app to its database while it runs; in development, migrate it first.

    In production a release step runs the migrations once (``alembic upgrade head``) before the
    workers start, so that workers never race each other to change the schema.
    """
    engine = create_async_engine(settings.database_url)
    try:
        if not settings.is_production:
            await upgrade(engine)
        app.state.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
        yield
    finally:
        await engine.dispose()


async def upgrade(engine: AsyncEngine) -> None:
    """Apply the pending migrations of ``migrations/`` to the engine's database."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)


def _upgrade(connection: Connection) -> None:
    config = Config(ALEMBIC_INI)
    # migrations/env.py runs on this connection instead of opening its own.
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """Yield a session for one request; it is closed (and rolled back if needed) afterwards."""
    async with request.app.state.sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
