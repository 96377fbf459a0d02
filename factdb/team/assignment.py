"""Who works on a claim: the editor who researches it and the reviewer who judges it.

Assigning and the review workflow meet here: when a reviewer sends a claim back,
it is marked as returned to its editor, and the people concerned are notified.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, literal, select, true
from sqlalchemy.orm import Session, aliased

from factdb.errors import NotFound, StaleEdit, ValidationFailed
from factdb.history import record_change
from factdb.models import Assignment, Claim, User
from factdb.team.notifications import NotificationKind, notify
from factdb.users import COMMAND_LINE_EMAIL
from factdb.vocab import Role, Status


class _Keep:
    """Leave this part of the assignment as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


@dataclass(frozen=True)
class AssignmentView:
    claim_id: int
    editor_id: int | None
    editor_name: str
    reviewer_id: int | None
    reviewer_name: str
    returned: bool


#: The editor and the reviewer of an assignment: the user table under two names.
EDITOR, REVIEWER = aliased(User, name="editor"), aliased(User, name="reviewer")


def with_assignees(query: Select) -> Select:
    """Join an assignment's editor and reviewer, either of whom may be nobody, for their names."""
    return query.outerjoin(EDITOR, EDITOR.id == Assignment.editor_id).outerjoin(
        REVIEWER, REVIEWER.id == Assignment.reviewer_id
    )


def assignment_of(session: Session, claim_id: int) -> AssignmentView:
    """Who the claim is assigned to (nobody, when it never was)."""
    columns = (Assignment.editor_id, EDITOR.name, Assignment.reviewer_id, REVIEWER.name)
    row = session.execute(
        with_assignees(select(*columns, Assignment.returned)).where(Assignment.claim_id == claim_id)
    ).first()
    if row is None:
        return AssignmentView(claim_id, None, "", None, "", False)
    return AssignmentView(claim_id, row[0], row[1] or "", row[2], row[3] or "", bool(row[4]))


@dataclass(frozen=True)
class Assignable:
    """Someone a claim can go to: what the assignment forms show of an account."""

    id: int
    name: str
    role: Role

    def can(self, role: Role) -> bool:
        return self.role.at_least(role)  # only active accounts are assignable


def assignable_query() -> Select[tuple[int, str, Role]]:
    return (
        select(User.id, User.name, User.role)
        .where(User.active, User.role.in_([Role.EDITOR, Role.REVIEWER, Role.ADMIN]))
        .where(User.email != COMMAND_LINE_EMAIL)
    )


def assignable_users(session: Session) -> list[Assignable]:
    """Active editors, reviewers and admins, by name: the people a claim can go to."""
    rows = session.execute(assignable_query().order_by(User.name, User.id))
    return [Assignable(*row) for row in rows]


def assignment_and_assignable(
    session: Session, claim_id: int
) -> tuple[AssignmentView, list[Assignable]]:
    """Who the claim is assigned to and the people it can go to, in one statement.

    The claim page of an editor shows both (the assignment and its form); on PostgreSQL
    each statement is a round trip to the server. One row a person, each carrying the
    claim's assignment (or none: one row of nothing but the assignment).
    """
    people = assignable_query().subquery("person")
    person = people.c
    query = (
        select(
            Assignment.editor_id, EDITOR.name, Assignment.reviewer_id, REVIEWER.name,
            Assignment.returned, person.id, person.name, person.role,
        )
        .select_from(select(literal(1).label("one")).subquery())
        .outerjoin(Assignment, Assignment.claim_id == claim_id)
        .outerjoin(people, true())
        .order_by(person.name, person.id)
    )  # fmt: skip
    rows = session.execute(with_assignees(query)).all()
    first = rows[0]  # the one row there is when nobody can be assigned
    assignment = (
        AssignmentView(claim_id, None, "", None, "", False)
        if first[4] is None  # no assignment row: `returned` is never NULL in one
        else AssignmentView(
            claim_id, first[0], first[1] or "", first[2], first[3] or "", bool(first[4])
        )
    )
    return assignment, [Assignable(*row[5:]) for row in rows if row[5] is not None]


def _person(session: Session, user_id: int | None, role: Role, slot: str) -> User | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    # The command line's account is nobody's: a claim assigned to it would wait in no queue.
    if user is None or not user.active or user.email == COMMAND_LINE_EMAIL:
        raise ValidationFailed.at(slot, "There is no such active account.")
    if not user.can(role):
        what = {Role.EDITOR: "an editor", Role.REVIEWER: "a reviewer"}.get(role, role.value)
        raise ValidationFailed.at(
            slot, f"{user.name} is not {what}: only {what} can be the {slot}."
        )
    return user


