"""Record who changed which fields of a record, from what to what."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from factdb.models import Change, User


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """A change as a page shows it: plain values, and who made it."""

    id: int
    entity: str
    entity_id: int
    action: str
    fields: dict[str, Any]
    at: datetime
    user: Person | None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def snapshot(record: Any, fields: list[str]) -> dict[str, Any]:
    """Return the JSON-ready values of `fields` on `record`."""
    return {field: _plain(getattr(record, field)) for field in fields}


def record_change(
    session: Session,
    *,
    entity: str,
    entity_id: int,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    user: User | None,
    claim_id: int | None = None,
) -> Change | None:
    """Add a Change row for the fields that differ; nothing when an update changed nothing."""
    fields = {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }
    if action == "updated" and not fields:
        return None
    change = Change(
        entity=entity,
        entity_id=entity_id,
        claim_id=claim_id,
        action=action,
        fields=fields,
        user_id=user.id if user else None,
    )
    session.add(change)
    return change


def changes_for(session: Session, entity: str, entity_id: int) -> list[Change]:
    """Return the changes to one record, oldest first, with their users loaded."""
    query = (
        select(Change)
        .where(Change.entity == entity, Change.entity_id == entity_id)
        .options(joinedload(Change.user))  # in the same statement: one round trip
        .order_by(Change.at, Change.id)
    )
    return list(session.scalars(query))


def changes_for_claim(session: Session, claim_id: int) -> list[Change]:
    """Return the changes to a claim and to its citations, oldest first."""
    query = (
        select(Change)
        .where(
            or_(
                Change.claim_id == claim_id,
                (Change.entity == "claim") & (Change.entity_id == claim_id),
            )
        )
        .options(selectinload(Change.user))
        .order_by(Change.at, Change.id)
    )
    return list(session.scalars(query))


#: A record's changes as plain rows, oldest first, with the user's name: a set of a page's
#: one statement (factdb.rowsets), bound by :entity and :entity_id; change_entries reads them.
RECORD_CHANGES = (
    select(
        Change.id,
        Change.entity,
        Change.entity_id,
        Change.action,
        Change.fields,
        Change.at,
        Change.user_id,
        User.name,
    )
    .outerjoin(User, User.id == Change.user_id)
    .where(Change.entity == bindparam("entity"), Change.entity_id == bindparam("entity_id"))
    .order_by(Change.at, Change.id)
)


def change_entries(rows: Iterable[Sequence[Any]]) -> list[ChangeEntry]:
    """The changes a page shows, from rows of RECORD_CHANGES."""
    return [
        ChangeEntry(*row[:6], user=Person(row[6], row[7] or "") if row[6] is not None else None)
        for row in rows
    ]
