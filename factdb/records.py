"""What documents and sources share as records: loading one by its id (or saying plainly that
there is none), refusing an edit made from an outdated version, counting the claims citing them."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from factdb.errors import NotFound, StaleEdit
from factdb.models import Citation
from factdb.models.base import MAX_ID

M = TypeVar("M")


def load_one(
    session: Session, model: type[M], record_id: int, noun: str, *options: Any, fresh: bool = False
) -> M:
    """Return the record with `options` loaded, or NotFound naming it.

    An id no column can hold is refused before the query, which the database would
    otherwise reject with an error of its own. `fresh` re-reads a record the session
    already holds.
    """
    if not 0 < record_id <= MAX_ID:
        raise NotFound(f"There is no {noun} {record_id}.")
    query = select(model).where(model.id == record_id).options(*options)  # type: ignore[attr-defined]
    if fresh:
        query = query.execution_options(populate_existing=True)
    record = session.scalar(query)
    if record is None:
        raise NotFound(f"There is no {noun} {record_id}.")
    return record


def refuse_stale(record: Any, expected_version: int, noun: str) -> None:
    """Refuse (StaleEdit, naming who saved it) an edit made from a version saved over since.

    Saving it would silently undo the other person's changes.
    """
    if record.version != expected_version:
        who = record.updated_by.name if record.updated_by else "Someone"
        raise StaleEdit(f"{who} saved this {noun} after you opened it.", current=record)


def claims_citing(
    session: Session, column: ColumnElement[int], record_ids: list[int]
) -> dict[int, int]:
    """How many claims cite each record through the citation's `column` (a document as
    evidence, a source as speaker), for the count a list shows beside each; none are left out."""
    if not record_ids:
        return {}
    rows = session.execute(
        select(column, func.count(func.distinct(Citation.claim_id)))
        .where(column.in_(record_ids))
        .group_by(column)
    )
    return {record_id: count for record_id, count in rows}
