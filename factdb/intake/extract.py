"""Find quotations, their speakers, and unattributed factual sentences in news text.

Quotation marks are found by rules (`quotes`); speakers by a dependency parse and named
entities (`reading`, `speakers`). Offsets always point into the text given, so the audit
and the reviewer can find every quote where it was. Work grows with the length of the text:
each paragraph is parsed once, and every look-up after that is by position.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field

from factdb.intake import sentences
from factdb.intake.article import after_dateline
from factdb.intake.attribution import Attribution
from factdb.intake.cues import CUE_VERBS
from factdb.intake.embedded_posts import EmbeddedPost, embedded_posts
from factdb.intake.furniture import without_furniture
from factdb.intake.nlp import pipeline
from factdb.intake.places import place_names, without_place_person
from factdb.intake.progress import CLAIMS, Phase, Progress
from factdb.intake.quotes import with_typeset_marks
from factdb.intake.reading import Reading
from factdb.intake.repeats import headline_end, name_repeated
from factdb.intake.scare_quotes import is_scare_quote
from factdb.intake.wording import normal_role
from factdb.intake.wrapping import running_text


@dataclass
class Quote:
    text: str
    speaker: str | None
    speaker_role: str | None
    cue: str | None
    start: int
    end: int
    #: "direct" between quotation marks, "indirect" for reported speech without them.
    kind: str = "direct"
    #: How sure the attribution is, from 0 (no speaker found) to 1.
    confidence: float = 0.0
    #: "person", "organisation", "vague" (nobody named) or "none" (no speaker found).
    speaker_kind: str = "none"
    #: Why this speaker: the cue, the sentence it stands in, how the speaker was resolved.
    evidence: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("kind")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Quote:
        return cls(**data)


@dataclass
class CandidateClaim:
    text: str
    start: int
    end: int


@dataclass
class Extraction:
    quotes: list[Quote] = field(default_factory=list)
    claims: list[CandidateClaim] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "quotes": [q.to_json() for q in self.quotes],
            "claims": [asdict(c) for c in self.claims],
        }

    def to_storage(self) -> dict:
        """Everything, reported-speech marks included, for a background job's result."""
        return {
            "quotes": [asdict(q) for q in self.quotes],
            "claims": [asdict(c) for c in self.claims],
        }

    @classmethod
    def from_storage(cls, data: dict) -> Extraction:
        return cls(
            [Quote.from_dict(q) for q in data.get("quotes", [])],
            [CandidateClaim(**c) for c in data.get("claims", [])],
        )


def _evidence(attribution: Attribution) -> dict:
    evidence: dict = {"how": attribution.how, "sentence": attribution.sentence}
    if attribution.cue_span:
        evidence["cue_start"], evidence["cue_end"] = attribution.cue_span
    if attribution.speaker_span:
        evidence["speaker_start"], evidence["speaker_end"] = attribution.speaker_span
    if attribution.joint:
        evidence["joint"] = list(attribution.joint)
    return evidence


def _quote(text: str, start: int, end: int, attribution: Attribution, kind: str) -> Quote:
    words = " ".join(text[start:end].split()).rstrip(",").strip()
    return Quote(
        words,
        attribution.name,
        normal_role(attribution.role),
        attribution.cue,
        start,
        end,
        kind,
        round(attribution.confidence, 2),
        attribution.kind,
        _evidence(attribution),
    )


def _post_quote(text: str, post: EmbeddedPost) -> Quote:
    """An embedded post's words, as its signer's: the signature is the attribution."""
    signature = " ".join(text[post.signature_start : post.signature_end].split())
    return Quote(
        " ".join(text[post.start : post.end].split()),
        post.author,
        None,
        "posted",
        post.start,
        post.end,
        "direct",
        POST_CONFIDENCE,
        post.author_kind,
        {
            "how": f"a post embedded in the page, signed {signature.lstrip('—–- ')}",
            "sentence": signature,
            "speaker_start": post.author_start,
            "speaker_end": post.author_end,
        },
    )


#: A post's signature says whose words they are; whether its name is a person's or a body's
#: is a guess from the name alone.
POST_CONFIDENCE = 0.8

# ----------------------------------------------------------------------------- candidate claims

_CHECKABLE = re.compile(
    r"\b(?:\d[\d,.]*|first|last|largest|biggest|smallest|highest|lowest|most|least|record|since|doubled|tripled|halved|"
    r"percent|per cent|million|billion|thousand|hundreds|dozens|because|caused|led to|resulted in|more than|fewer than|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|century|decade|never|only)\b|%|\b\w+est\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(?:" + "|".join(sorted(CUE_VERBS, key=len, reverse=True)) + r"|according to)\b|[“”\"«»]",
    re.IGNORECASE,
)


