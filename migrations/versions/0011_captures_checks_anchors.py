"""Captures (with their WARC), later checks of documents' URLs, and anchors of quotes.

A check is read by the audit (SOURCE_GONE, SOURCE_CHANGED, QUOTE_WITHDRAWN), so writing
one moves the data revision on, as 0007 does for the other tables the audit reads.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 22:49:25.145466
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPERATIONS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}


def upgrade() -> None:
    op.create_table(
        "capture",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("requested_url", sa.String(length=2000), nullable=False),
        sa.Column("final_url", sa.String(length=2000), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=200), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("body_size", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("page_metadata", sa.JSON(), nullable=False),
        sa.Column("redirects", sa.JSON(), nullable=False),
        sa.Column("warc", sa.LargeBinary(), nullable=True),
        sa.Column("warc_path", sa.String(length=500), nullable=False),
        sa.Column("warc_size", sa.Integer(), nullable=False),
        sa.Column("warc_note", sa.String(length=300), nullable=False),
        sa.Column("archive_state", sa.String(length=12), nullable=False),
        sa.Column("archive_message", sa.String(length=500), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
            name=op.f("fk_capture_created_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_capture_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capture")),
    )
    with op.batch_alter_table("capture", schema=None) as batch_op:
        batch_op.create_index(
            "ix_capture_document_id_fetched_at", ["document_id", "fetched_at"], unique=False
        )

    op.create_table(
        "source_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "alive",
                "changed",
                "moved",
                "gone",
                "unreachable",
                name="check_outcome",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("final_url", sa.String(length=2000), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("diff", sa.JSON(), nullable=False),
        sa.Column("withdrawn", sa.JSON(), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_source_check_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_source_check_job_id_job"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_check")),
    )
    with op.batch_alter_table("source_check", schema=None) as batch_op:
        batch_op.create_index(
            "ix_source_check_document_id_checked_at", ["document_id", "checked_at"], unique=False
        )

    op.create_table(
        "quote_anchor",
        sa.Column("citation_id", sa.Integer(), nullable=False),
        sa.Column("exact", sa.Text(), nullable=False),
        sa.Column("prefix", sa.String(length=64), nullable=False),
        sa.Column("suffix", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("anchored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["citation_id"],
            ["citation.id"],
            name=op.f("fk_quote_anchor_citation_id_citation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("citation_id", name=op.f("pk_quote_anchor")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER data_revision_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
            'ON "source_check" FOR EACH STATEMENT EXECUTE FUNCTION factdb_bump_data_revision()'
        )
    else:
        bump = "UPDATE data_revision SET value = value + 1 WHERE id = 1;"
        for suffix, operation in OPERATIONS.items():
            name = f"data_revision_source_check_{suffix}"
            op.execute(
                f'CREATE TRIGGER {name} AFTER {operation} ON "source_check" BEGIN {bump} END'
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute('DROP TRIGGER IF EXISTS data_revision_bump ON "source_check"')
    else:
        for suffix in OPERATIONS:
            op.execute(f"DROP TRIGGER IF EXISTS data_revision_source_check_{suffix}")
    op.drop_table("quote_anchor")
    with op.batch_alter_table("source_check", schema=None) as batch_op:
        batch_op.drop_index("ix_source_check_document_id_checked_at")

    op.drop_table("source_check")
    with op.batch_alter_table("capture", schema=None) as batch_op:
        batch_op.drop_index("ix_capture_document_id_fetched_at")

    op.drop_table("capture")
