"""Record who changed which fields of a record, from what to what."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from factdb.models import Change, User


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
