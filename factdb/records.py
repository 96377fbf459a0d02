"""Load one record by its id, or say plainly that there is none."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.errors import NotFound
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
