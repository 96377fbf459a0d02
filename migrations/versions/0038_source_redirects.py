"""Sources merged into another leave a redirect, so their old addresses still arrive.

Revision ID: 0038
Revises: 0037
Create Date: 2026-11-28 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0038"
down_revision: str | None = "0037"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source_redirect",
        sa.Column("source_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("into_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("merged_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["into_id"],
            ["source.id"],
            name=op.f("fk_source_redirect_into_id_source"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_by_id"],
            ["user.id"],
            name=op.f("fk_source_redirect_merged_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_redirect")),
    )
    op.create_index(
        op.f("ix_source_redirect_into_id"), "source_redirect", ["into_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_source_redirect_into_id"), table_name="source_redirect")
    op.drop_table("source_redirect")
