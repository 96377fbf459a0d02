"""Act on many claims at once: assign, tag, move between unverified and in review.

Verdicts stay one claim at a time: each needs its own note and evidence. Every
claim goes through the same functions as a single change (the same rules, the
same history); what cannot be done to one claim is reported, not hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from factdb.declarations.claim import MAX_TAG_LENGTH, MAX_TAGS
from factdb.errors import NotAllowed, ValidationFailed
from factdb.history import record_change
from factdb.models import Claim, Tag, User
from factdb.review import ReviewPolicy, change_status
from factdb.team.assignment import KEEP, assign
from factdb.text import split_tags, tag_name
from factdb.vocab import Role, Status
from factdb.wording import counted

MAX_BULK = 500
#: The statuses a bulk move may set: the editors' two.
BULK_STATUSES = (Status.UNVERIFIED, Status.IN_REVIEW)


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    #: claim id -> why it was left as it was
    skipped: dict[int, str] = field(default_factory=dict)

    def summary(self, verb: str) -> str:
        parts = [f"{counted(len(self.done), 'claim')} {verb}"]
        if self.skipped:
            reasons = "; ".join(f"#{cid}: {why}" for cid, why in sorted(self.skipped.items()))
            parts.append(f"{len(self.skipped)} left as they were ({reasons})")
        return ". ".join(parts) + "."


def _claims(session: Session, claim_ids: list[int]) -> list[Claim]:
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise ValidationFailed.at("claims", "Tick at least one claim.")
    if len(ids) > MAX_BULK:
        raise ValidationFailed.at("claims", f"Act on at most {MAX_BULK} claims at once.")
    claims = session.scalars(
        select(Claim).where(Claim.id.in_(ids)).options(selectinload(Claim.tags))
    ).all()
    found = {claim.id for claim in claims}
    missing = [cid for cid in ids if cid not in found]
    if missing:
        raise ValidationFailed.at(
            "claims", f"There is no claim {', '.join(f'#{cid}' for cid in missing)}."
        )
    return sorted(claims, key=lambda claim: claim.id)


def _need_editor(user: User) -> None:
    if not user.can(Role.EDITOR):
        raise NotAllowed("Only editors and reviewers can change claims.")


def bulk_assign(
    session: Session,
    user: User,
    claim_ids: list[int],
    *,
    editor_id: int | object | None = KEEP,
    reviewer_id: int | object | None = KEEP,
    allow_self_review: bool = False,
) -> BulkResult:
    """Assign every claim to the same editor and/or reviewer."""
    _need_editor(user)
    result = BulkResult()
    for claim in _claims(session, claim_ids):
        try:
            with session.begin_nested():
                assign(session, user, claim.id, editor_id=editor_id, reviewer_id=reviewer_id,  # type: ignore[arg-type]
                       allow_self_review=allow_self_review)  # fmt: skip
        except ValidationFailed as error:
            result.skipped[claim.id] = error.message
        else:
            result.done.append(claim.id)
    return result


def bulk_tag(session: Session, user: User, claim_ids: list[int], tags: str) -> BulkResult:
    """Add tags to every claim (tags they already have stay once), within a claim's limits:
    a tag too long is refused, as on every path, and a claim the tags would take past the
    most a claim has is left as it was (a claim over it could not be saved again)."""
    _need_editor(user)
    if any(len(tag_name(typed)) > MAX_TAG_LENGTH for typed in tags.split(",")):
        raise ValidationFailed.at("tag", f"Keep each tag under {MAX_TAG_LENGTH} characters.")
    names = split_tags(tags)
    if not names:
        raise ValidationFailed.at("tag", "Type the tag to add.")
    claims = _claims(session, claim_ids)
    existing = {tag.name: tag for tag in session.scalars(select(Tag).where(Tag.name.in_(names)))}
    for name in names:
        # Saved with the first claim that takes it: a tag no claim took is not kept.
        existing.setdefault(name, Tag(name=name))
    result = BulkResult()
    for claim in claims:
        before = [tag.name for tag in claim.tags]
        added = [existing[name] for name in names if name not in before]
        if not added:
            result.skipped[claim.id] = "it already has the tag"
            continue
        if len(before) + len(added) > MAX_TAGS:
            result.skipped[claim.id] = (
                f"a claim takes at most {MAX_TAGS} tags; it would have {len(before) + len(added)}"
            )
            continue
        claim.tags = sorted([*claim.tags, *added], key=lambda tag: tag.name)
        claim.updated_by_id = user.id
        session.flush()
        record_change(session, entity="claim", entity_id=claim.id, claim_id=claim.id,
                      action="updated", before={"tags": before},
                      after={"tags": [tag.name for tag in claim.tags]}, user=user)  # fmt: skip
        result.done.append(claim.id)
    return result


def bulk_status(
    session: Session, user: User, claim_ids: list[int], to_status: Status, policy: ReviewPolicy
) -> BulkResult:
    """Move every claim to unverified or in review, by the review workflow's own rules."""
    _need_editor(user)
    if to_status not in BULK_STATUSES:
        raise ValidationFailed.at(
            "status",
            "Many claims can only be moved between unverified and in review; give verdicts one by one.",
        )
    result = BulkResult()
    for claim in _claims(session, claim_ids):
        if claim.status == to_status:
            result.skipped[claim.id] = f"already {to_status.label.lower()}"
            continue
        if claim.status not in BULK_STATUSES:
            # Taking back a verdict or a retraction needs its own note (factdb.review).
            result.skipped[claim.id] = (
                f"it has a verdict ({claim.status.label.lower()})"
                if claim.status.is_verdict
                else "it is retracted"
            )
            continue
        try:
            with session.begin_nested():
                change_status(session, user, claim.id, to_status=to_status, note="",
                              evidence_ids=[], expected_version=claim.version, policy=policy)  # fmt: skip
        except (ValidationFailed, NotAllowed) as error:
            result.skipped[claim.id] = error.message
        else:
            result.done.append(claim.id)
    return result
