"""A person's queue: the claims that wait for them to research, to review, or that came back.

Every claim assigned to someone whose work is not done is in their queue, a claim they
are to review while it is still being researched too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Row,
    ScalarSelect,
    Select,
    and_,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from factdb.errors import NotAllowed, NotFound
from factdb.keyset import Key, parse_time, read_page
from factdb.models import Assignment, Claim, Notification, StatusChange, User
from factdb.pagination import Page
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


@dataclass(frozen=True)
class QueuePart:
    """How a part of the queue reads: its heading, what it holds, and what its emptiness says."""

    title: str
    help: str
    empty: str


#: The parts of a queue, in the order the page shows them.
PARTS = {
    "returned": QueuePart("Returned to me", "A reviewer sent these back from review, with the reason below each.", "Nothing was returned to you."),
    "research": QueuePart("To research", "", "No unverified claim is assigned to you."),
    "review": QueuePart("To review", "", "No claim in review is assigned to you."),
    "coming": QueuePart("Coming to you for review", "Assigned to you to review, and still unverified: being researched.", "No unverified claim is assigned to you to review."),
    "unassigned_review": QueuePart("In review, no reviewer assigned", "Any reviewer may take these: assign yourself on the claim's page.", "Every claim in review has a reviewer."),
}  # fmt: skip


@dataclass
class Queue:
    research: list[QueueRow] = field(default_factory=list)
    returned: list[QueueRow] = field(default_factory=list)
    review: list[QueueRow] = field(default_factory=list)
    #: Assigned to this user to review, still unverified: review work to come.
    coming: list[QueueRow] = field(default_factory=list)
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
        # Assigned to review, still being researched: work that will come (its editor,
        # when it is the same person, has it under research already).
        "coming": and_(
            Assignment.reviewer_id == user_id,
            Claim.status == Status.UNVERIFIED,
            or_(Assignment.editor_id.is_(None), Assignment.editor_id != user_id),
        ),
    }


def _waiting(
    user_id: int | BindParameter[int], conditions: dict[str, object], *columns: Any
) -> Select:
    """`columns` of this user's waiting assignments (with their claims): in some part of the queue.

    The first test follows from any part's; said apart, it lets the database read the
    indexes on the assignment's editor and reviewer instead of every assignment.
    """
    return (
        select(*columns)
        .select_from(Assignment)
        .join(Claim, Claim.id == Assignment.claim_id)
        .where(
            or_(Assignment.editor_id == user_id, Assignment.reviewer_id == user_id),
            or_(*conditions.values()),
        )
    )


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
    waiting = _waiting(user_id, _conditions(user_id), func.count()).scalar_subquery()
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
    sums = (
        func.coalesce(func.sum(case((condition, 1), else_=0)), 0)
        for condition in conditions.values()
    )
    row = session.execute(_waiting(user_id, conditions, *sums)).one()
    counts = dict(zip(conditions, (int(value) for value in row), strict=True))
    counts["total"] = sum(counts.values())
    return counts


def _last_note(claim_id: ColumnElement[int]) -> ScalarSelect[str]:
    """The note of the claim's latest review step (why it was returned, say)."""
    return (
        select(StatusChange.note)
        .where(StatusChange.claim_id == claim_id)
        .order_by(StatusChange.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def unassigned_review() -> ColumnElement[bool]:
    """In review with no reviewer: read in the order of ix_claim_status_updated_at_id."""
    return and_(
        Claim.status == Status.IN_REVIEW,
        or_(Assignment.claim_id.is_(None), Assignment.reviewer_id.is_(None)),
    )


def _first_rows(
    session: Session, user_id: int, limit: int
) -> tuple[dict[str, list[QueueRow]], dict[str, int]]:
    """The first rows of each part of the user's queue and how many each holds, in one statement.

    The parts are numbered within themselves (a window), so each keeps its own first
    `limit` rows, and their sizes come with them.
    """
    conditions = _conditions(user_id)
    part = case(*((condition, name) for name, condition in conditions.items()))
    order = (Claim.updated_at, Claim.id)
    ranked = _waiting(
        user_id, conditions,
        Claim.id, Claim.text, Claim.status, Claim.updated_at,
        Assignment.editor_id, Assignment.reviewer_id, part.label("part"),
        func.row_number().over(partition_by=part, order_by=order).label("n"),
        func.count().over(partition_by=part).label("size"),
    ).subquery()  # fmt: skip
    rows = session.execute(
        select(
            ranked.c.id, ranked.c.text, ranked.c.status, ranked.c.updated_at,
            EDITOR.name, REVIEWER.name, _last_note(ranked.c.id), ranked.c.part, ranked.c.size,
        )
        .outerjoin(EDITOR, EDITOR.id == ranked.c.editor_id)
        .outerjoin(REVIEWER, REVIEWER.id == ranked.c.reviewer_id)
        .where(ranked.c.n <= limit)
        .order_by(ranked.c.part, ranked.c.n)
    )  # fmt: skip
    parts: dict[str, list[QueueRow]] = {name: [] for name in conditions}
    counts = dict.fromkeys(conditions, 0)
    for r in rows:
        parts[r[7]].append(_queue_row(r))
        counts[r[7]] = int(r[8])
    counts["total"] = sum(counts.values())
    return parts, counts


def rows_query(condition: object, *, limit: int) -> Select:
    """The first `limit` claims meeting `condition`, least recently updated first, as rows."""
    columns = (Claim.id, Claim.text, Claim.status, Claim.updated_at, EDITOR.name, REVIEWER.name)
    return (
        with_assignees(
            select(*columns, _last_note(Claim.id))
            .select_from(Claim)
            .outerjoin(Assignment, Assignment.claim_id == Claim.id)
        )
        .where(condition)
        .order_by(Claim.updated_at, Claim.id)
        .limit(limit)
    )


def unassigned_ids(limit: int) -> Select:
    """The ids of the first `limit` claims in review with no reviewer, oldest update first.

    Ids alone, read from ix_claim_status_updated_at_id: asked for the rows, PostgreSQL read
    every claim in review (16,459 at 100,000 claims, 71 ms) when all had a reviewer, to
    check each one's assignment after fetching its row.
    """
    return (
        select(Claim.id)
        .outerjoin(Assignment, Assignment.claim_id == Claim.id)
        .where(unassigned_review())
        .order_by(Claim.updated_at, Claim.id)
        .limit(limit)
    )


def _rows(session: Session, condition: object, *, limit: int) -> list[QueueRow]:
    return [_queue_row(r) for r in session.execute(rows_query(condition, limit=limit))]


def _queue_row(r: Row[Any]) -> QueueRow:
    """A row of id, text, status, updated_at, editor's and reviewer's names and last note."""
    return QueueRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "")


def queue_for(session: Session, user: User, *, limit: int = QUEUE_LIMIT) -> Queue:
    """Everything waiting for this user, oldest first (what waited longest comes first).

    Each part holds its first `limit` claims; `queue_page` reads a part a page at a time.
    """
    parts, counts = _first_rows(session, user.id, limit)
    queue = Queue(counts=counts, **parts)
    if user.can(Role.REVIEWER):
        first = min(limit, 25)
        queue.unassigned_review = _rows(session, Claim.id.in_(unassigned_ids(first)), limit=first)
    return queue


#: A part's rows in the order they waited: least recently updated first.
QUEUE_ORDER = [Key(Claim.updated_at, parse=parse_time), Key(Claim.id)]


def queue_page(
    session: Session,
    user: User,
    part: str,
    *,
    page: int = 1,
    size: int = 25,
    after: str = "",
    before: str = "",
) -> Page[QueueRow]:
    """One page of one part of the user's queue, read from the cursor of its neighbour.

    Raises NotFound for a part there is not, and NotAllowed for the unassigned claims
    in review to someone who is no reviewer.
    """
    if part == "unassigned_review":
        if not user.can(Role.REVIEWER):
            raise NotAllowed("Only reviewers take claims in review with no reviewer.")
        query = select(Claim).outerjoin(Assignment, Assignment.claim_id == Claim.id)
        query = query.where(unassigned_review())
    elif part in (conditions := _conditions(user.id)):
        query = select(Claim).join(Assignment, Assignment.claim_id == Claim.id)
        query = query.where(conditions[part])
    else:
        raise NotFound(f"My queue has no part called {part!r}.")
    found = read_page(session, query, QUEUE_ORDER, page=page, size=size, after=after, before=before)
    ids = [claim.id for claim in found.items]
    rows = {row.id: row for row in _rows(session, Claim.id.in_(ids), limit=len(ids))} if ids else {}
    return replace(found, items=[rows[claim_id] for claim_id in ids if claim_id in rows])
