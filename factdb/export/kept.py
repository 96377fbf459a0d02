"""Formatted references kept between exports: read before formatting, written after.

An export reads the rows of the documents it lists; what is missing or stale is formatted
and, when the export may write (the command line, not a page), written back on a
connection of its own, so the export's own session (which may be
streaming claims) never commits. Keeping them is only a saving: when the write fails
(another export wrote the same rows first, the database is busy), the export goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, tuple_
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from factdb.models import FormattedReference

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kept:
    """One kept reference: what it was formatted from, its text, its place in its list."""

    digest: str
    entry: str
    citation: str
    batch: str
    rank: int


class Store:
    """The formatted_reference table, seen from one export."""

    def __init__(self, session: Session, keep: bool = False) -> None:
        self.session = session
        #: Whether newly formatted references are written back. A page or an API read
        #: never writes (a GET changes nothing); the command line does.
        self.keep = keep
        self.wrote = False

    def load(self, style: str, form: str, document_ids: Iterable[int]) -> dict[int, Kept]:
        """The kept references of these documents in `style` and `form`."""
        table = FormattedReference.__table__
        rows = self.session.execute(
            select(
                table.c.document_id, table.c.digest, table.c.entry, table.c.citation,
                table.c.batch, table.c.rank,
            ).where(
                table.c.style == style, table.c.form == form,
                table.c.document_id.in_(list(document_ids)),
            )
        )  # fmt: skip
        return {row[0]: Kept(*row[1:]) for row in rows}

    def save(self, style: str, form: str, kept: dict[int, Kept]) -> None:
        """Replace these documents' references, in a transaction of their own."""
        if not kept or not self.keep:
            return
        table = FormattedReference.__table__
        rows = [
            {"document_id": document_id, "style": style, "form": form, "digest": k.digest,
             "entry": k.entry, "citation": k.citation, "batch": k.batch, "rank": k.rank}
            for document_id, k in kept.items()
        ]  # fmt: skip
        engine = self.session.get_bind()
        try:
            with engine.begin() as connection:
                connection.execute(
                    delete(table).where(
                        tuple_(table.c.style, table.c.form) == (style, form),
                        table.c.document_id.in_(list(kept)),
                    )
                )
                connection.execute(insert(table), rows)
            self.wrote = True
        except (IntegrityError, OperationalError) as exc:
            log.warning("Formatted references not kept: %s", exc.__class__.__name__)

    def release(self) -> None:
        """End the export's read once its references are kept, if it holds no changes.

        On SQLite a transaction that read before another connection wrote can no longer
        write ("database is locked"): so that the session may write after exporting, its
        read ends here. (PostgreSQL reads each statement afresh; nothing to do.)
        """
        session = self.session
        if (
            self.wrote
            and session.get_bind().dialect.name == "sqlite"
            and not (session.new or session.dirty or session.deleted)
        ):
            session.rollback()
