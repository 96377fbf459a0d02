"""A document's author keeps the name the document writes (document_author.name and parts).

Two documents may name one source differently ("BRANNOCK, Odile" and "Odile Brannock", or a
recorded alias): each exports its authors as its file, form or API call gave them, while the
source keeps its own name. Empty means the document writes the source's name.

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-27 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (("name", 300), ("family_name", 200), ("given_name", 200))


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy, which would drop SQLite's data-revision triggers.
    for name, length in _COLUMNS:
        op.add_column(
            "document_author",
            sa.Column(name, sa.String(length), nullable=False, server_default=""),
        )
        if op.get_bind().dialect.name != "sqlite":
            op.alter_column("document_author", name, server_default=None)


def downgrade() -> None:
    for name, _ in reversed(_COLUMNS):
        op.drop_column("document_author", name)
