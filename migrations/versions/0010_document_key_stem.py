"""Documents carry the stem of their citation key (year + first significant title word).

Citation keys must be the same whatever else is exported, so clashing keys are told apart
across the whole database; the stored, indexed stem finds the few documents that can
clash with a selected one without reading every document.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from factdb.text import key_stem

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy, which would drop SQLite's data-revision triggers.
    op.add_column(
        "document", sa.Column("key_stem", sa.String(34), nullable=False, server_default="")
    )
    connection = op.get_bind()
    document = sa.table(
        "document",
        sa.column("id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("published", sa.String),
        sa.column("key_stem", sa.String),
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(document.c.id, document.c.title, document.c.published)
            .where(document.c.id > last)
            .order_by(document.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        connection.execute(
            document.update().where(document.c.id == sa.bindparam("row_id")),
            [
                {"row_id": row_id, "key_stem": key_stem(title, published or "")}
                for row_id, title, published in rows
            ],
        )
        last = rows[-1][0]
    if connection.dialect.name != "sqlite":
        op.alter_column("document", "key_stem", server_default=None)
    op.create_index("ix_document_key_stem", "document", ["key_stem"])


def downgrade() -> None:
    op.drop_index("ix_document_key_stem", table_name="document")
    op.drop_column("document", "key_stem")
