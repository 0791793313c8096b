"""Run the migrations: from the app's own connection, or from the ``alembic`` command line."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

{% if cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.auth import models as auth_models  # noqa: F401 (registers the table)
{% endif -%}
{% if cookiecutter.forms -%}
from {{ cookiecutter.project_slug }}.contact import models as contact_models  # noqa: F401 (registers the table)
{% endif -%}
from {{ cookiecutter.project_slug }}.database import Base
from {{ cookiecutter.project_slug }}.settings import Settings

config = context.config
target_metadata = Base.metadata
# SQLite changes a table by copying it ("batch" mode); other databases alter it in place.
render_as_batch = True


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=render_as_batch
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_from_settings() -> None:
    engine = create_async_engine(Settings().database_url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(run_migrations)
    await engine.dispose()


app_connection = config.attributes.get("connection")
if app_connection is not None:
    # The app migrates its development database at start-up, on its own connection and logging.
    run_migrations(app_connection)
elif context.is_offline_mode():
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    context.configure(
        url=Settings().database_url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=render_as_batch,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    asyncio.run(run_migrations_from_settings())
