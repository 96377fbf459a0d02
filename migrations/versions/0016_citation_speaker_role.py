"""The speaker's role as the document gives it, kept on the citation.

"Chief executive Jane Roe said" records "chief executive" on that citation, whatever role
the source Jane Roe is recorded with. Existing citations take an empty role.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE on every database: a batch copy on SQLite would drop the citation
    # table's triggers (0003, 0007).
    op.add_column(
        "citation",
        sa.Column("speaker_role", sa.String(300), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("citation", "speaker_role")
