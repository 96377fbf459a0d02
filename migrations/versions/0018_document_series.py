"""Documents name the series they belong to (a book's or a report's series).

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-27 03:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy, which would drop SQLite's data-revision triggers.
    op.add_column(
        "document", sa.Column("series", sa.String(300), nullable=False, server_default="")
    )
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("document", "series", server_default=None)


def downgrade() -> None:
    op.drop_column("document", "series")
