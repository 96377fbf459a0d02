"""A review row's words held to their fields' declared limits, each refusal naming its row.

The record's own validation would name the field of a citation without the row it came
from, and the review page must not cut what was typed to fit (it is shown back whole).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM
from factdb.declarations.source import SOURCE

if TYPE_CHECKING:
    from factdb.intake import AcceptedQuote


def claim_too_long(accepted: AcceptedQuote, position: int) -> str:
    """What the claim a row starts is told when over its declared limit: the words written for
    it, or the quote itself (a row added to a recorded claim, or joining another, starts none)."""
    if accepted.merge_into is not None or accepted.joins not in (None, position):
        return ""
    return CLAIM["text"].length_problem(accepted.claim_text or accepted.quote)


def row_too_long(accepted: AcceptedQuote, position: int) -> dict[str, str]:
    """Name each of the row's words over its limit, keyed as the page's field (`quote-N` …)."""
    speaker = "" if accepted.article_itself else accepted.speaker.strip()
    told = {
        "quote": ("quote", CITATION["quote"].length_problem(accepted.quote)),
        # A speaker not yet recorded becomes a source of that name.
        "speaker": ("speaker", SOURCE["name"].length_problem(speaker)),
        "role": (
            "speaker's role",
            CITATION["speaker_role"].length_problem(accepted.speaker_role.strip()),
        ),
        "claim": ("claim", claim_too_long(accepted, position)),
    }
    return {
        f"{key}-{position}": f"The {what} of quote {position + 1}: {problem}"
        for key, (what, problem) in told.items()
        if problem
    }
