"""Documents may be patents.

Reference libraries hold patents (BibLaTeX `@patent`, CSL `patent`, RIS `PAT`), which were
read as Other and exported as `@misc`, losing the number and holder biber looks for. The
type's CHECK constraint only widens; on SQLite its recorded definition is edited in place as
in 0017 (a rebuild would drop the table's triggers).

Revision ID: 0035
Revises: 0034
Create Date: 2026-11-28 04:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_TYPES = [
    "news_article", "magazine_article", "journal_article", "web_page", "report",
    "press_release", "interview", "speech", "social_post", "broadcast", "book", "chapter",
    "thesis", "conference_paper", "dataset", "legal_case", "legislation", "other",
]  # fmt: skip
NEW_TYPES = [*OLD_TYPES[:-1], "patent", "other"]
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
    _check(OLD_TYPES, NEW_TYPES)


def downgrade() -> None:
    # Before this revision a patent was read as Other.
    document = sa.table("document", sa.column("doc_type", sa.String))
    op.execute(document.update().where(document.c.doc_type == "patent").values(doc_type="other"))
    _check(NEW_TYPES, OLD_TYPES)
