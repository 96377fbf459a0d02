"""Documents carry their title folded for matching, computed in Python and indexed.

Importing a file matches its references to existing documents by title and year. SQLite's
lower() folds ASCII letters only, so a title with a non-ASCII capital never matched and was
imported again each time; a key computed in Python is the same on every database.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from factdb.text import title_key

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy: copying the table on SQLite would drop the
    # data-revision triggers of 0007.
    op.add_column(
        "document", sa.Column("title_key", sa.String(200), nullable=False, server_default="")
    )
    connection = op.get_bind()
    document = sa.table("document", sa.column("id", sa.Integer), sa.column("title", sa.String),
                        sa.column("title_key", sa.String))  # fmt: skip
    last = 0
    while True:
        rows = connection.execute(
            sa.select(document.c.id, document.c.title)
            .where(document.c.id > last)
            .order_by(document.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        connection.execute(
            document.update().where(document.c.id == sa.bindparam("row_id")),
            [{"row_id": row_id, "title_key": title_key(title)} for row_id, title in rows],
        )
        last = rows[-1][0]
    if connection.dialect.name != "sqlite":
        op.alter_column("document", "title_key", server_default=None)
    op.create_index("ix_document_title_key", "document", ["title_key"])


def downgrade() -> None:
    op.drop_index("ix_document_title_key", table_name="document")
    op.drop_column("document", "title_key")
