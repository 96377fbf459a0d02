"""DOIs recorded with a resolver or a label before DOIs were kept bare are made bare.

Since 3953ddb every path stores a DOI as `10.x/…` (factdb.text.bare_doi), but a document
recorded before kept "https://doi.org/10.…", "doi:10.…" or "10.5555%2F…" as it was typed:
its reference then read "https://doi.org/https://doi.org/10.…". Each such DOI is made bare,
its case kept; a value that leaves no DOI once its prefix is taken off ("https://doi.org/",
words that are no DOI) is kept as it was, so nothing is lost. The document triggers note
each changed document, so its kept references are formatted again.

The rule is written out here as it stood, so that a later change of bare_doi never changes
what this migration did. Downgrading restores nothing: the prefixes said nothing the bare
DOI does not.

Revision ID: 0044
Revises: 0043
Create Date: 2026-11-28 19:40:00
"""

import re
from collections.abc import Sequence
from urllib.parse import unquote

import sqlalchemy as sa
from alembic import op

revision: str = "0044"
down_revision: str | None = "0043"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: factdb.text._DOI_PREFIX as of this migration.
_DOI_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi(?:\s*:\s*|\s+))", flags=re.IGNORECASE
)

document = sa.table("document", sa.column("id", sa.Integer), sa.column("doi", sa.String))


def bare(value: str) -> str:
    """factdb.text.bare_doi as of this migration."""
    value = _DOI_PREFIX.sub("", value.strip(), count=1).strip()
    return unquote(value) if "%" in value else value


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(document.c.id, document.c.doi).where(document.c.doi != ""))
    changed = [
        {"document_id": doc_id, "bare": bare(doi)}
        for doc_id, doi in rows
        if bare(doi) != doi and bare(doi).startswith("10.")
    ]
    if changed:
        connection.execute(
            sa.update(document)
            .where(document.c.id == sa.bindparam("document_id"))
            .values(doi=sa.bindparam("bare")),
            changed,
        )


def downgrade() -> None:
    pass
