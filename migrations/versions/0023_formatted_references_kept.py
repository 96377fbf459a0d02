"""Formatted references kept between exports, keyed by document, style and output.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-27 05:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "formatted_reference",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("style", sa.String(32), nullable=False),
        sa.Column("form", sa.String(24), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("entry", sa.Text(), nullable=False),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("batch", sa.String(64), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "style", "form", name="pk_formatted_reference"),
    )


def downgrade() -> None:
    op.drop_table("formatted_reference")
