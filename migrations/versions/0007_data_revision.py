"""A data revision kept by triggers, so that the audit report can be kept while nothing changes.

Every insert, update or delete on a table the audit reads moves the number on.
On PostgreSQL the triggers run BEFORE each statement: the revision row is then
the first row any writing statement locks, before the status counters, so
writers queue on it in one order and cannot deadlock over the two.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 18:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Every table whose rows can change an audit finding.
TABLES = (
    "claim",
    "citation",
    "claim_tag",
    "tag",
    "document",
    "document_author",
    "source",
    "source_alias",
    "status_change",
    "status_change_evidence",
    "user",
)
OPERATIONS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}

POSTGRES_FUNCTION = """CREATE FUNCTION factdb_bump_data_revision() RETURNS trigger AS $$
BEGIN
    UPDATE data_revision SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END $$ LANGUAGE plpgsql"""


def upgrade() -> None:
    op.create_table(
        "data_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_revision")),
    )
    op.execute("INSERT INTO data_revision (id, value) VALUES (1, 1)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            op.execute(
                f'CREATE TRIGGER data_revision_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION factdb_bump_data_revision()"
            )
        return
    for table in TABLES:
        for suffix, operation in OPERATIONS.items():
            op.execute(_sqlite_trigger(table, suffix, operation))


def _sqlite_trigger(table: str, suffix: str, operation: str) -> str:
    bump = "UPDATE data_revision SET value = value + 1 WHERE id = 1;"
    return f'CREATE TRIGGER data_revision_{table}_{suffix} AFTER {operation} ON "{table}" BEGIN {bump} END'


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f'DROP TRIGGER IF EXISTS data_revision_bump ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS factdb_bump_data_revision()")
    else:
        for table in TABLES:
            for suffix in OPERATIONS:
                op.execute(f"DROP TRIGGER IF EXISTS data_revision_{table}_{suffix}")
    op.drop_table("data_revision")
