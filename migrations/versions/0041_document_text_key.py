"""Documents carry their text's words hashed for matching, indexed.

The same article pasted again without its address, under another title, was recorded as
a second document; the key (factdb.text.text_key) hashes the text with its white space
folded, so the intake finds the recorded document by its words.

Revision ID: 0041
Revises: 0040
Create Date: 2026-11-28 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from factdb.text import text_key

revision: str = "0041"
down_revision: str | None = "0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 200


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy: copying the table on SQLite would drop the
    # data-revision triggers of 0007.
    op.add_column(
        "document", sa.Column("text_key", sa.String(64), nullable=False, server_default="")
    )
    connection = op.get_bind()
    document = sa.table("document", sa.column("id", sa.Integer), sa.column("full_text", sa.Text),
                        sa.column("text_key", sa.String))  # fmt: skip
    last = 0
    while True:
        rows = connection.execute(
            sa.select(document.c.id, document.c.full_text)
            .where(document.c.id > last)
            .order_by(document.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        keyed = [{"row_id": i, "text_key": text_key(text)} for i, text in rows if text_key(text)]
        if keyed:
            connection.execute(
                document.update().where(document.c.id == sa.bindparam("row_id")), keyed
            )
        last = rows[-1][0]
    op.create_index("ix_document_text_key", "document", ["text_key"])


def downgrade() -> None:
    op.drop_index("ix_document_text_key", table_name="document")
    op.drop_column("document", "text_key")
