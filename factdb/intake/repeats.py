"""Words said twice: a quotation given to nobody named (`a police spokesman said`) whose words
the article quotes again from a named speaker is that speaker's.

News often quotes the same words twice, once in the opening paragraph with a description and
again further down with the name. So does a headline, whose clipped words the parse reads
worst ("Fans react to Harwick verdict: ‘I am proud …’" is neither Harwick's nor the fans'): its
quotation is the named speaker's below, whoever the headline's own words seemed to name.
Looked up by the quotation's first words, so the work grows with the length of the text, not
with the number of quotations squared.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factdb.intake.mentions import ORGANISATION, PERSON

if TYPE_CHECKING:
    from factdb.intake.extract import Quote

#: Fewer words than this are a phrase anyone may repeat, not the same statement.
_WORDS = 6


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def headline_end(text: str) -> int:
    """Where the text's first line ends when it is a headline (no full stop at its end), else 0."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return 0 if text[start:end].rstrip().endswith((".", "!", "?", "…")) else end


def name_repeated(quotes: list[Quote], headline: int = 0) -> None:
    """Give a vague or unattributed quotation, or one in the headline (the text before
    `headline`), the named speaker who says the same words below."""
    named: dict[tuple[str, ...], list[tuple[Quote, str]]] = {}
    for quote in quotes:
        if (
            quote.kind == "direct"
            and quote.speaker_kind in {PERSON, ORGANISATION}
            and quote.start >= headline
        ):
            words = _words(quote.text)
            joined = " " + " ".join(words) + " "
            for i in range(len(words) - _WORDS + 1):
                named.setdefault(tuple(words[i : i + _WORDS]), []).append((quote, joined))
    for quote in quotes:
        in_headline = quote.start < headline
        if quote.kind != "direct" or (
            quote.speaker_kind in {PERSON, ORGANISATION} and not in_headline
        ):
            continue
        words = _words(quote.text)
        if len(words) < _WORDS:
            continue
        wanted = " " + " ".join(words) + " "
        source = next(
            (q for q, joined in named.get(tuple(words[:_WORDS]), []) if wanted in joined), None
        )
        if source is not None and source.speaker != quote.speaker:
            _take(quote, source)
    _headline_phrases(quotes, headline)


def _headline_phrases(quotes: list[Quote], headline: int) -> None:
    """A word or two the headline quotes ("likened to ‘doomsday warnings’") with no speaker
    of its own is the speaker's below whose quotation holds those words, named or not
    ("experts find the data “hyperalarming”"); the quotation that is just those words first."""
    body = [q for q in quotes if q.kind == "direct" and q.start >= headline and q.speaker]
    for quote in quotes:
        if quote.start >= headline or quote.speaker or quote.kind != "direct":
            continue
        words = _words(quote.text)
        if len(words) > 1 and words[0] in {"a", "an", "the"}:
            words = words[1:]  # "‘A Christmas gift’" over "called it a “Christmas gift”"
        if not words or len(words) >= _WORDS:
            continue
        wanted = " " + " ".join(words) + " "
        holding = [q for q in body if wanted in " " + " ".join(_words(q.text)) + " "]
        holding.sort(key=lambda q: len(_words(q.text)) != len(words))
        if holding:
            _take(quote, holding[0])


def _take(quote: Quote, source: Quote) -> None:
    """The named speaker, no surer than the quotation it was found in."""
    quote.speaker, quote.speaker_role = source.speaker, source.speaker_role
    quote.speaker_kind = source.speaker_kind
    quote.confidence = round(min(0.6, source.confidence), 2)
    for key in ("speaker_start", "speaker_end"):
        quote.evidence.pop(key, None)
    quote.evidence["how"] = f"the same words {source.speaker} is quoted saying elsewhere"
