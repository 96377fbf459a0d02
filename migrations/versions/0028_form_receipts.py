"""Form receipts: a new-record form sent twice creates one record.

Each new-claim, new-source and new-document form carries a token made when it is
rendered; the save records the token with what it created, and the unique token turns
a second save of the same form (back and resubmit, a retried POST) into a redirect.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-27 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "form_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_receipt")),
        sa.UniqueConstraint("token", name=op.f("uq_form_receipt_token")),
    )
    op.create_index(
        op.f("ix_form_receipt_created_at"), "form_receipt", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_form_receipt_created_at"), table_name="form_receipt")
    op.drop_table("form_receipt")
