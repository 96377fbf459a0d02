"""A new claim by hand (the form, the API), refusing one its author saved a moment ago.

Back, then Save, fetches the form afresh with a new one-time token, and the browser puts
the typed text back into it: only the words and the moment tell that save from a new claim.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.claims.write import ClaimInput, SaveResult, save_claim
from factdb.errors import SavedMomentAgo
from factdb.models import Claim, User, utcnow

#: How long after a save the same words by the same person are taken for that save again.
MOMENT = timedelta(minutes=10)


def add_claim(session: Session, user: User, data: ClaimInput, *, again: bool = False) -> SaveResult:
    """Record a new claim unless its author saved the same words a moment ago.

    `again` says the person means a second claim with those words. Raises SavedMomentAgo
    naming the claim already saved.
    """
    if not again:
        same = saved_moment_ago(session, user, data.text)
        if same is not None:
            raise SavedMomentAgo(
                f"You saved this claim a moment ago as #{same.id}: open it, or save "
                "it again only if you mean a second claim with these words.",
                same.id,
                same.text,
            )
    return save_claim(session, user, data)


def saved_moment_ago(session: Session, user: User, text: str) -> Claim | None:
    """The user's latest claim of the last MOMENT with these words, spacing and case aside.

    ix_claim_created_at narrows the search to the claims of the last few minutes, whatever
    the size of the table; only those are compared.
    """
    key = _words(text) if isinstance(text, str) else ""  # not words: save_claim refuses it
    if not key:
        return None
    recent = session.execute(
        select(Claim.id, Claim.text)
        .where(Claim.created_at >= utcnow() - MOMENT, Claim.created_by_id == user.id)
        .order_by(Claim.created_at.desc())  # the index's order: ordering by id would scan the table
    )
    for claim_id, claim_text in recent:
        if _words(claim_text) == key:
            return session.get(Claim, claim_id)
    return None


def _words(text: str) -> str:
    """The words as compared: runs of whitespace as one space, case folded."""
    return " ".join(text.split()).casefold()