class _Covered:
    """Spans of text already taken by quotes, looked up by position."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.ends, start + 1)
        return index < len(self.starts) and self.starts[index] < end


#: A byline or a date line: "By Mara Quill, 14 March 2026", "April 26, 2000|By …", "Updated: …".
#: "By Friday, …" and "By December, …" say when, and "Updated estimates …" opens a sentence:
#: a month or a weekday is no byline, and a date line's word is followed by a colon, "on",
#: "at" or a date.
_BYLINE = re.compile(
    r"\||^By\s+(?!(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|"
    r"Easter|Thanksgiving|Halloween|Ramadan|Eid|Diwali|Hanukkah|New Year|Midsummer)\b)"
    r"(?:[A-Z][\w.'’-]*\s*){1,4}(?:,|$)"
    r"|^(?:Posted|Published|Updated|Last updated)(?:\s*:|\s+(?:on|at)\b|\s+\d|\s+(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b)"
)


def _is_headline(text: str, start: int, sentence: str) -> bool:
    """Whether the sentence is the text's first line with no full stop: its headline, which
    says what the article is about rather than a checkable sentence of its own."""
    return not text[:start].strip() and not sentence.rstrip().endswith((".", "!", "?", "…"))


def _claims(text: str, covered: _Covered, progress: Progress | None = None) -> list[CandidateClaim]:
    claims = []
    spans = list(sentences.spans(text))
    phase = Phase(progress, CLAIMS, len(spans))
    for low, high in spans:
        phase.step()
        sentence = text[low:high]
        # A closing quotation mark that ends the sentence before belongs to it, not to this one.
        lead = len(sentence) - len(sentence.lstrip(' \t”"’»'))
        sentence = sentence[lead:]
        stripped = sentence.strip()
        if len(stripped.split()) < 5 or stripped.endswith("?"):
            continue
        start = low + lead + (len(sentence) - len(sentence.lstrip()))
        end = start + len(stripped)
        start = after_dateline(text, start)
        stripped = text[start:end]
        if covered.overlaps(start, end):
            continue
        if _ATTRIBUTION.search(stripped) or not _CHECKABLE.search(stripped):
            continue
        if _BYLINE.search(stripped) or _is_headline(text, start, stripped):
            continue
        claims.append(CandidateClaim(stripped, start, end))
    return claims


# ----------------------------------------------------------------------------- the whole text


def _inside_reported_speech(text: str, start: int, end: int, attribution: Attribution) -> bool:
    """Whether quoted words are a scare quote inside reported speech: a few function words
    (`scare_quotes`) some words after their cue in the same sentence ("announced that the
    budget will be accepted “as is”"), never the cue's own object ("said “no”")."""
    if attribution.cue_span is None or not is_scare_quote(text[start:end]):
        return False
    between = text[attribution.cue_span[1] : start]
    return (
        attribution.cue_span[1] <= start
        and len(between.split()) >= 3
        and not any(mark in between for mark in ".!?\n")
    )


def extract(text: str, progress: Progress | None = None) -> Extraction:
    """Quotes with speakers, reported speech, and candidate claims, in the order they appear."""
    # Hard-wrapped copy is read as running text; it keeps its length, so offsets still hold.
    text = running_text(text)
    # The page's furniture is blanked for reading; the quotes' words are the text's own.
    reading = Reading(with_typeset_marks(without_furniture(text)), pipeline(), progress)
    result = Extraction()
    spans: list[tuple[int, int]] = []
    used_cues: set[tuple[int, int]] = set()
    attributions = reading.attribute()
    places = place_names(reading.docs.values())
    scare: set[tuple[int, int]] = set()
    for piece, attribution in zip(reading.pieces, attributions, strict=True):
        if _inside_reported_speech(text, piece.start, piece.end, attribution):
            scare.add((piece.start, piece.end))
            continue
        attribution = without_place_person(attribution, places)
        result.quotes.append(_quote(text, piece.start, piece.end, attribution, "direct"))
        spans.append(
            (
                sentences.sentence_start(text, piece.start - 1),
                sentences.sentence_end(text, piece.end),
            )
        )
        if attribution.cue_span:
            used_cues.add(attribution.cue_span)
    for reported in reading.reported(used_cues, frozenset(scare)):
        attribution = without_place_person(reported.attribution, places)
        result.quotes.append(_quote(text, reported.start, reported.end, attribution, "indirect"))
        spans.append(
            (
                sentences.sentence_start(text, reported.start),
                sentences.sentence_end(text, reported.end),
            )
        )
    for post in embedded_posts(text):
        spans.extend([(post.start, post.end), (post.signature_start, post.signature_end)])
        if not any(q.start < post.end and post.start < q.end for q in result.quotes):
            result.quotes.append(_post_quote(text, post))
    result.quotes.sort(key=lambda quote: quote.start)
    name_repeated(result.quotes, headline_end(text))
    result.claims = _claims(text, _Covered(spans), progress)
    return result
