"""Audit findings kept in a table, recomputed for what each write touches.

Row triggers note every record a write touches in `audit_pending` (a claim, a
document, a source, a user's name); factdb recomputes the findings about those
records before the writing transaction commits and empties the list. Triggers,
not the write paths, fill the list, so that no way of writing (forms, API,
import, SQL by hand) is forgotten. The data revision and its statement
triggers, which only told a kept report it was stale, are dropped.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-27 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DOCUMENT_COLUMNS = (
    "title", "doc_type", "published", "undated", "url", "publisher", "container_title",
    "accessed", "text_hash", "archive_url",
)  # fmt: skip
#: For each table: the columns whose change matters to the audit (None: any) and
#: what to note, as (kind, expression over the row).
WATCHED: dict[str, tuple[tuple[str, ...] | None, tuple[tuple[str, str], ...]]] = {
    "claim": (None, (("claim", "{row}.id"),)),
    "citation": (
        None,
        (
            ("claim", "{row}.claim_id"),
            ("source_self", "{row}.speaker_id"),
            ("document_cited", "{row}.document_id"),
        ),
    ),
    "document": (DOCUMENT_COLUMNS, (("document", "{row}.id"),)),
    "document_author": (
        None,
        (("document", "{row}.document_id"), ("source_self", "{row}.source_id")),
    ),
    "source": (("name", "kind", "parent_id", "reliability"), (("source", "{row}.id"),)),
    "status_change": (None, (("claim", "{row}.claim_id"),)),
    "status_change_evidence": (
        None,
        (("claim", "(SELECT claim_id FROM status_change WHERE id = {row}.status_change_id)"),),
    ),
    "source_check": (None, (("document", "{row}.document_id"),)),
    "user": (("name",), (("user", "{row}.id"),)),
}

REVISION_TABLES = (
    "claim", "citation", "claim_tag", "tag", "document", "document_author", "source",
    "source_alias", "status_change", "status_change_evidence", "user", "source_check",
)  # fmt: skip


def _notes(table: str, row: str) -> str:
    return " ".join(
        f"INSERT INTO audit_pending (kind, ref) SELECT '{kind}', {expression.format(row=row)} "
        f"WHERE {expression.format(row=row)} IS NOT NULL;"
        for kind, expression in WATCHED[table][1]
    )


def _update_of(columns: tuple[str, ...] | None) -> str:
    return "UPDATE" if columns is None else "UPDATE OF " + ", ".join(columns)


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, (columns, _) in WATCHED.items():
            op.execute(
                f"CREATE FUNCTION factdb_audit_pending_{table}() RETURNS trigger AS $$\nBEGIN\n"
                f"    IF TG_OP <> 'INSERT' THEN {_notes(table, 'OLD')} END IF;\n"
                f"    IF TG_OP <> 'DELETE' THEN {_notes(table, 'NEW')} END IF;\n"
                "    RETURN NULL;\nEND $$ LANGUAGE plpgsql"
            )
            op.execute(
                f"CREATE TRIGGER audit_pending AFTER INSERT OR {_update_of(columns)} OR DELETE "
                f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION factdb_audit_pending_{table}()'
            )
        return
    for table, (columns, _) in WATCHED.items():
        op.execute(
            f'CREATE TRIGGER audit_pending_{table}_ai AFTER INSERT ON "{table}" '
            f"BEGIN {_notes(table, 'NEW')} END"
        )
        op.execute(
            f'CREATE TRIGGER audit_pending_{table}_au AFTER {_update_of(columns)} ON "{table}" '
            f"BEGIN {_notes(table, 'OLD')} {_notes(table, 'NEW')} END"
        )
        op.execute(
            f'CREATE TRIGGER audit_pending_{table}_ad AFTER DELETE ON "{table}" '
            f"BEGIN {_notes(table, 'OLD')} END"
        )


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f'DROP TRIGGER IF EXISTS audit_pending ON "{table}"')
            op.execute(f"DROP FUNCTION IF EXISTS factdb_audit_pending_{table}()")
        return
    for table in WATCHED:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_pending_{table}_{suffix}")


def upgrade() -> None:
    op.create_table(
        "audit_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("severity_order", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("citation_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("other_claim_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_finding")),
    )
    op.create_index(
        "ix_audit_finding_order",
        "audit_finding",
        ["severity_order", "rule", "subject_id", "id"],
    )
    op.create_index(
        "ix_audit_finding_rule",
        "audit_finding",
        ["rule", "subject_id", "id"],
    )
    for column in ("claim_id", "document_id", "source_id", "other_claim_id"):
        op.create_index(f"ix_audit_finding_{column}", "audit_finding", [column])
    op.create_table(
        "audit_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_pending")),
    )
    op.create_table(
        "audit_claim_key",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("claim_id", "key", name=op.f("pk_audit_claim_key")),
    )
    op.create_index("ix_audit_claim_key_key", "audit_claim_key", ["key", "claim_id"])
    # Everything already recorded is waiting to be audited: the first commit (or
    # `factdb audit --rebuild`, faster on a large database) fills the findings.
    op.execute("INSERT INTO audit_pending (kind, ref) SELECT 'claim', id FROM claim")
    op.execute("INSERT INTO audit_pending (kind, ref) SELECT 'document', id FROM document")
    op.execute("INSERT INTO audit_pending (kind, ref) SELECT 'source_self', id FROM source")
    _create_triggers()
    _drop_data_revision()


def _drop_data_revision() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in REVISION_TABLES:
            op.execute(f'DROP TRIGGER IF EXISTS data_revision_bump ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS factdb_bump_data_revision()")
    else:
        for table in REVISION_TABLES:
            for suffix in ("ai", "au", "ad"):
                op.execute(f"DROP TRIGGER IF EXISTS data_revision_{table}_{suffix}")
    op.drop_table("data_revision")


def _restore_data_revision() -> None:
    op.create_table(
        "data_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_revision")),
    )
    op.execute("INSERT INTO data_revision (id, value) VALUES (1, 1)")
    bump = "UPDATE data_revision SET value = value + 1 WHERE id = 1;"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION factdb_bump_data_revision() RETURNS trigger AS $$\nBEGIN\n"
            f"    {bump}\n    RETURN NULL;\nEND $$ LANGUAGE plpgsql"
        )
        for table in REVISION_TABLES:
            op.execute(
                f'CREATE TRIGGER data_revision_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION factdb_bump_data_revision()"
            )
        return
    for table in REVISION_TABLES:
        for suffix, operation in {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}.items():
            op.execute(
                f'CREATE TRIGGER data_revision_{table}_{suffix} AFTER {operation} ON "{table}" '
                f"BEGIN {bump} END"
            )


def downgrade() -> None:
    _restore_data_revision()
    _drop_triggers()
    op.drop_index("ix_audit_claim_key_key", table_name="audit_claim_key")
    op.drop_table("audit_claim_key")
    op.drop_table("audit_pending")
    for column in ("claim_id", "document_id", "source_id", "other_claim_id"):
        op.drop_index(f"ix_audit_finding_{column}", table_name="audit_finding")
    op.drop_index("ix_audit_finding_rule", table_name="audit_finding")
    op.drop_index("ix_audit_finding_order", table_name="audit_finding")
    op.drop_table("audit_finding")
