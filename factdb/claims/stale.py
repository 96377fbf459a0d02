"""Saves made on an older version of a claim: refused before anything is written, saying what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from factdb.errors import StaleEdit
from factdb.models import Change, Claim
from factdb.models.base import MAX_ID

if TYPE_CHECKING:
    from factdb.claims.write import CitationInput


def refuse_stale(
    session: Session,
    claim: Claim,
    expected_version: int | None,
    entries: list[tuple[int, CitationInput]],
    user_id: int | None = None,
) -> None:
    """Refuse a save made on an older version of the claim or of one of its citations.

    Every version is checked before anything is written, so that the refusal can name
    everything that changed at once. A version of 0 stands for "not given": a form that
    lost it cannot prove it saw the latest save, so it is refused the same way. `user_id` is
    who is saving: their own save in another tab is theirs, not someone else's.
    """
    current = {citation.id: citation for citation in claim.citations}
    changed = [
        entry.id
        for _index, entry in entries
        if entry.id is not None
        and (
            entry.id not in current
            or (entry.version is not None and current[entry.id].version != entry.version)
        )
    ]
    if changed or (expected_version is not None and claim.version != expected_version):
        raise stale_claim(session, claim, changed, user_id)


def stale_claim(
    session: Session, claim: Claim, citation_ids: list[int], user_id: int | None = None
) -> StaleEdit:
    """The refusal: who saved since, and what became of each citation that changed."""
    known = [i for i in citation_ids if 0 < i <= MAX_ID]  # a form can send any number
    latest = {
        change.entity_id: change
        for change in session.scalars(
            select(Change)
            .where(Change.entity == "citation", Change.entity_id.in_(known))
            .options(selectinload(Change.user))
            .order_by(Change.at, Change.id)
        )
    }
    parts = {i: _citation_news(i, latest.get(i), user_id) for i in citation_ids}
    told = f": {'; '.join(parts.values())}." if parts else "."
    if user_id is not None and claim.updated_by_id == user_id:
        said = "You saved this claim in another tab or window after you opened this one"
    else:
        said = f"{claim.updated_by.name if claim.updated_by else 'Someone'} saved this claim after you opened it"
    return StaleEdit(f"{said}{told}", claim, parts)


def _citation_news(citation_id: int, change: Change | None, user_id: int | None = None) -> str:
    """What became of a citation, in the words of its last recorded change."""
    if change is None:
        return f"citation #{citation_id} changed"
    who = change.user.name if change.user else "someone"
    if user_id is not None and change.user_id == user_id:
        who = "you"
    if change.action == "deleted":
        return f"{who} removed citation #{citation_id}"
    edits = ", ".join(
        f"{name} from \u201c{_shown(values[0])}\u201d to \u201c{_shown(values[1])}\u201d"
        for name, values in change.fields.items()
    )
    return f"{who} changed citation #{citation_id} ({edits})"


def _shown(value: object, limit: int = 60) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def claim_values(claim: Claim) -> dict[str, str]:
    """A claim's fields as a form shows them, one flat key each: what "you opened" means.

    Comparing these as opened, as sent and as saved now tells a field you changed from one
    you left alone, so that saving after a conflict never reverts a change you did not see.
    """
    values = {
        "text": claim.text,
        "context": claim.context,
        "tags": ", ".join(tag.name for tag in claim.tags),
    }
    for citation in claim.citations:
        values.update(
            {
                f"citation:{citation.id}:document": citation.document.title,
                f"citation:{citation.id}:speaker": citation.speaker.name
                if citation.speaker
                else "",
                f"citation:{citation.id}:relation": citation.relation.value,
                f"citation:{citation.id}:quote": citation.quote,
                f"citation:{citation.id}:quote_type": citation.quote_type.value,
                f"citation:{citation.id}:locator": citation.locator,
            }
        )
    return values
