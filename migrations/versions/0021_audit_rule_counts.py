"""Counts of the kept audit findings by rule, kept as the findings are written.

The Audit page, `GET /api/v1/audit` and `factdb audit` showed the counts by rule
of the whole database by grouping every finding, a cost that grew with the data.
factdb now adds and takes away what each recompute writes and deletes, before the
commit; this revision counts the findings already kept.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-27 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_rule_count",
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("rule", name=op.f("pk_audit_rule_count")),
    )
    op.execute(
        "INSERT INTO audit_rule_count (rule, count) "
        "SELECT rule, count(*) FROM audit_finding GROUP BY rule"
    )


def downgrade() -> None:
    op.drop_table("audit_rule_count")
