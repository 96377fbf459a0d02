"""The demo's team at work: who is assigned what, a returned claim, a discussion, a shared view."""

from __future__ import annotations

from sqlalchemy.orm import Session

from factdb.models import Claim, User
from factdb.review import ReviewPolicy, change_status
from factdb.team.assignment import assign
from factdb.team.notes import add_note
from factdb.team.views import save_view
from factdb.vocab import Status


def add_team_demo(
    session: Session,
    users: dict[str, User],
    *,
    consulted: Claim,
    air_defence: Claim,
    first_operation: Claim,
    planned: Claim,
    delegation: Claim,
    budget: Claim,
) -> None:
    """Assign the demo's open claims, return one for more research, and start a discussion."""
    amira, jonas, li, olga = users["amira"], users["jonas"], users["li"], users["olga"]
    assign(session, amira, consulted.id, editor_id=jonas.id, reviewer_id=li.id)
    assign(session, amira, air_defence.id, editor_id=jonas.id, reviewer_id=li.id)
    assign(session, amira, first_operation.id, editor_id=jonas.id, reviewer_id=olga.id)
    assign(session, amira, delegation.id, editor_id=jonas.id)
    assign(session, amira, budget.id, editor_id=jonas.id)
    assign(session, amira, planned.id, editor_id=jonas.id, reviewer_id=li.id)
    policy = ReviewPolicy()
    for who, to_status, note in (
        (jonas, Status.IN_REVIEW, ""),
        (li, Status.UNVERIFIED, "“Officials” is all we have: find who said it, or a document that shows the planning."),
    ):  # fmt: skip
        session.flush()
        session.refresh(planned)
        change_status(session, who, planned.id, to_status=to_status, note=note, evidence_ids=[],
                      expected_version=planned.version, policy=policy)  # fmt: skip
    add_note(session, jonas, consulted.id,
             "@li the committee's minutes for 2 March should settle this; I have asked the Senate press office.")  # fmt: skip
    add_note(session, li, consulted.id,
             "Thanks. Until the minutes arrive, the only source is Whitfield quoted in the Ledger.")  # fmt: skip
    save_view(session, li, "In review", "status=in_review", shared=True)
    save_view(session, jonas, "Kestria visit claims", "tag=kestria visit", shared=True)
