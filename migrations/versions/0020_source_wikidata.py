"""Sources name their Wikidata item (Q42), which tells namesakes apart.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-27 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy, which would drop SQLite's data-revision triggers.
    op.add_column("source", sa.Column("wikidata", sa.String(20), nullable=False, server_default=""))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("source", "wikidata", server_default=None)


def downgrade() -> None:
    op.drop_column("source", "wikidata")
