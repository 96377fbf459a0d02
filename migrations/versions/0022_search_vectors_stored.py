"""PostgreSQL: each searchable row keeps its tsvector, indexed, instead of an expression index.

With only an expression index, ranking a match (`ts_rank`) parsed the row's text
again, and the planner, pricing that parse low, chose to parse every document's
full text rather than use the index: the search page took 5× its time on SQLite.
A stored generated column is parsed once, when the row is written. SQLite keeps
its FTS5 table; nothing changes there.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-27 05:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, index, the text searched), as in revision 0003.
SEARCHED = (
    ("claim", "ix_claim_search", "text || ' ' || context"),
    ("citation", "ix_citation_search", "quote"),
    ("source", "ix_source_search", "name || ' ' || role"),
    ("source_alias", "ix_source_alias_search", "name"),
    ("document", "ix_document_search", "title || ' ' || full_text"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, index, searched in SEARCHED:
        op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple', {searched})) STORED"
        )
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")
        op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, index, searched in SEARCHED:
        op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (to_tsvector('simple', {searched}))")
