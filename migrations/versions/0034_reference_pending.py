"""Documents whose formatted references a write may have made stale, noted by triggers.

The job that keeps formatted references read every document and every kept reference
after any write (7 s of CPU at 50,000 documents for a one-document edit). Row triggers
now note in `reference_pending` each document a write touches: the document itself, its
authors, and the documents of a source whose name is edited. Triggers, not the write
paths, fill the list, so that no way of writing (forms, API, import, SQL by hand) is
forgotten. `formatted_reference.place` keeps each reference's document digest and sort
key, so the job can tell which batches a noted document moves without reading the rest.
Rows kept before have no place: the first job reads every document once.

Revision ID: 0034
Revises: 0033
Create Date: 2026-11-28 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOTE = "INSERT INTO reference_pending (document_id) "
#: For each table: the columns whose change can reach a reference (None: any) and the
#: statement noting the documents concerned, over the row ({row}: NEW or OLD).
WATCHED: dict[str, tuple[tuple[str, ...] | None, str]] = {
    "document": (None, _NOTE + "VALUES ({row}.id);"),
    "document_author": (None, _NOTE + "VALUES ({row}.document_id);"),
    "source": (
        ("name", "kind", "family_name", "given_name"),
        "INSERT INTO reference_pending (document_id) "
        "SELECT document_id FROM document_author WHERE source_id = {row}.id;",
    ),
}


def _update_of(columns: tuple[str, ...] | None) -> str:
    return "UPDATE" if columns is None else "UPDATE OF " + ", ".join(columns)


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, (columns, note) in WATCHED.items():
            op.execute(
                f"CREATE FUNCTION factdb_reference_pending_{table}() RETURNS trigger AS $$\n"
                "BEGIN\n"
                f"    IF TG_OP <> 'INSERT' THEN {note.format(row='OLD')} END IF;\n"
                f"    IF TG_OP <> 'DELETE' THEN {note.format(row='NEW')} END IF;\n"
                "    RETURN NULL;\nEND $$ LANGUAGE plpgsql"
            )
            op.execute(
                f"CREATE TRIGGER reference_pending AFTER INSERT OR {_update_of(columns)} "
                f'OR DELETE ON "{table}" FOR EACH ROW '
                f"EXECUTE FUNCTION factdb_reference_pending_{table}()"
            )
        return
    for table, (columns, note) in WATCHED.items():
        op.execute(
            f'CREATE TRIGGER reference_pending_{table}_ai AFTER INSERT ON "{table}" '
            f"BEGIN {note.format(row='NEW')} END"
        )
        op.execute(
            f"CREATE TRIGGER reference_pending_{table}_au AFTER {_update_of(columns)} "
            f'ON "{table}" BEGIN {note.format(row="OLD")} {note.format(row="NEW")} END'
        )
        op.execute(
            f'CREATE TRIGGER reference_pending_{table}_ad AFTER DELETE ON "{table}" '
            f"BEGIN {note.format(row='OLD')} END"
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
    op.create_table(
        "reference_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_pending")),
    )
    # Plain ALTER TABLE, not a batch copy. The default stays: a row written without a
    # place (by an earlier factdb still running beside this one) is read again.
    op.add_column(
        "formatted_reference", sa.Column("place", sa.Text(), nullable=False, server_default="")
    )
    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    with op.batch_alter_table("formatted_reference") as batch:
        batch.drop_column("place")
    op.drop_table("reference_pending")
