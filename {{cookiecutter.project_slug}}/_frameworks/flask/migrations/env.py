"""Alembic's environment: runs the migrations on the app's database, through Flask-Migrate.

Flask-Migrate loads it for ``flask --app {{ cookiecutter.project_slug }} db ...``,
inside the app context; the app's own logging set-up stays in place.
"""

import logging

from alembic import context
from alembic.operations.ops import MigrationScript
from alembic.runtime.migration import MigrationContext
from flask import current_app

logger = logging.getLogger("alembic.env")

extension = current_app.extensions["migrate"]
database = extension.db


def skip_empty_revision(
    _context: MigrationContext, _revision: object, directives: list[MigrationScript]
) -> None:
    """Write no revision file when ``db migrate`` finds no change in the models."""
    if getattr(context.config.cmd_opts, "autogenerate", False):
        upgrade_ops = directives[0].upgrade_ops
        if upgrade_ops is not None and upgrade_ops.is_empty():
            directives.clear()
            logger.info("No change in the models: no migration written")


def run_migrations_offline() -> None:
    """Print the SQL of the migrations instead of running it (``db upgrade --sql``)."""
    context.configure(
        url=database.engine.url.render_as_string(hide_password=False),
        target_metadata=database.metadata,
        literal_binds=True,
        **extension.configure_args,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the database."""
    with database.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=database.metadata,
            process_revision_directives=skip_empty_revision,
            **extension.configure_args,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
