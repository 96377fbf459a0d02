"""Full-text search (SQLite FTS5 or PostgreSQL tsvector indexes) and trigger-kept status counts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# rowid = record id * 4 + kind, so that a trigger finds a record's row without a scan.
SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE search_index USING fts5(
        kind UNINDEXED, rid UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')""",
    # claims
    """CREATE TRIGGER search_claim_ai AFTER INSERT ON claim BEGIN
        INSERT INTO search_index(rowid, kind, rid, title, body) VALUES (new.id * 4, 'claim', new.id, new.text, new.context);
    END""",
    """CREATE TRIGGER search_claim_au AFTER UPDATE OF text, context ON claim BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4;
        INSERT INTO search_index(rowid, kind, rid, title, body) VALUES (new.id * 4, 'claim', new.id, new.text, new.context);
    END""",
    """CREATE TRIGGER search_claim_ad AFTER DELETE ON claim BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4;
    END""",
    # citations (their quotes)
    """CREATE TRIGGER search_citation_ai AFTER INSERT ON citation WHEN new.quote != '' BEGIN
        INSERT INTO search_index(rowid, kind, rid, title, body) VALUES (new.id * 4 + 1, 'citation', new.id, '', new.quote);
    END""",
    """CREATE TRIGGER search_citation_au AFTER UPDATE OF quote ON citation BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
        INSERT INTO search_index(rowid, kind, rid, title, body)
            SELECT new.id * 4 + 1, 'citation', new.id, '', new.quote WHERE new.quote != '';
    END""",
    """CREATE TRIGGER search_citation_ad AFTER DELETE ON citation BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
    END""",
    # sources, with their aliases
    """CREATE TRIGGER search_source_ai AFTER INSERT ON source BEGIN
        INSERT INTO search_index(rowid, kind, rid, title, body) VALUES (new.id * 4 + 2, 'source', new.id, new.name, new.role);
    END""",
    """CREATE TRIGGER search_source_au AFTER UPDATE OF name, role ON source BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
        INSERT INTO search_index(rowid, kind, rid, title, body)
            SELECT new.id * 4 + 2, 'source', new.id,
                   new.name || coalesce(' ' || (SELECT group_concat(name, ' ') FROM source_alias WHERE source_id = new.id), ''),
                   new.role;
    END""",
    """CREATE TRIGGER search_source_ad AFTER DELETE ON source BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
    END""",
    """CREATE TRIGGER search_alias_ai AFTER INSERT ON source_alias BEGIN
        UPDATE source SET name = name WHERE id = new.source_id;
    END""",
    """CREATE TRIGGER search_alias_ad AFTER DELETE ON source_alias BEGIN
        UPDATE source SET name = name WHERE id = old.source_id;
    END""",
    # documents: title and stored text
    """CREATE TRIGGER search_document_ai AFTER INSERT ON document BEGIN
        INSERT INTO search_index(rowid, kind, rid, title, body) VALUES (new.id * 4 + 3, 'document', new.id, new.title, new.full_text);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE OF title, full_text ON document BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
        INSERT INTO search_index(rowid, kind, rid, title, body) VALUES (new.id * 4 + 3, 'document', new.id, new.title, new.full_text);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON document BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
    END""",
    # what is already there
    "INSERT INTO search_index(rowid, kind, rid, title, body) SELECT id * 4, 'claim', id, text, context FROM claim",
    "INSERT INTO search_index(rowid, kind, rid, title, body) SELECT id * 4 + 1, 'citation', id, '', quote FROM citation WHERE quote != ''",
    """INSERT INTO search_index(rowid, kind, rid, title, body)
        SELECT id * 4 + 2, 'source', id,
               name || coalesce(' ' || (SELECT group_concat(a.name, ' ') FROM source_alias a WHERE a.source_id = source.id), ''),
               role FROM source""",
    "INSERT INTO search_index(rowid, kind, rid, title, body) SELECT id * 4 + 3, 'document', id, title, full_text FROM document",
]
SQLITE_SEARCH_DOWN = [
    *(
        f"DROP TRIGGER IF EXISTS search_{table}_{event}"
        for table in ("claim", "citation", "source", "document")
        for event in ("ai", "au", "ad")
    ),
    "DROP TRIGGER IF EXISTS search_alias_ai",
    "DROP TRIGGER IF EXISTS search_alias_ad",
    "DROP TABLE IF EXISTS search_index",
]

