"""A source's findings of one rule found by index: (source_id, rule).

A claim page and a source page read the SOURCE_UNGRADED findings of the sources they
cite. The index on source_id alone led to every finding naming a busy source (about 150
each for the sources of a claim on the busiest source's page of the 100,000-claim bench,
5,400 rows for one page) to keep one rule's; PostgreSQL spent 6 ms of the source page
there. With the rule beside the source the look-up reads only the rows it keeps, and
source_id alone is still the index's first column for the Audit page of a source.

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-27 17:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_finding_source_id_rule", "audit_finding", ["source_id", "rule"])
    op.drop_index("ix_audit_finding_source_id", table_name="audit_finding")


def downgrade() -> None:
    op.create_index("ix_audit_finding_source_id", "audit_finding", ["source_id"])
    op.drop_index("ix_audit_finding_source_id_rule", table_name="audit_finding")
