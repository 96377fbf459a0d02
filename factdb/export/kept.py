"""Formatted references kept between exports: read before formatting, written after.

An export reads the rows of the documents it lists; what is missing or stale is formatted
and, when the export may write (the command line, not a page), written back on a
connection of its own, so the export's own session (which may be
streaming claims) never commits. Keeping them is only a saving: when the write fails
(another export wrote the same rows first, the database is busy), the export goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, tuple_, update
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
    #: The document's digest and sort key, as place_of writes them ("" when not known).
    place: str = ""


#: A sort key as collation.sort_key gives it: family name, year, title (folded), id.
SortKey = tuple[tuple[str, ...], str, tuple[str, ...], str]


def place_of(own: str, key: SortKey) -> str:
    """Where a document stands: its CSL-JSON's digest and its sort key, as kept."""
    return json.dumps([own, *key], ensure_ascii=False, separators=(",", ":"))


def read_place(place: str) -> tuple[str, SortKey] | None:
    """The digest and sort key a kept place holds, or None when none is kept."""
    if not place:
        return None
    own, name, year, title, key = json.loads(place)
    return own, (tuple(name), year, tuple(title), key)


class Store:
    """The formatted_reference table, seen from one export."""

    def __init__(self, session: Session, keep: bool = False, places: bool = False) -> None:
        self.session = session
        #: Whether newly formatted references are written back. A page or an API read
        #: never writes (a GET changes nothing); the command line does.
        self.keep = keep
        #: Whether each reference is kept with its place. Only the job that keeps
        #: references notes places (factdb.export.refresh): it alone handles the notes
        #: of writes, so a reference another export read before a write and kept after
        #: it has no place, and is read again by the next job.
        self.places = places
        self.wrote = False
        #: Whether a write of references failed (then the job keeps its notes).
        self.failed = False

    def load(self, style: str, form: str, document_ids: Iterable[int]) -> dict[int, Kept]:
        """The kept references of these documents in `style` and `form`."""
        table = FormattedReference.__table__
        rows = self.session.execute(
            select(
                table.c.document_id, table.c.digest, table.c.entry, table.c.citation,
                table.c.batch, table.c.rank, table.c.place,
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
             "entry": k.entry, "citation": k.citation, "batch": k.batch, "rank": k.rank,
             "place": k.place if self.places else ""}
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
            self.failed = True
            log.warning("Formatted references not kept: %s", exc.__class__.__name__)

    def save_places(self, style: str, form: str, places: dict[int, str]) -> None:
        """Note where these documents stand, their references being current as kept."""
        if not places or not (self.keep and self.places):
            return
        table = FormattedReference.__table__
        statement = (
            update(table)
            .where(
                table.c.document_id == bindparam("id"),
                table.c.style == style,
                table.c.form == form,
            )
            .values(place=bindparam("new_place"))
        )
        rows: list[dict[str, Any]] = [
            {"id": document_id, "new_place": place} for document_id, place in places.items()
        ]
        try:
            with self.session.get_bind().begin() as connection:
                connection.execute(statement, rows)
            self.wrote = True
        except OperationalError as exc:
            self.failed = True
            log.warning("Places of formatted references not kept: %s", exc.__class__.__name__)

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