POSTGRES_SEARCH = [
    "CREATE INDEX ix_claim_search ON claim USING gin (to_tsvector('simple', text || ' ' || context))",
    "CREATE INDEX ix_citation_search ON citation USING gin (to_tsvector('simple', quote))",
    "CREATE INDEX ix_source_search ON source USING gin (to_tsvector('simple', name || ' ' || role))",
    "CREATE INDEX ix_source_alias_search ON source_alias USING gin (to_tsvector('simple', name))",
    "CREATE INDEX ix_document_search ON document USING gin (to_tsvector('simple', title || ' ' || full_text))",
]
POSTGRES_SEARCH_DOWN = [
    f"DROP INDEX IF EXISTS {name}"
    for name in (
        "ix_claim_search",
        "ix_citation_search",
        "ix_source_search",
        "ix_source_alias_search",
        "ix_document_search",
    )
]

SQLITE_COUNTS = [
    """CREATE TRIGGER claim_status_count_ai AFTER INSERT ON claim BEGIN
        INSERT INTO claim_status_count(status, count) VALUES (new.status, 1)
            ON CONFLICT(status) DO UPDATE SET count = count + 1;
    END""",
    """CREATE TRIGGER claim_status_count_au AFTER UPDATE OF status ON claim WHEN old.status != new.status BEGIN
        UPDATE claim_status_count SET count = count - 1 WHERE status = old.status;
        INSERT INTO claim_status_count(status, count) VALUES (new.status, 1)
            ON CONFLICT(status) DO UPDATE SET count = count + 1;
    END""",
    """CREATE TRIGGER claim_status_count_ad AFTER DELETE ON claim BEGIN
        UPDATE claim_status_count SET count = count - 1 WHERE status = old.status;
    END""",
]
SQLITE_COUNTS_DOWN = [f"DROP TRIGGER IF EXISTS claim_status_count_{e}" for e in ("ai", "au", "ad")]

POSTGRES_COUNTS = [
    """CREATE FUNCTION factdb_claim_status_count() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE claim_status_count SET count = count - 1 WHERE status = OLD.status;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO claim_status_count(status, count) VALUES (NEW.status, 1)
                ON CONFLICT (status) DO UPDATE SET count = claim_status_count.count + 1;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER claim_status_count_insert_delete AFTER INSERT OR DELETE ON claim
        FOR EACH ROW EXECUTE FUNCTION factdb_claim_status_count()""",
    """CREATE TRIGGER claim_status_count_update AFTER UPDATE OF status ON claim
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION factdb_claim_status_count()""",
]
POSTGRES_COUNTS_DOWN = [
    "DROP TRIGGER IF EXISTS claim_status_count_insert_delete ON claim",
    "DROP TRIGGER IF EXISTS claim_status_count_update ON claim",
    "DROP FUNCTION IF EXISTS factdb_claim_status_count()",
]


def upgrade() -> None:
    op.create_table(
        "claim_status_count",
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("status", name=op.f("pk_claim_status_count")),
    )
    op.execute(
        "INSERT INTO claim_status_count (status, count) SELECT status, count(*) FROM claim GROUP BY status"
    )
    dialect = op.get_bind().dialect.name
    statements = (
        SQLITE_COUNTS + SQLITE_SEARCH if dialect == "sqlite" else POSTGRES_COUNTS + POSTGRES_SEARCH
    )
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = (
        SQLITE_SEARCH_DOWN + SQLITE_COUNTS_DOWN
        if dialect == "sqlite"
        else POSTGRES_SEARCH_DOWN + POSTGRES_COUNTS_DOWN
    )
    for statement in statements:
        op.execute(statement)
    op.drop_table("claim_status_count")
