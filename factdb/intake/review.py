"""What the review page shows for each proposal: the quote in its paragraph, with the quote,
the cue and the speaker marked; and the recorded claims a proposal may repeat."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from factdb.errors import ValidationFailed
from factdb.intake import sentences
from factdb.intake.article import after_dateline
from factdb.intake.extract import CandidateClaim, Quote
from factdb.intake.unattributed import without_attribution
from factdb.intake.wrapping import running_text
from factdb.search import search

#: Similarity (0-100) from which a recorded claim is offered as the one a proposal repeats.
REPEAT_THRESHOLD = 70
#: Characters of a quote's paragraph shown either side of it, at most.
CONTEXT_REACH = 400
#: Quotes and unsourced sentences one review page shows: 2,400 quotes on one page made a
#: 15 MB page no browser would open.
QUOTES_PER_PAGE = 50
CLAIMS_PER_PAGE = 100


def refuse_more_than_a_page(quotes: int, claims: int) -> None:
    """Refuse a confirmation of more rows than one review page shows.

    The page never posts more; a form built by hand could carry thousands of rows, each a
    claim, a citation and perhaps a source, in one request (1,000 held it 105 s, and the
    database's write lock with it)."""
    if quotes > QUOTES_PER_PAGE or claims > CLAIMS_PER_PAGE:
        raise ValidationFailed(
            f"One confirmation records at most {QUOTES_PER_PAGE} quotes and {CLAIMS_PER_PAGE} "
            f"sentences, a review page's worth; this one had {quotes:,} and {claims:,}."
        )


_STOPWORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "against",
        "because",
        "been",
        "before",
        "being",
        "between",
        "could",
        "would",
        "should",
        "their",
        "there",
        "these",
        "those",
        "which",
        "while",
        "where",
        "said",
        "says",
        "told",
        "added",
        "this",
        "that",
        "with",
        "from",
        "have",
        "will",
        "into",
        "over",
        "under",
        "were",
        "what",
        "when",
        "your",
        "they",
        "them",
        "then",
        "than",
        "also",
        "only",
        "just",
        "more",
        "most",
        "other",
    ]
)


@dataclass(frozen=True)
class Segment:
    text: str
    #: "", "quote", "cue" or "speaker".
    mark: str = ""


@dataclass(frozen=True)
class Context:
    """The paragraph holding the quote, cut into marked segments."""

    segments: tuple[Segment, ...]
    #: The sentence the speaker was found in, when it lies outside the paragraph shown.
    elsewhere: str = ""


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    before = text.rfind("\n", 0, start)
    after = text.find("\n", end)
    return before + 1, len(text) if after < 0 else after


def _around(text: str, start: int, end: int) -> tuple[int, int]:
    """The quote's paragraph, or no more than CONTEXT_REACH characters of it either side of
    the quote: a pasted book with few line breaks would show the same page again per quote."""
    low, high = _paragraph(text, start, end)
    if start - low > CONTEXT_REACH:
        cut = text.find(" ", start - CONTEXT_REACH, start)
        low = start - CONTEXT_REACH if cut < 0 else cut + 1
    if high - end > CONTEXT_REACH:
        cut = text.rfind(" ", end, end + CONTEXT_REACH)
        high = end + CONTEXT_REACH if cut < 0 else cut
    return low, high


def context(text: str, quote: Quote) -> Context:
    """Cut the quote's paragraph (around the quote) into plain text and marked quote, cue and speaker."""
    text = running_text(text)  # a hard-wrapped paragraph whole, its offsets unchanged
    low, high = _around(text, quote.start, quote.end)
    marks = [(quote.start, quote.end, "quote")]
    evidence = quote.evidence or {}
    outside = False
    for name in ("cue", "speaker"):
        start, end = evidence.get(f"{name}_start"), evidence.get(f"{name}_end")
        if start is None or end is None:
            continue
        if low <= start and end <= high and not (quote.start <= start < quote.end):
            marks.append((start, end, name))
        else:
            outside = True
    marks.sort()
    segments: list[Segment] = []
    position = low
    for start, end, name in marks:
        if start < position:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], name))
        position = end
    if position < high:
        segments.append(Segment(text[position:high]))
    paragraph_low, paragraph_high = _paragraph(text, quote.start, quote.end)
    if low > paragraph_low:
        segments.insert(0, Segment("… "))
    if high < paragraph_high:
        segments.append(Segment(" …"))
    sentence = evidence.get("sentence", "")
    paragraph = text[paragraph_low:paragraph_high]
    elsewhere = sentence if (outside or (sentence and sentence not in paragraph)) else ""
    return Context(tuple(segments), elsewhere)


