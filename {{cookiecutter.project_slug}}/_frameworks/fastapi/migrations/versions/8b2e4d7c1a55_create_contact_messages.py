"""Create the contact_messages table.

Revision ID: 8b2e4d7c1a55
Revises:{% if cookiecutter.auth %} 3f1c6a2b9d10{% endif %}
Create Date: 2026-11-22 00:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8b2e4d7c1a55"
down_revision: str | Sequence[str] | None = {% if cookiecutter.auth %}"3f1c6a2b9d10"{% else %}None{% endif %}
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
