"""The claims in review with no reviewer read oldest first from an index: (status, updated_at, id).

The reviewers' queue shows the first 25 claims in review that nobody reviews, least
recently updated first. With only (status, id) every claim in review was read and sorted
by its update before the first 25 were kept (16,459 claims, 31 ms on SQLite, at 100,000
claims), however few were unassigned. In this index's order the walk stops at the 25th
unassigned claim; only when nearly every claim in review has a reviewer does it read them
all, from the index alone.

Revision ID: 0039
Revises: 0038
Create Date: 2026-11-28 13:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0039"
down_revision: str | None = "0038"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_claim_status_updated_at_id", "claim", ["status", "updated_at", "id"])
    _statistics("ix_claim_status_updated_at_id")


def _statistics(*indexes: str) -> None:
    """Give SQLite the new indexes' statistics where it plans with ANALYZE's.

    An index missing from sqlite_stat1 is taken for a very selective one: on an analysed
    database SQLite chose (status, updated_at, id) for a list by status, newest first,
    and sorted every claim of that status (95 ms of SQL at 100,000 claims, 1 ms before).
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        for index in indexes:
            op.execute(f"ANALYZE {index}")


def downgrade() -> None:
    op.drop_index("ix_claim_status_updated_at_id", table_name="claim")