def claim_sentence(text: str, quote: Quote) -> str:
    """The sentence that holds the quote, without its attribution where that comes off
    cleanly: offered as the claim instead of the bare quote, which may be a fragment."""
    text = running_text(text)
    start, end = _sentence_span(text, quote)
    claim = without_attribution(text, start, end, quote)
    return claim or sentences.without_dangling_marks(text[start:end])


def whole_sentence(text: str, quote: Quote) -> str:
    """The sentence that holds the quote as the article writes it, shown beside the claim
    offered from it, which may have lost its attribution."""
    text = running_text(text)
    start, end = _sentence_span(text, quote)
    return sentences.without_dangling_marks(text[start:end])


def _sentence_span(text: str, quote: Quote) -> tuple[int, int]:
    low = _paragraph(text, quote.start, quote.end)[0]
    start = after_dateline(text, sentences.sentence_start(text, quote.start, quote.start - low))
    end = sentences.sentence_end(text, quote.end)
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end -= len(text[start:end]) - len(text[start:end].rstrip())
    return start, end


@dataclass(frozen=True)
class Repeat:
    claim_id: int
    text: str
    score: int


def repeated_claims(session: Session, text: str, limit: int = 3) -> list[Repeat]:
    """Recorded claims this text may repeat: found by their rarest words, ranked by similarity."""
    words = []
    for word in sorted(set(re.findall(r"[^\W\d_]{5,}", text)), key=len, reverse=True):
        if word.lower() not in _STOPWORDS:
            words.append(word)
    if len(words) < 2:
        return []
    found: dict[int, Repeat] = {}
    for probe in (words[:4], words[:2]):
        for hit in search(session, " ".join(probe), kinds=("claim",), limit=20).hits:
            score = int(fuzz.token_set_ratio(text, hit.title))
            if score >= REPEAT_THRESHOLD and hit.record_id not in found:
                found[hit.record_id] = Repeat(hit.record_id, hit.title, score)
        if found:
            break
    return sorted(found.values(), key=lambda r: -r.score)[:limit]


def confidence_label(confidence: float) -> str:
    return "high" if confidence >= 0.8 else "medium" if confidence >= 0.6 else "low"


@dataclass
class ReviewRow:
    """One proposed quote as the review page shows it, with the choices it starts with."""

    index: int
    proposal: object  # QuoteProposal; typed loosely to keep this module free of a cycle
    context: Context
    sentence: str
    repeats: list[Repeat]
    #: Ticked when the speaker is named and the attribution is sure (QuoteProposal.starts_ticked).
    accept: bool
    confidence: str
    #: The sentence as the article writes it, attribution and all.
    whole: str = ""


def review_rows(session: Session, text: str, quotes: list, first: int = 0) -> list[ReviewRow]:
    """The review page's rows: context, claim suggestions and starting choices for each quote
    (numbered from `first`, the place of the first one in the whole article)."""
    rows = []
    for index, item in enumerate(quotes, start=first):
        quote: Quote = item.quote
        sentence = claim_sentence(text, quote)
        rows.append(
            ReviewRow(
                index,
                item,
                context(text, quote),
                sentence,
                repeated_claims(session, quote.text + " " + sentence),
                item.starts_ticked,
                confidence_label(quote.confidence),
                whole_sentence(text, quote),
            )
        )
    return rows


@dataclass(frozen=True)
class ReviewPage:
    """One page of a review: some quotes and some unsourced sentences, numbered in the article."""

    number: int
    pages: int
    rows: list[ReviewRow]
    #: (place in the article, sentence) of the unsourced sentences on this page.
    claims: list[tuple[int, CandidateClaim]]
    quote_total: int
    claim_total: int

    @property
    def first_quote(self) -> int:
        return (self.number - 1) * QUOTES_PER_PAGE


def review_page(session: Session, text: str, quotes: list, claims: list, number: int) -> ReviewPage:
    """Page `number` (kept within the pages there are) of a review of these quotes and claims."""
    pages = max(1, -(-len(quotes) // QUOTES_PER_PAGE), -(-len(claims) // CLAIMS_PER_PAGE))
    number = min(max(1, number), pages)
    low = (number - 1) * QUOTES_PER_PAGE
    rows = review_rows(session, text, quotes[low : low + QUOTES_PER_PAGE], low)
    start = (number - 1) * CLAIMS_PER_PAGE
    shown = list(enumerate(claims[start : start + CLAIMS_PER_PAGE], start=start))
    return ReviewPage(number, pages, rows, shown, len(quotes), len(claims))
