"""A person's queue: the claims that wait for them to research, to review, or that came back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import BindParameter, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from factdb.models import Assignment, Claim, Notification, StatusChange, User
from factdb.team.assignment import EDITOR, REVIEWER, with_assignees
from factdb.vocab import Role, Status

#: Claims shown per part of the queue; the counts are always complete.
QUEUE_LIMIT = 100


@dataclass(frozen=True)
class QueueRow:
    id: int
    text: str
    status: Status
    updated_at: datetime
    editor_name: str
    reviewer_name: str
    #: The note of the claim's latest review step (why it was returned, say).
    last_note: str = ""


@dataclass
class Queue:
    research: list[QueueRow] = field(default_factory=list)
    returned: list[QueueRow] = field(default_factory=list)
    review: list[QueueRow] = field(default_factory=list)
    #: In review with no reviewer assigned: any reviewer may take them.
    unassigned_review: list[QueueRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _conditions(user_id: int | BindParameter[int]) -> dict[str, object]:
    return {
        "research": and_(
            Assignment.editor_id == user_id,
            Claim.status == Status.UNVERIFIED,
            Assignment.returned.is_(False),
        ),
        "returned": and_(
            Assignment.editor_id == user_id,
            Claim.status == Status.UNVERIFIED,
            Assignment.returned.is_(True),
        ),
        "review": and_(Assignment.reviewer_id == user_id, Claim.status == Status.IN_REVIEW),
    }


@dataclass(frozen=True)
class NavCounts:
    """What the navigation shows on every page: the queue's size and unread notifications."""

    queue: int = 0
    unread: int = 0


def nav_counts(session: Session, user_id: int) -> NavCounts:
    """The queue's size and the unread notifications, in one statement."""
    row = session.execute(nav_counts_query(user_id)).one()
    return NavCounts(row[0] or 0, row[1] or 0)


def nav_counts_query(user_id: int | BindParameter[int]) -> Select:
    """The queue's size and the unread notifications, as one row."""
    conditions = _conditions(user_id)
    waiting = (
        select(func.count())
        .select_from(Assignment)
        .join(Claim, Claim.id == Assignment.claim_id)
        .where(
            or_(Assignment.editor_id == user_id, Assignment.reviewer_id == user_id),
            or_(*conditions.values()),
        )
        .scalar_subquery()
    )
    unread = (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )
    return select(waiting.label("queue"), unread.label("unread"))


def queue_counts(session: Session, user_id: int) -> dict[str, int]:
    """How many claims wait in each part of the user's queue."""
    conditions = _conditions(user_id)
    row = session.execute(
        select(
            *(
                func.coalesce(func.sum(case((condition, 1), else_=0)), 0)
                for condition in conditions.values()
            )
        )
        .select_from(Assignment)
        .join(Claim, Claim.id == Assignment.claim_id)
        .where(or_(Assignment.editor_id == user_id, Assignment.reviewer_id == user_id))
    ).one()
    counts = dict(zip(conditions, (int(value) for value in row), strict=True))
    counts["total"] = sum(counts.values())
    return counts


_LAST_NOTE = (
    select(StatusChange.note)
    .where(StatusChange.claim_id == Claim.id)
    .order_by(StatusChange.id.desc())
    .limit(1)
    .correlate(Claim)
    .scalar_subquery()
)


def _rows(session: Session, condition: object, *, limit: int = QUEUE_LIMIT) -> list[QueueRow]:
    columns = (Claim.id, Claim.text, Claim.status, Claim.updated_at, EDITOR.name, REVIEWER.name)
    rows = session.execute(
        with_assignees(
            select(*columns, _LAST_NOTE)
            .select_from(Claim)
            .outerjoin(Assignment, Assignment.claim_id == Claim.id)
        )
        .where(condition)
        .order_by(Claim.updated_at, Claim.id)
        .limit(limit)
    )
    return [QueueRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "") for r in rows]


def queue_for(session: Session, user: User) -> Queue:
    """Everything waiting for this user, oldest first (what waited longest comes first)."""
    conditions = _conditions(user.id)
    queue = Queue(counts=queue_counts(session, user.id))
    queue.research = _rows(session, conditions["research"])
    queue.returned = _rows(session, conditions["returned"])
    queue.review = _rows(session, conditions["review"])
    if user.can(Role.REVIEWER):
        queue.unassigned_review = _rows(
            session,
            and_(
                Claim.status == Status.IN_REVIEW,
                or_(Assignment.claim_id.is_(None), Assignment.reviewer_id.is_(None)),
            ),
            limit=25,
        )
    return queue
