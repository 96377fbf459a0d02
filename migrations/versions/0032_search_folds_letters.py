"""Search folds letters typed without their marks (Aksın as aksin, Ø as o), on both databases.

SQLite's FTS5 took the marks off é or Ç but left ı, ø, æ, ß, ł and đ, which have none to
take off: "Aksin" did not find "Aksın". PostgreSQL folded nothing at all ("Cakir" did not
find "Çakır"). The search index now holds each row's text with those letters replaced too
(factdb.search_fold): on SQLite in a column of its own (`folded`, empty when nothing
changes), so that titles and snippets still show the text as stored; on PostgreSQL in the
stored tsvector, through `factdb_fold`, which also drops the marks of Latin letters. Every
row already stored is indexed again here.

Revision ID: 0032
Revises: 0031
Create Date: 2026-11-28 04:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: As factdb.search_fold.LETTERS when this revision was written (a test keeps them equal).
LETTERS = {
    "ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "ẞ": "SS", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
    "Þ": "TH", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L",
}  # fmt: skip


def _replaced(expression: str) -> str:
    for letter, plain in LETTERS.items():
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


# -- SQLite: the FTS5 table (rowid = record id * 4 + kind), kept by triggers -------------

_ALIASES = "coalesce(' ' || (SELECT group_concat(a.name, ' ') FROM source_alias a WHERE a.source_id = {row}.id), '')"
#: kind: (number, table, title, body, which rows are indexed)
_KINDS = {
    "claim": (0, "claim", "{row}.text", "{row}.context", "1"),
    "citation": (1, "citation", "''", "{row}.quote", "{row}.quote != ''"),
    "source": (2, "source", "{row}.name || " + _ALIASES, "{row}.role", "1"),
    "document": (3, "document", "{row}.title", "{row}.full_text", "1"),
}
_WATCHED = {
    "claim": "text, context",
    "citation": "quote",
    "source": "name, role",
    "document": "title, full_text",
}


_FOLDED = _replaced("t || ' ' || b")


def _rows(kind: str, row: str, folded: bool) -> str:
    """The index rows of `kind` for `row` (new, or the table itself for what is stored)."""
    number, table, title, body, where = (part.format(row=row) for part in map(str, _KINDS[kind]))
    source = "" if row == "new" else f" FROM {table}"
    columns = "rowid, kind, rid, title, body" + (", folded" if folded else "")
    if not folded:
        return (
            f"INSERT INTO search_index({columns}) SELECT {row}.id * 4 + {number}, '{kind}', "
            f"{row}.id, {title}, {body}{source} WHERE {where}"
        )
    return (
        f"INSERT INTO search_index({columns}) SELECT i, '{kind}', r, t, b, "  # noqa: S608 (fixed SQL)
        f"CASE WHEN f = t || ' ' || b THEN '' ELSE f END FROM (SELECT i, r, t, b, "
        f"{_FOLDED} AS f FROM (SELECT {row}.id * 4 + {number} AS i, "
        f"{row}.id AS r, {title} AS t, {body} AS b{source} WHERE {where}))"
    )


def _sqlite_search(folded: bool) -> list[str]:
    columns = "kind UNINDEXED, rid UNINDEXED, title, body" + (", folded" if folded else "")
    statements = [
        f"CREATE VIRTUAL TABLE search_index USING fts5({columns}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    ]
    for kind, (number, table, *_) in _KINDS.items():
        gone = f"DELETE FROM search_index WHERE rowid = old.id * 4 + {number};"  # noqa: S608
        statements += [
            f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN "
            f"{_rows(kind, 'new', folded)}; END",
            f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {_WATCHED[kind]} ON {table} "
            f"BEGIN {gone} {_rows(kind, 'new', folded)}; END",
            f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {gone} END",
        ]
    statements += [
        "CREATE TRIGGER search_alias_ai AFTER INSERT ON source_alias BEGIN "
        "UPDATE source SET name = name WHERE id = new.source_id; END",
        "CREATE TRIGGER search_alias_ad AFTER DELETE ON source_alias BEGIN "
        "UPDATE source SET name = name WHERE id = old.source_id; END",
    ]
    return statements + [_rows(kind, table, folded) for kind, (_, table, *_) in _KINDS.items()]


def _drop_sqlite_search() -> None:
    for table in (*(table for _, table, *_ in _KINDS.values()), "alias"):
        for event in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{event}")
    op.execute("DROP TABLE IF EXISTS search_index")


# -- PostgreSQL: each row's stored tsvector (revision 0022) ------------------------------

_FOLD_FUNCTION = (
    "CREATE FUNCTION factdb_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    f"AS $$ SELECT normalize(regexp_replace(normalize({_replaced('value')}, NFD), "
    "'([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC) $$"
)
#: (table, index, the text searched), as in revision 0022.
_SEARCHED = (
    ("claim", "ix_claim_search", "text || ' ' || context"),
    ("citation", "ix_citation_search", "quote"),
    ("source", "ix_source_search", "name || ' ' || role"),
    ("source_alias", "ix_source_alias_search", "name"),
    ("document", "ix_document_search", "title || ' ' || full_text"),
)


def _postgres_vectors(folded: bool) -> None:
    for table, index, searched in _SEARCHED:
        text = f"factdb_fold({searched})" if folded else searched
        op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple', {text})) STORED"
        )
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")
        op.execute(f"ANALYZE {table}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FOLD_FUNCTION)
        _postgres_vectors(folded=True)
        return
    _drop_sqlite_search()
    for statement in _sqlite_search(folded=True):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgres_vectors(folded=False)
        op.execute("DROP FUNCTION factdb_fold(text)")
        return
    _drop_sqlite_search()
    for statement in _sqlite_search(folded=False):
        op.execute(statement)
