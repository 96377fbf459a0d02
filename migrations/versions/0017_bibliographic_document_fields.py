"""Documents carry the fields references cite them by, and more types of document.

Volume, issue, pages, section, edition, event, place of publication, number, ISBN and
ISSN (empty for existing documents), `extra` for the fields a reference manager gave
that factdb has no column for (an empty object), and the document types journal and
magazine article, chapter, thesis, conference paper, dataset, legal case, legislation
and broadcast. The type's CHECK constraint only widens; on SQLite its recorded
definition is edited in place as in 0015 (a rebuild would drop the table's triggers).

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-27 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT_COLUMNS = {
    "volume": 50, "issue": 50, "pages": 100, "section": 200, "edition": 100, "event": 500,
    "place": 200, "number": 100, "isbn": 50, "issn": 50,
}  # fmt: skip
OLD_TYPES = [
    "news_article", "web_page", "report", "press_release", "interview", "speech",
    "social_post", "book", "other",
]  # fmt: skip
NEW_TYPES = [
    "news_article", "magazine_article", "journal_article", "web_page", "report",
    "press_release", "interview", "speech", "social_post", "broadcast", "book", "chapter",
    "thesis", "conference_paper", "dataset", "legal_case", "legislation", "other",
]  # fmt: skip
CONSTRAINT = "ck_document_doc_type"


def _values(types: list[str]) -> str:
    return ", ".join(f"'{value}'" for value in types)


def _sqlite_check(old: list[str], new: list[str]) -> None:
    connection = op.get_bind()
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'document'"
    ).scalar_one()
    clause = f"CONSTRAINT {CONSTRAINT} CHECK (doc_type IN ({_values(old)}))"
    if clause not in sql:
        raise RuntimeError(f"the document table's type check is not the expected {clause!r}")
    version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'document'",
        (sql.replace(clause, f"CONSTRAINT {CONSTRAINT} CHECK (doc_type IN ({_values(new)}))"),),
    )
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")


def _check(old: list[str], new: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_check(old, new)
        return
    op.drop_constraint(op.f(CONSTRAINT), "document", type_="check")
    op.create_check_constraint(op.f(CONSTRAINT), "document", f"doc_type IN ({_values(new)})")


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy, which would drop SQLite's data-revision triggers.
    for name, length in TEXT_COLUMNS.items():
        op.add_column(
            "document", sa.Column(name, sa.String(length), nullable=False, server_default="")
        )
    op.add_column("document", sa.Column("extra", sa.JSON(), nullable=False, server_default="{}"))
    if op.get_bind().dialect.name != "sqlite":
        for name in [*TEXT_COLUMNS, "extra"]:
            op.alter_column("document", name, server_default=None)
    _check(OLD_TYPES, NEW_TYPES)


def downgrade() -> None:
    # Before this revision the new types did not exist: their documents become "other".
    document = sa.table("document", sa.column("doc_type", sa.String))
    op.execute(
        document.update().where(document.c.doc_type.not_in(OLD_TYPES)).values(doc_type="other")
    )
    _check(NEW_TYPES, OLD_TYPES)
    for name in ["extra", *reversed(TEXT_COLUMNS)]:
        op.drop_column("document", name)
