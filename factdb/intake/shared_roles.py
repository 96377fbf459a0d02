"""Give a speaker's role, typed on one intake row, to that speaker's rows left without one.

The review page shows one role box per quote. A person who types a speaker's role on one row
(often the first words of a quotation) expects it for the rest of that speaker's words, such as
the quotation's continuation; a role typed differently on another row is kept as typed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factdb.intake import AcceptedQuote


def with_shared_roles(quotes: list[AcceptedQuote]) -> list[AcceptedQuote]:
    """The quotes, each with no role taking the first role given for the same speaker."""
    given: dict[str, str] = {}
    for quote in quotes:
        key = _speaker_key(quote)
        if key and quote.speaker_role.strip():
            given.setdefault(key, quote.speaker_role.strip())
    return [
        replace(quote, speaker_role=given[key])
        if (key := _speaker_key(quote)) in given and not quote.speaker_role.strip()
        else quote
        for quote in quotes
    ]


def _speaker_key(quote: AcceptedQuote) -> str:
    """The speaker as a person names them; vague speakers and the article's own words share none."""
    if quote.article_itself or quote.vague:
        return ""
    return " ".join(quote.speaker.split()).casefold()
