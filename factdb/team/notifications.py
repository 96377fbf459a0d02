"""Tell people when something happens to their work: in factdb, and by e-mail when it is set up.

A notification is written in the same transaction as the change it reports, so it
exists exactly when the change does. Its id is also noted on the session
(`PENDING_EMAILS`); once the transaction commits, the app hands those ids to a
background job that sends the e-mails (see `factdb.team.mail`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from factdb.models import Notification, User, utcnow
from factdb.pagination import Page, clamp_page
from factdb.text import like_escaped
from factdb.vocab import Labelled

#: The session.info key under which new notifications wait for their e-mail.
PENDING_EMAILS = "factdb.pending_emails"


class NotificationKind(Labelled):
    ASSIGNED = "assigned", "Assigned to you"
    RETURNED = "returned", "Returned to you"
    VERDICT = "verdict", "Verdict given"
    MENTION = "mention", "You were mentioned"


def notify(
    session: Session,
    recipients: Iterable[int | None],
    kind: NotificationKind,
    message: str,
    *,
    actor: User | None,
    claim_id: int | None = None,
) -> list[Notification]:
    """Notify each recipient once; nobody is told about what they did themselves."""
    actor_id = actor.id if actor else None
    made = []
    for user_id in dict.fromkeys(recipients):
        if user_id is None or user_id == actor_id:
            continue
        notification = Notification(
            user_id=user_id,
            kind=kind.value,
            claim_id=claim_id,
            actor_id=actor_id,
            message=message[:500],
        )
        session.add(notification)
        made.append(notification)
    if made:
        session.flush()
        session.info.setdefault(PENDING_EMAILS, []).extend(n.id for n in made)
    return made


#: `@li` or `@jonas.weber`: a colleague's handle, the part of their e-mail before the @.
_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})")


#: Handles looked up in one statement.
_HANDLES_AT_ONCE = 200


def handle_of(user: User) -> str:
    """The name people type after @ to mention this user."""
    return user.email.split("@", 1)[0].lower()


def mentioned_users(session: Session, text: str) -> list[User]:
    """The active users whose handle the text mentions (`@li`), in the order mentioned."""
    handles = list(dict.fromkeys(match.rstrip(".").lower() for match in _MENTION.findall(text)))
    if not handles:
        return []
    # E-mails are stored in lower case, so a prefix match on the address finds the handle.
    # A batch at a time: SQLite refuses an OR deeper than 1,000, and a note may hold 2,000.
    users: list[User] = []
    for start in range(0, len(handles), _HANDLES_AT_ONCE):
        patterns = [
            User.email.like(like_escaped(handle) + "@%", escape="\\")
            for handle in handles[start : start + _HANDLES_AT_ONCE]
        ]
        users += session.scalars(select(User).where(User.active, or_(*patterns))).all()
    users = list({user.id: user for user in users}.values())
    order = {handle: index for index, handle in enumerate(handles)}
    return sorted(users, key=lambda user: order.get(handle_of(user), 0))


@dataclass(frozen=True)
class NotificationRow:
    id: int
    kind: NotificationKind
    claim_id: int | None
    claim_text: str
    actor_name: str
    message: str
    created_at: datetime
    read: bool


def notifications_page(
    session: Session, user_id: int, *, page: int = 1, size: int = 25, unread_only: bool = False
) -> Page[NotificationRow]:
    """A user's notifications, newest first, with the claim and who acted."""
    from factdb.models import Claim

    where = [Notification.user_id == user_id]
    if unread_only:
        where.append(Notification.read_at.is_(None))
    total = session.scalar(select(func.count(Notification.id)).where(*where)) or 0
    number = clamp_page(page, size, total)
    rows = session.execute(
        select(
            Notification.id,
            Notification.kind,
            Notification.claim_id,
            Claim.text,
            User.name,
            Notification.message,
            Notification.created_at,
            Notification.read_at,
        )
        .outerjoin(Claim, Claim.id == Notification.claim_id)
        .outerjoin(User, User.id == Notification.actor_id)
        .where(*where)
        .order_by(Notification.id.desc())
        .limit(size)
        .offset((number - 1) * size)
    )
    items = [
        NotificationRow(
            row[0],
            NotificationKind(row[1]),
            row[2],
            row[3] or "",
            row[4] or "Someone",
            row[5],
            row[6],
            row[7] is not None,
        )
        for row in rows
    ]
    return Page(items, number, size, total)


def mark_read(session: Session, user_id: int, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when `ids` is None); return how many."""
    statement = update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if ids is not None:
        statement = statement.where(Notification.id.in_(list(ids)))
    result = session.execute(statement.values(read_at=utcnow()))
    return result.rowcount or 0