def assign(
    session: Session,
    actor: User,
    claim_id: int,
    *,
    editor_id: int | _Keep | None = KEEP,
    reviewer_id: int | _Keep | None = KEEP,
    expected: tuple[int | None, int | None] | None = None,
    allow_self_review: bool = False,
) -> AssignmentView:
    """Assign a claim's editor and/or reviewer (None clears), notifying whoever is new.

    `expected` is the (editor, reviewer) the person saw; when someone assigned the
    claim meanwhile, StaleEdit is raised instead of overwriting their choice.
    """
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    row = session.get(Assignment, claim_id)
    before = (row.editor_id, row.reviewer_id) if row else (None, None)
    if expected is not None and tuple(expected) != before:
        raise StaleEdit(
            "Someone assigned this claim after you opened it; check their choice and assign again.",
            current=assignment_of(session, claim_id),
        )
    editor = (
        _person(session, editor_id, Role.EDITOR, "editor")
        if not isinstance(editor_id, _Keep)
        else None
    )
    reviewer = (
        _person(session, reviewer_id, Role.REVIEWER, "reviewer")
        if not isinstance(reviewer_id, _Keep)
        else None
    )
    if reviewer is not None and reviewer.id == claim.created_by_id and not allow_self_review:
        message = (
            f"{reviewer.name} recorded this claim, so another reviewer must give the verdict "
            "(four-eyes rule)."
        )
        raise ValidationFailed(message, {"reviewer": message})
    if row is None:
        row = Assignment(claim_id=claim_id, returned=False)
        session.add(row)
    names_before = _names(session, before)
    if not isinstance(editor_id, _Keep):
        row.editor_id = editor.id if editor else None
    if not isinstance(reviewer_id, _Keep):
        row.reviewer_id = reviewer.id if reviewer else None
    row.updated_by_id = actor.id
    session.flush()
    after = (row.editor_id, row.reviewer_id)
    if after == before:
        return assignment_of(session, claim_id)
    record_change(
        session,
        entity="claim",
        entity_id=claim_id,
        claim_id=claim_id,
        action="assigned",
        before=names_before,
        after=_names(session, after),
        user=actor,
    )
    short = _short(claim.text)
    if after[0] != before[0] and editor is not None:
        notify(session, [editor.id], NotificationKind.ASSIGNED,
               f"{actor.name} asked you to research claim #{claim_id}: {short}",
               actor=actor, claim_id=claim_id)  # fmt: skip
    if after[1] != before[1] and reviewer is not None:
        notify(session, [reviewer.id], NotificationKind.ASSIGNED,
               f"{actor.name} asked you to review claim #{claim_id}: {short}",
               actor=actor, claim_id=claim_id)  # fmt: skip
    return assignment_of(session, claim_id)


def _names(session: Session, ids: tuple[int | None, int | None]) -> dict[str, str]:
    wanted = [user_id for user_id in ids if user_id is not None]
    names = dict(session.execute(select(User.id, User.name).where(User.id.in_(wanted))).all())
    return {
        "editor": names.get(ids[0], "") if ids[0] else "",
        "reviewer": names.get(ids[1], "") if ids[1] else "",
    }


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def after_status_change(
    session: Session,
    actor: User,
    claim: Claim,
    from_status: Status,
    to_status: Status,
) -> None:
    """Keep the queues true after a review step, and tell the people whose work it concerns."""
    row = session.get(Assignment, claim.id)
    returned = from_status == Status.IN_REVIEW and to_status == Status.UNVERIFIED
    if row is not None:
        row.returned = returned
    editor_id = row.editor_id if row is not None and row.editor_id else None
    owner = editor_id or claim.created_by_id
    short = _short(claim.text)
    if returned:
        notify(session, [owner], NotificationKind.RETURNED,
               f"{actor.name} returned claim #{claim.id} to you for more research: {short}",
               actor=actor, claim_id=claim.id)  # fmt: skip
    elif to_status.is_verdict:
        notify(session, [editor_id, claim.created_by_id], NotificationKind.VERDICT,
               f"{actor.name} rated claim #{claim.id} {to_status.label.lower()}: {short}",
               actor=actor, claim_id=claim.id)  # fmt: skip
