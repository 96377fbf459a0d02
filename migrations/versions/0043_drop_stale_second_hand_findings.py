"""SECOND_HAND_ONLY findings of claims nobody is weighing are deleted, and their count with them.

Since the rule fires only on claims in review or with a verdict, a finding it made before
on a claim waiting for review or retracted is stale; findings are recomputed only for what
a write touches, so an upgraded database kept them all. This deletes them and counts the
rule's findings again in `audit_rule_count`, whose totals the Audit page shows.

Downgrading restores nothing: the old code's rebuild of the findings would bring them back.

Revision ID: 0043
Revises: 0042
Create Date: 2026-11-28 17:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0043"
down_revision: str | None = "0042"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RULE = "SECOND_HAND_ONLY"
#: The statuses the rule leaves alone (factdb.audit.rules._NOT_WEIGHED), as stored.
NOT_WEIGHED = ("unverified", "retracted")

finding = sa.table(
    "audit_finding", sa.column("id", sa.Integer), sa.column("rule", sa.String),
    sa.column("claim_id", sa.Integer),
)  # fmt: skip
claim = sa.table("claim", sa.column("id", sa.Integer), sa.column("status", sa.String))
count = sa.table("audit_rule_count", sa.column("rule", sa.String), sa.column("count", sa.Integer))


def upgrade() -> None:
    stale = sa.select(claim.c.id).where(claim.c.status.in_(NOT_WEIGHED))
    op.execute(sa.delete(finding).where(finding.c.rule == RULE, finding.c.claim_id.in_(stale)))
    # The rule's counter set to the findings left, as `audit_rule_count` was first filled (0021).
    left = sa.select(sa.func.count()).select_from(finding).where(finding.c.rule == RULE)
    op.execute(sa.update(count).where(count.c.rule == RULE).values(count=left.scalar_subquery()))


def downgrade() -> None:
    pass
