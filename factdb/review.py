"""The review workflow: who may move a claim to which status, and what a verdict needs.

Every rule about statuses lives here, so that the browser, the API and the
command line enforce the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from factdb.claims.queries import get_claim
from factdb.errors import NotAllowed, StaleEdit, ValidationFailed
from factdb.models import (
    AuditFinding,
    Change,
    Citation,
    Claim,
    StatusChange,
    User,
    status_change_evidence,
)
from factdb.team.assignment import after_status_change
from factdb.vocab import VERDICT_RATINGS, Relation, Role, Status

#: Statuses an editor may set; every other move needs a reviewer.
EDITOR_STATUSES = frozenset({Status.UNVERIFIED, Status.IN_REVIEW})
#: Recorded decisions: a verdict or a retraction. Taking one back needs a note, so the
#: history says why it no longer stands.
DECISIONS = frozenset({*VERDICT_RATINGS, Status.RETRACTED})


class Reviewable(Protocol):
    """What the workflow reads of a claim: a stored Claim or the claim page's read model."""

    @property
    def status(self) -> Status: ...

    @property
    def created_by_id(self) -> int | None: ...

    @property
    def text_changed_by_id(self) -> int | None: ...


@dataclass(frozen=True)
class ReviewPolicy:
    #: Four-eyes: a reviewer may not judge a claim they created, unless this is set.
    allow_self_review: bool = False


def allowed_statuses(user: User | None, claim: Reviewable, policy: ReviewPolicy) -> list[Status]:
    """The statuses this user may move this claim to now, in workflow order."""
    if user is None or not user.can(Role.EDITOR):
        return []
    options = []
    for status in Status:
        if status == claim.status:
            continue
        try:
            _check_permission(user, claim, status, policy)
        except NotAllowed:
            continue
        options.append(status)
    return options


def _check_permission(
    user: User, claim: Reviewable, to_status: Status, policy: ReviewPolicy
) -> None:
    if not user.can(Role.EDITOR):
        raise NotAllowed("Only editors and reviewers can change a claim's status.")
    needs_reviewer = to_status not in EDITOR_STATUSES or claim.status not in EDITOR_STATUSES
    if needs_reviewer and not user.can(Role.REVIEWER):
        raise NotAllowed("Only a reviewer can give, change or withdraw a verdict.")
    if to_status in DECISIONS:  # a retraction is a decision on the claim, as a verdict is
        reason = four_eyes_bars(user, claim, policy)
        if reason:
            raise NotAllowed(reason)


def four_eyes_bars(user: User | None, claim: Reviewable, policy: ReviewPolicy) -> str | None:
    """Why this user may not judge this claim (four-eyes rule), or None when they may.

    Its authors may not: whoever recorded it, and whoever wrote its present wording.
    """
    if user is None or policy.allow_self_review:
        return None
    if claim.created_by_id == user.id:
        return (
            "You created this claim, so a colleague must give the verdict or retract it "
            "(four-eyes rule)."
        )
    if claim.text_changed_by_id == user.id:
        return (
            "You wrote this claim's present wording, so a colleague must give the verdict "
            "or retract it (four-eyes rule)."
        )
    return None


def _hollow_evidence(session: Session, evidence: list[Citation]) -> str | None:
    """Why the ticked evidence shows nothing, naming each citation; None when one shows it.

    A citation that supports or disputes the claim shows it through its quote or its
    speaker: one with neither cannot carry a verdict alone, and one whose quote the audit
    does not find in its document cannot be evidence at all, whichever path (form, API)
    the verdict comes by.
    """
    backing = [citation for citation in evidence if citation.relation.is_evidence]
    not_found = set(
        session.scalars(
            select(AuditFinding.citation_id).where(
                AuditFinding.rule == "QUOTE_NOT_FOUND",
                AuditFinding.citation_id.in_([citation.id for citation in backing]),
            )
        )
    )
    if not_found:
        # A made-up quote must not go on record as evidence, however sound the others are.
        named = "; ".join(
            f"citation #{citation.id}: its quote is not found in its document"
            for citation in backing
            if citation.id in not_found
        )
        return (
            f"The ticked evidence includes quotes the audit does not find: {named}. "
            "Correct the quote to the document's words, or untick it."
        )
    reasons = []
    for citation in backing:
        if not citation.quote.strip() and citation.speaker_id is None:
            reasons.append(f"citation #{citation.id} has no quote and no speaker")
        else:
            return None
    return (
        "The ticked evidence shows nothing a verdict can rest on: " + "; ".join(reasons) + ". "
        "Add the quote (or who said it) to a citation, correct the quote, or tick another."
    )


def _no_evidence_message(citations: list[Citation], ticked: list[int]) -> str:
    """Why no ticked citation can back the verdict, naming each ticked one that cannot."""
    by_id = {citation.id: citation for citation in citations}
    reasons = []
    for citation_id in dict.fromkeys(ticked):
        citation = by_id.get(citation_id)
        if citation is None:
            reasons.append(f"citation #{citation_id} is not one of this claim's citations")
        else:
            how = (
                "reports it second-hand"
                if citation.relation == Relation.REPORTS
                else "only asserts it"
            )
            reasons.append(
                f"citation #{citation_id} {how}, and neither supports nor disputes the claim"
            )
    if reasons:
        return (
            "None of the ticked citations can back a verdict: " + "; ".join(reasons) + ". "
            "Tick at least one citation that supports or disputes the claim."
        )
    if any(citation.relation.is_evidence for citation in citations):
        return "Tick at least one citation that supports or disputes the claim."
    return (
        "Tick at least one citation that supports or disputes the claim: this claim has none "
        "yet. Add the evidence as a citation first, or change a citation's relation."
    )


