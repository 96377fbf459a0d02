"""One note a document in `reference_pending`, so that the list is bounded by the documents.

The triggers of 0034 added a row at every write (two at an update: the old row's and the
new one's), and with FACTDB_KEEP_REFERENCES=false and no import nothing removed them, so
the table grew with every edit. The notes are now unique by document: a write of a
document already noted counts up its note's `noted` instead of adding a row, and the job
removes a note only if `noted` is still what it read, so that a note written while it
ran stays for the next job. Duplicates kept before are merged.

Revision ID: 0036
Revises: 0035
Create Date: 2026-11-28 04:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOTE = "INSERT INTO reference_pending (document_id) "
#: As in 0034: for each table, the columns whose change can reach a reference (None: any)
#: and the statement noting the documents concerned, over the row ({row}: NEW or OLD).
WATCHED: dict[str, tuple[tuple[str, ...] | None, str]] = {
    "document": (None, _NOTE + "VALUES ({row}.id)"),
    "document_author": (None, _NOTE + "VALUES ({row}.document_id)"),
    "source": (
        ("name", "kind", "family_name", "given_name"),
        "INSERT INTO reference_pending (document_id) "
        "SELECT document_id FROM document_author WHERE source_id = {row}.id",
    ),
}
#: What 0036 adds to each statement: a document noted already is counted, not noted again.
ONCE = " ON CONFLICT (document_id) DO UPDATE SET noted = reference_pending.noted + 1"


def _update_of(columns: tuple[str, ...] | None) -> str:
    return "UPDATE" if columns is None else "UPDATE OF " + ", ".join(columns)


def _create_triggers(tail: str) -> None:
    """Create 0034's triggers, each statement ending in `tail`."""
    if op.get_bind().dialect.name == "postgresql":
        for table, (columns, note) in WATCHED.items():
            old, new = note.format(row="OLD") + tail, note.format(row="NEW") + tail
            op.execute(
                f"CREATE FUNCTION factdb_reference_pending_{table}() RETURNS trigger AS $$\n"
                "BEGIN\n"
                f"    IF TG_OP <> 'INSERT' THEN {old}; END IF;\n"
                f"    IF TG_OP <> 'DELETE' THEN {new}; END IF;\n"
                "    RETURN NULL;\nEND $$ LANGUAGE plpgsql"
            )
            op.execute(
                f"CREATE TRIGGER reference_pending AFTER INSERT OR {_update_of(columns)} "
                f'OR DELETE ON "{table}" FOR EACH ROW '
                f"EXECUTE FUNCTION factdb_reference_pending_{table}()"
            )
        return
    for table, (columns, note) in WATCHED.items():
        old, new = note.format(row="OLD") + tail + ";", note.format(row="NEW") + tail + ";"
        op.execute(
            f'CREATE TRIGGER reference_pending_{table}_ai AFTER INSERT ON "{table}" BEGIN {new} END'
        )
        op.execute(
            f"CREATE TRIGGER reference_pending_{table}_au AFTER {_update_of(columns)} "
            f'ON "{table}" BEGIN {old} {new} END'
        )
        op.execute(
            f'CREATE TRIGGER reference_pending_{table}_ad AFTER DELETE ON "{table}" BEGIN {old} END'
        )


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f'DROP TRIGGER IF EXISTS reference_pending ON "{table}"')
            op.execute(f"DROP FUNCTION IF EXISTS factdb_reference_pending_{table}()")
        return
    for table in WATCHED:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS reference_pending_{table}_{suffix}")


def upgrade() -> None:
    op.execute(
        "DELETE FROM reference_pending WHERE id NOT IN "
        "(SELECT min(id) FROM reference_pending GROUP BY document_id)"
    )
    op.add_column(
        "reference_pending",
        sa.Column("noted", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index(
        op.f("ix_reference_pending_document_id"), "reference_pending", ["document_id"], unique=True
    )
    _drop_triggers()
    _create_triggers(ONCE)


def downgrade() -> None:
    _drop_triggers()  # first: SQLite's copy of the table would break them
    op.drop_index(op.f("ix_reference_pending_document_id"), table_name="reference_pending")
    with op.batch_alter_table("reference_pending") as batch:
        batch.drop_column("noted")
    _create_triggers("")
