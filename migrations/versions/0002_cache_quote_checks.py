"""Cache quote checks, keyed by a hash of each document's stored text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:40:43.701535
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

document = sa.table(
    "document",
    sa.column("id", sa.Integer),
    sa.column("full_text", sa.Text),
    sa.column("text_hash", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "quote_check",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_quote_check")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("text_hash", sa.String(length=64), nullable=False, server_default="")
        )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.alter_column("text_hash", server_default=None)

    # Hash the texts already stored, so that their quotes can be checked and cached.
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(document.c.id, document.c.full_text).where(document.c.full_text != "")
    )
    for row in rows.all():
        digest = hashlib.sha256(row.full_text.encode()).hexdigest()
        connection.execute(
            document.update().where(document.c.id == row.id).values(text_hash=digest)
        )


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("text_hash")
    op.drop_table("quote_check")
