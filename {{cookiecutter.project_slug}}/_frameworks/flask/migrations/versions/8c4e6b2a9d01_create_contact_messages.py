"""Create the contact_messages table.

Revision ID: 8c4e6b2a9d01
Revises:{% if cookiecutter.auth %} 3f2a9c1d7b10{% endif %}
Create Date: 2026-11-22 00:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "8c4e6b2a9d01"
{%- if cookiecutter.auth %}
# After the users table: one line of history.
down_revision: str | Sequence[str] | None = "3f2a9c1d7b10"
{%- else %}
down_revision: str | Sequence[str] | None = None
{%- endif %}
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_messages")),
    )


def downgrade() -> None:
    op.drop_table("contact_messages")
