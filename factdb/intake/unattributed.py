"""The claim in a quote's sentence: the sentence with its attribution ("Marsh said", "according
to the institute") taken off, so the claim box is offered what was claimed, not who said it.

Only where the parse marks the cue and the speaker inside the sentence, on one side of the
quote, and the rest reads as a sentence of its own; otherwise the caller keeps the whole
sentence (a fragment, "called the plan 'reckless'", is no claim without its frame)."""

from __future__ import annotations

import re

from factdb.intake.extract import Quote

_MARKS = '“”„«»"'
#: Plain reporting cues: the words are what the speaker put forward. Only these come off; a
#: cue that denies, doubts or mocks ("denied that", "believed that") keeps its sentence whole.
_CLAUSE_CUES = frozenset(
    {"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "stated",
     "states", "argued", "argues", "insisted", "insists", "noted", "notes", "explained",
     "explains", "asked", "asks", "according", "claimed", "claims", "declared", "declares",
     "replied", "replies", "maintained", "maintains", "saying"}
)  # fmt: skip
#: Between the speaker and the cue: a title ("said presiding judge") or a short aside.
_INSIDE = re.compile(r"\s*(?:,[^,]{1,40},)?\s*(?:[^\s,]+\s+){0,3}")
#: After "Marsh said" at the end of a sentence: at most when or where it was said.
#: Or first who the speaker is (", the harbour master", ", a member of the board").
_WHEN_WHERE = re.compile(
    r"(?:\s*,\s*(?:the|a|an)\s[^,;“”„«»\"]{1,60})?"
    r"(?:\s*,?\s*(?:on|in|at|last|this|earlier|later|yesterday|today|tonight)\b[^,;]{0,30})?"
    r"[\s.!?…]*"
)
#: Words that point at the speaker or the listener: with the attribution gone they would
#: point at nobody ("We lost", "she would resign").
_POINTING = re.compile(
    r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Yy]ou|[Yy]our|[Yy]ours|[Hh]e|[Hh]im|"
    r"[Hh]is|[Ss]he|[Hh]er|[Hh]ers|[Tt]hey|[Tt]hem|[Tt]heir|[Tt]heirs)\b"
)
#: Openings that lean on the sentence before ("And it will again").
_LEADING_BACK = re.compile(r"(?:It|Its|And|But|So|Or|Yet|Also)\b")
#: Before the attribution: at most a short opening phrase ("At home,") and a title ("Dr").
_OPENING = re.compile(rf"(?:[^,{_MARKS}]{{0,24}},\s*)?(?:[^\s,{_MARKS}]+\s+){{0,3}}")
_THAT = re.compile(r"\bthat\s+", re.IGNORECASE)


def without_attribution(text: str, low: int, high: int, quote: Quote) -> str | None:
    """The sentence text[low:high] without its attribution, or None where it does not come
    off cleanly."""
    evidence = quote.evidence or {}
    spans = [(evidence.get(f"{n}_start"), evidence.get(f"{n}_end")) for n in ("cue", "speaker")]
    if any(start is None or end is None for start, end in spans):
        return None
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    if first < low or last > high:
        return None
    if (quote.cue or "").split(" ")[0].lower() not in _CLAUSE_CUES:
        return None  # "denied that", "doubted that": the words are not what was claimed
    inside = text[min(e for _, e in spans) : max(s for s, _ in spans)]
    if not _INSIDE.fullmatch(inside):
        return None
    if last <= quote.start:
        claim = _attribution_first(text, low, high, first, last, quote)
    elif first >= quote.end:
        claim = _quote_first(text, low, high, first, last, quote)
    else:
        return None
    return _as_sentence(claim) if claim else None


def _quote_first(text: str, low: int, high: int, first: int, last: int, quote: Quote) -> str | None:
    """`"The talks failed," Marsh said.`: the quote opens the sentence and the sentence ends
    with the speaker and cue ("said sarcastically, before denying it" keeps it whole)."""
    if text[low : quote.start].strip(_MARKS + " \t"):
        return None
    if not _WHEN_WHERE.fullmatch(text[last:high]):
        return None
    between = text[quote.end : first]
    closing = quote.end + len(between) - len(between.lstrip(_MARKS + ".,!?"))
    rest = text[closing:high]
    if any(mark in rest for mark in _MARKS):
        return None
    return text[quote.start : closing]


def _attribution_first(
    text: str, low: int, high: int, first: int, last: int, quote: Quote
) -> str | None:
    """`Marsh said (that) the talks failed.`: a short opening, the attribution, the claim."""
    if not _OPENING.fullmatch(text[low:first]):
        return None
    if any(mark in text[low : quote.start].rstrip(_MARKS + " ") for mark in _MARKS):
        return None  # another quotation before this one: the cue may be theirs
    if text[quote.end : high].strip(_MARKS + ".!?,;: \t’'"):
        return None  # the sentence goes on after the quote: the claim is more than the words
    gap = text[last : quote.start]
    if any(mark in gap.rstrip(_MARKS + " ") for mark in _MARKS):
        return None
    lead = len(gap) - len(gap.lstrip(",:; \t"))
    words = gap[lead:].strip(_MARKS + " \t")
    if words and (quote.cue or "").lower().startswith("according"):
        return text[last + lead : high]  # "According to the institute, the lake …"
    if not words:
        return text[last + lead : high]
    # only "said", "said that", "said:": any other words there may deny or doubt the claim
    that = _THAT.match(gap[lead:])
    if not that or gap[lead + that.end() :].strip(_MARKS + " \t"):
        return None
    return text[last + lead + that.end() : high]


def _as_sentence(claim: str) -> str | None:
    """The words as a sentence of their own, or None where they lean on what was cut off."""
    words = " ".join("".join(c for c in claim if c not in _MARKS).split()).strip()
    words = words.rstrip(",;: ")
    if not words or _POINTING.search(words) or _LEADING_BACK.match(words[:1].upper() + words[1:]):
        return None
    words = words[0].upper() + words[1:]
    return words if words[-1] in ".!?…" else words + "."
