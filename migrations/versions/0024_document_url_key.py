"""Documents carry their address folded for matching, computed in Python and indexed.

A citation typed with an address that differs only by http or https, "www.", a tracking
parameter (utm_source, fbclid, …) or a trailing slash named a recorded document as a new
one; the key (factdb.text.url_key) folds those away, the same on every database.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-27 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from factdb.text import url_key

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy: copying the table on SQLite would drop the
    # data-revision triggers of 0007.
    op.add_column(
        "document", sa.Column("url_key", sa.String(300), nullable=False, server_default="")
    )
    connection = op.get_bind()
    document = sa.table("document", sa.column("id", sa.Integer), sa.column("url", sa.String),
                        sa.column("url_key", sa.String))  # fmt: skip
    last = 0
    while True:
        rows = connection.execute(
            sa.select(document.c.id, document.c.url)
            .where(document.c.id > last)
            .order_by(document.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        keyed = [{"row_id": row_id, "url_key": url_key(url)} for row_id, url in rows if url]
        if keyed:
            connection.execute(
                document.update().where(document.c.id == sa.bindparam("row_id")), keyed
            )
        last = rows[-1][0]
    if connection.dialect.name != "sqlite":
        op.alter_column("document", "url_key", server_default=None)
    op.create_index("ix_document_url_key", "document", ["url_key"])


def downgrade() -> None:
    op.drop_index("ix_document_url_key", table_name="document")
    op.drop_column("document", "url_key")
