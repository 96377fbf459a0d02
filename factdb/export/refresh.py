"""Kept references brought up to date after writes, reading only the batches the writes touched.

Triggers note each document a write touches (`reference_pending`, migration 0034), and
each kept reference holds its place: its document's digest and sort key. From the places
and the noted documents, read again, the whole list is cut into batches as an export cuts
it, without reading the other documents. A batch is formatted (or checked against what is
kept) when a noted document stands in it, or when its digest, worked out again from its
documents' digests, is not the one its references were kept with: it lost or gained a
document, or an export of another selection kept them. Every other batch is left as it
is: it is what an export of every document would keep (tests compare the two after random
writes). A document without a place (kept by an export, or before places were kept) is
read again, as a noted one: the first job after an upgrade reads every document once.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from factdb.audit.data import chunks
from factdb.export import collation
from factdb.export.batch_jobs import batch_digest, formatted_batches, own_digests
from factdb.export.collation import sort_key
from factdb.export.csl import csl_item
from factdb.export.formatted import entries_of
from factdb.export.kept import SortKey, Store, read_place
from factdb.export.pandoc_run import for_style, nocite
from factdb.export.selection import Selection, load_documents
from factdb.models import Document, FormattedReference, ReferencePending

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Known:
    """What is kept of one document's reference: its batch's digest and its place."""

    batch: str
    own: str
    key: SortKey


@dataclass
class Plan:
    """The list cut into batches, those to format, and what was read to know it."""

    documents: int
    batches: list[list[int]]
    todo: list[list[int]]
    #: The noted documents' CSL items (pickled), read once, until their batch is formatted.
    held: dict[int, bytes]
    #: The notes this job handles, with their counts (removed once every reference it
    #: formatted is kept, unless a write counted one up meanwhile).
    notes: list[tuple[int, int]]
    selection: Selection


def plan(session: Session, style: str, form: str) -> Plan:
    """Cut the whole list into batches and find those a write may have changed."""
    notes: list[tuple[int, int]] = []
    noted: set[int] = set()
    for note_id, count, document_id in session.execute(
        select(ReferencePending.id, ReferencePending.noted, ReferencePending.document_id)
    ):
        notes.append((note_id, count))
        noted.add(document_id)
    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    selection = Selection(session, [], ids)  # every document's citation key, as an export's
    keys = selection.keys
    known = _known(session, style, form)
    stale = [
        document_id
        for document_id in ids
        if document_id in noted
        or (kept := known.get(document_id)) is None
        or kept.key[3] != (keys.imported.get(document_id) or keys.keys[document_id])
    ]
    places: dict[int, tuple[str, SortKey]] = {}
    held: dict[int, bytes] = {}
    for documents in selection.documents(ids=stale):
        for view in documents:
            item = csl_item(view)
            places[view.id] = (own_digests([for_style(item)])[0].hex(), sort_key(item))
            held[view.id] = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    for document_id in ids:
        if document_id not in places:
            kept = known[document_id]
            assert kept is not None  # a document without a place is stale
            places[document_id] = (kept.own, kept.key)
    order = sorted(ids, key=lambda document_id: (places[document_id][1], document_id))
    cut = _batches(order, places)
    stale_set = set(stale)

    def changed(batch: list[int]) -> bool:
        if any(document_id in stale_set for document_id in batch):
            return True
        expected = batch_digest([bytes.fromhex(places[d][0]) for d in batch], style, form)
        return any(known[d].batch != expected for d in batch)  # type: ignore[union-attr]

    return Plan(len(ids), cut, [b for b in cut if changed(b)], held, notes, selection)


def _known(session: Session, style: str, form: str) -> dict[int, Known | None]:
    """Read each kept reference's batch and place (None: no place kept)."""
    table = FormattedReference.__table__
    found: dict[int, Known | None] = {}
    for document_id, batch, place in session.execute(
        select(table.c.document_id, table.c.batch, table.c.place).where(
            table.c.style == style, table.c.form == form
        )
    ):
        read = read_place(place)
        found[document_id] = Known(batch, *read) if read is not None else None
    return found


def _batches(order: list[int], places: dict[int, tuple[str, SortKey]]) -> list[list[int]]:
    """Cut sorted documents where collation.batches cuts their items."""
    cut: list[list[int]] = []
    current: list[int] = []
    last: tuple[str, ...] = ()
    for document_id in order:
        name = places[document_id][1][0]
        if len(current) >= collation.BATCH_SIZE and name != last:
            cut.append(current)
            current = []
        current.append(document_id)
        last = name
    if current:
        cut.append(current)
    return cut


def refresh(
    session: Session,
    style: str,
    form: str,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Format and keep the references in `style` and `form` that writes made stale.

    Return how many documents the list holds.

    `progress` hears (documents done, documents) after each batch, the batches left as
    kept counted at the start.
    """
    found = plan(session, style, form)
    done = found.documents - sum(len(batch) for batch in found.todo)
    if progress is not None:
        progress(done, found.documents)
    store = Store(session, keep=True, places=True)

    def read(_items: list[dict[str, Any]], rendered: str) -> tuple[dict[str, str], list[str]]:
        return {}, entries_of(rendered, form)

    batches = formatted_batches(_items(session, found), style, form, nocite, read, store, form)
    for batch, _formatted in zip(found.todo, batches, strict=True):
        done += len(batch)
        if progress is not None:
            progress(done, found.documents)
    if not store.failed:
        _forget(session, found.notes)
    return found.documents


def _items(session: Session, found: Plan) -> Iterator[list[dict[str, Any]]]:
    """Give the CSL items of each batch to format, in order (the noted ones as read at first)."""
    for batch in found.todo:
        rest = [document_id for document_id in batch if document_id not in found.held]
        loaded = {
            view.id: csl_item(view) for view in load_documents(session, rest, found.selection.keys)
        }
        yield [
            pickle.loads(found.held.pop(d)) if d in found.held else loaded[d]  # noqa: S301 (pickled here)
            for d in batch
        ]


def _forget(session: Session, notes: list[tuple[int, int]]) -> None:
    """Remove the notes handled, unless written again meanwhile (then the next job reads it)."""
    if not notes:
        return
    table = ReferencePending.__table__
    same = delete(table).where(table.c.id == bindparam("n_id"), table.c.noted == bindparam("n"))
    try:
        with session.get_bind().begin() as connection:
            for batch in chunks(notes):
                connection.execute(same, [{"n_id": i, "n": n} for i, n in batch])
    except OperationalError as exc:  # the notes stay: the next job reads those documents again
        log.warning("Notes of references formatted not removed: %s", exc.__class__.__name__)
