"""The claims sorted by update read in index order on PostgreSQL too: (updated_at, id).

The list sorts by update, then by id. SQLite's index on updated_at holds the rowid in
order after it, so that index gave the whole order; PostgreSQL's did not, and a deep page
sorted the claims before it again (an incremental sort of 97,500 rows, 165 ms, for page
3,900 of the 100,000-claim bench). An index on both columns gives the order on both.

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-27 09:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_claim_updated_at_id", "claim", ["updated_at", "id"])
    op.drop_index("ix_claim_updated_at", table_name="claim")


def downgrade() -> None:
    op.create_index("ix_claim_updated_at", "claim", ["updated_at"])
    op.drop_index("ix_claim_updated_at_id", table_name="claim")