def _why_note_needed(from_status: Status, to_status: Status) -> str | None:
    """Why a step that gives no verdict still needs a note, or None when it needs none.

    A retraction, and any step away from a verdict or a retraction, changes what the
    claim's record says was decided: the history must say why, whatever the path.
    """
    if to_status == Status.RETRACTED:
        return "Say why the claim is retracted."
    if from_status in DECISIONS:
        what = "verdict" if from_status.is_verdict else "retraction"
        return (
            f"Say why the {what} \u201c{from_status.label}\u201d no longer stands: "
            f"taking back a {what} needs a note."
        )
    return None


def _check_version(user: User, claim: Claim, expected_version: int) -> None:
    """Refuse a move made on an older version, or on a form that named none (StaleEdit),
    saying which it was: a form without its version was changed by nobody."""
    if not expected_version:  # nobody changed it: the form did not say what it was opened at
        raise StaleEdit(
            "The form did not say which version of the claim it was opened at, so it cannot "
            f"show that nobody changed the claim since (it is now {claim.status.label}). "
            "Check the claim as it is, then decide again.",
            current=claim,
        )
    if claim.version != expected_version:
        who = claim.updated_by.name if claim.updated_by else "Someone"
        moment = f"{who} changed this claim after you opened it"
        if claim.updated_by_id == user.id:
            moment = "You changed this claim in another tab or window after you opened this one"
        raise StaleEdit(
            f"{moment} (it is now {claim.status.label}). Check their change, then decide again.",
            current=claim,
        )


def change_status(
    session: Session,
    user: User,
    claim_id: int,
    *,
    to_status: Status,
    note: str,
    evidence_ids: list[int],
    expected_version: int,
    policy: ReviewPolicy,
) -> StatusChange:
    """Move a claim to `to_status`, recording who, why and on what evidence.

    A verdict needs a note and at least one citation of this claim that supports
    or disputes it; a retraction, or taking back a verdict or a retraction, needs a
    note. Raises NotAllowed, ValidationFailed or StaleEdit.
    """
    claim = get_claim(session, claim_id)
    _check_version(user, claim, expected_version)
    to_status = Status(to_status)
    if to_status == claim.status:
        raise ValidationFailed.at("status", f"The claim is already {to_status.label.lower()}.")
    _check_permission(user, claim, to_status, policy)

    note = (note or "").strip()
    citations = {citation.id: citation for citation in claim.citations}
    evidence = [citations[cid] for cid in dict.fromkeys(evidence_ids) if cid in citations]
    errors: dict[str, str] = {}
    if to_status.is_verdict:
        if not note:
            errors["note"] = "Explain the verdict: what the evidence shows."
        if not any(citation.relation.is_evidence for citation in evidence):
            errors["evidence"] = _no_evidence_message(claim.citations, evidence_ids)
        else:
            hollow = _hollow_evidence(session, evidence)
            if hollow is not None:
                errors["evidence"] = hollow
    elif not note and (note_needed := _why_note_needed(claim.status, to_status)):
        errors["note"] = note_needed
    if len(note) > 20000:
        errors["note"] = "Keep the note under 20,000 characters."
    if errors:
        raise ValidationFailed("The status was not changed.", errors)

    from_status = claim.status
    change = StatusChange(
        claim_id=claim.id,
        from_status=from_status,
        to_status=to_status,
        note=note,
        reviewer_id=user.id,
        evidence=evidence,
    )
    session.add(change)
    claim.status = to_status
    claim.verdict = note if to_status.is_verdict else ""
    claim.updated_by_id = user.id
    try:
        session.flush()
    except StaleDataError as exc:
        raise StaleEdit("Someone changed this claim at the same moment; try again.", None) from exc
    after_status_change(session, user, claim, from_status, to_status)
    return change


def verdict_evidence(session: Session, claim: Claim) -> set[int]:
    """The citations the claim's present verdict rests on (none when it has no verdict)."""
    if not claim.status.is_verdict:
        return set()
    step_id = session.scalar(
        select(StatusChange.id)
        .where(StatusChange.claim_id == claim.id, StatusChange.to_status == claim.status)
        .order_by(StatusChange.id.desc())
        .limit(1)
    )
    return set(
        session.scalars(
            select(status_change_evidence.c.citation_id).where(
                status_change_evidence.c.status_change_id == step_id
            )
        )
    )


def reopen_after_edit(
    session: Session, user: User, claim: Claim, cause: Change, reason: str
) -> StatusChange | None:
    """Send a judged claim back to review: the words its verdict judged have changed.

    The one rule, whatever path the edit came by (form, API, intake): the verdict stays
    in the history, and this step names the edit (`cause`) that superseded it. A claim
    with no verdict has none to supersede, so it keeps its status and gets no step.
    """
    if not claim.status.is_verdict:
        return None
    session.flush()  # the cause needs its id
    step = StatusChange(
        claim_id=claim.id,
        from_status=claim.status,
        to_status=Status.IN_REVIEW,
        note=reason,
        reviewer_id=user.id,
        cause_change_id=cause.id,
        evidence=[],
    )
    session.add(step)
    claim.status = Status.IN_REVIEW
    claim.verdict = ""
    return step
