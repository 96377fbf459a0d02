"""Anchor a quote in its document's text, and find it again when the text is corrected.

An anchor is what the W3C Web Annotation model and Hypothesis keep: a
TextQuoteSelector (the exact words with up to 32 characters before and after) and
a TextPositionSelector (start and end offsets). When the text changes, the words
are looked for again: where they occur more than once, the occurrence whose
surroundings and position fit best wins; where they no longer occur exactly, the
closest passage (rapidfuzz) is taken if it is close enough, and marked "fuzzy".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.audit.quotes import normalise, normalise_with_offsets, text_hash
from factdb.models import Citation, Document, QuoteAnchor, utcnow

CONTEXT = 32
#: Below this similarity (0-100) a changed passage no longer counts as the quote.
FUZZY_THRESHOLD = 80.0


@dataclass(frozen=True)
class Anchor:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    state: str = "exact"

    def selectors(self) -> list[dict[str, Any]]:
        """The anchor as W3C Web Annotation selectors (JSON-LD)."""
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix,
             "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]  # fmt: skip


def _at(text: str, start: int, end: int, state: str = "exact") -> Anchor:
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
        state=state,
    )


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Where `quote` occurs in `text`: as written, else ignoring case, spacing and quote styles."""
    found = []
    position = text.find(quote)
    while position >= 0 and quote:
        found.append((position, position + len(quote)))
        position = text.find(quote, position + 1)
    if found:
        return found
    folded, offsets = normalise_with_offsets(text)
    needle = normalise(quote)
    position = folded.find(needle) if needle else -1
    while position >= 0:
        found.append((offsets[position], offsets[position + len(needle) - 1] + 1))
        position = folded.find(needle, position + 1)
    return found


def anchor_quote(text: str, quote: str, *, near: int | None = None) -> Anchor | None:
    """Anchor `quote` in `text`; where it occurs more than once, the occurrence nearest `near`."""
    spots = _occurrences(text, quote.strip())
    if not spots:
        return None
    start, end = min(spots, key=lambda spot: abs(spot[0] - near)) if near is not None else spots[0]
    return _at(text, start, end)


def reanchor(text: str, old: Anchor) -> Anchor | None:
    """Find `old` again in a corrected `text`, or None when the words are gone."""
    spots = _occurrences(text, old.exact)
    if spots:

        def fit(spot: tuple[int, int]) -> tuple[float, int]:
            before = text[max(0, spot[0] - CONTEXT) : spot[0]]
            after = text[spot[1] : spot[1] + CONTEXT]
            context = fuzz.ratio(before, old.prefix) + fuzz.ratio(after, old.suffix)
            return (-context, abs(spot[0] - old.start))

        start, end = min(spots, key=fit)
        return _at(text, start, end)
    if len(old.exact) < 12:
        return None  # a few characters say too little for a fuzzy match
    alignment = fuzz.partial_ratio_alignment(old.exact, text, score_cutoff=FUZZY_THRESHOLD)
    if alignment is None:
        return None
    return _at(text, alignment.dest_start, alignment.dest_end, "fuzzy")


def _stored(anchor: QuoteAnchor) -> Anchor:
    return Anchor(
        anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, anchor.state
    )


def _keep(row: QuoteAnchor, anchor: Anchor, digest: str) -> None:
    row.exact, row.prefix, row.suffix = anchor.exact, anchor.prefix, anchor.suffix
    row.start, row.end, row.state = anchor.start, anchor.end, anchor.state
    row.text_hash, row.anchored_at = digest, utcnow()


def anchor_citation(
    session: Session, citation: Citation, text: str, *, near: int | None = None
) -> QuoteAnchor | None:
    """Anchor one citation's quote in `text` (its document's stored text); None if not found."""
    anchor = anchor_quote(text, citation.quote, near=near) if citation.quote.strip() else None
    row = session.get(QuoteAnchor, citation.id)
    if anchor is None:
        if row is not None:
            session.delete(row)
        return None
    if row is None:
        row = QuoteAnchor(citation_id=citation.id)
        session.add(row)
    _keep(row, anchor, text_hash(text))
    return row


def refresh_anchors(session: Session, document_id: int) -> dict[str, int]:
    """Bring the anchors of a document's quotes up to date with its stored text.

    New quotes are anchored; anchors made on an older text are found again in the
    new one (or marked "orphaned" when the words are gone). Returns counts by state.
    """
    document = session.get(Document, document_id)
    if document is None:
        return {}
    text = document.full_text
    digest = text_hash(text)
    rows = session.execute(
        select(Citation, QuoteAnchor)
        .outerjoin(QuoteAnchor, QuoteAnchor.citation_id == Citation.id)
        .where(Citation.document_id == document_id, Citation.quote != "")
    ).all()
    counts: dict[str, int] = {}
    for citation, row in rows:
        if row is not None and row.text_hash == digest:
            state = row.state
        elif not text:
            state = "unanchored"
        elif row is None:
            made = anchor_citation(session, citation, text)
            state = made.state if made else "unanchored"
        else:
            found = reanchor(text, _stored(row))
            if found is None:
                row.state, row.text_hash, row.anchored_at = "orphaned", digest, utcnow()
                state = "orphaned"
            else:
                _keep(row, found, digest)
                state = found.state
        counts[state] = counts.get(state, 0) + 1
    return counts
