"""Where sentences end in news text, for claim proposals and the sentences the review offers.

A full stop ends a sentence unless it closes an abbreviation ("U.S.", "Jan.", "Sen.", "Inc.",
"No. 5"), a single initial ("Sean J. Young") or a number ("7.4"), or the next word starts in
lower case. Without this "The U.S. Senate passed …" was proposed as "Senate passed …".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factdb.intake.roles import ABBREVIATED_TITLES

#: Words written with a full stop that never end a sentence in news copy.
ABBREVIATIONS = frozenset(
    [
        *ABBREVIATED_TITLES,
        *("Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Gen", "Adm", "Sen", "Sens", "Rep", "Reps"),
        *("Gov", "Govs", "Lt", "Pres", "Supt", "Jr", "Sr", "St", "Mt", "Ft", "Ave", "Blvd"),
        *("Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "vs", "v", "etc", "approx", "est", "Dept"),
        *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
        *("Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind"),
        *("Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev"),
        *("Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo"),
    ]
)
#: Abbreviations that are also ordinary words: only before a number ("No. 5", "Fig. 2").
_BEFORE_NUMBER = frozenset(["No", "Nos", "Fig", "Vol", "Art", "Sec", "Ch", "Pt"])
#: Words that open a new sentence after "in the U.S." (an acronym may still end one).
_OPENERS = frozenset(
    [
        *("The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That"),
        *("These", "Those", "But", "And", "Yet", "So", "In", "On", "At", "His", "Her", "Its"),
        *("Their", "Our", "There", "Still", "Now", "Then", "However", "Meanwhile"),
    ]
)
_CANDIDATE = re.compile(r"[.!?]+[\"”’»)]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"[(\[“\"‘']*([^\s(\[“\"‘']*)\.$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, U.K, a.m (its last full stop is the cut)
_NEXT_WORD = re.compile(r"\s*[\"“‘'(]*(\S*?)[,.;:!?\"”’)]*(?:\s|$)")


def full_stop_ends(text: str, dot: int) -> bool:
    """Does the full stop at `dot` end a sentence? Only for words that are no abbreviation."""
    found = _WORD_BEFORE.search(text, max(0, dot - 40), dot + 1)
    word = found.group(1) if found else ""
    following = _NEXT_WORD.match(text, dot + 1)
    after = following.group(1) if following else ""
    if after[:1].islower():
        return False
    if word in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False
    if word in _BEFORE_NUMBER:
        return not after[:1].isdigit()
    return not (_DOTTED.fullmatch(word) and after not in _OPENERS)


def boundaries(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Offsets just after each sentence end in text[start:end] (closing quotation marks kept)."""
    end = len(text) if end is None else end
    for match in _CANDIDATE.finditer(text, start, end):
        if match.group(0) != "\n":
            marks = match.group(0).rstrip('"”’»)')
            if marks == "." and not full_stop_ends(text, match.start()):
                continue
        yield match.end()


def spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end], separators left out."""
    end = len(text) if end is None else end
    low = start
    for cut in boundaries(text, start, end):
        if text[low:cut].strip():
            yield low, cut
        low = cut
    if text[low:end].strip():
        yield low, end


def sentence_start(text: str, position: int, reach: int = 400) -> int:
    """Where the sentence holding `position` begins (looking back at most `reach` characters)."""
    low = max(0, position - reach)
    return max(boundaries(text, low, position), default=low)


def sentence_end(text: str, position: int) -> int:
    """Where the sentence holding `position` ends, at the latest at the end of its paragraph."""
    paragraph_end = text.find("\n", position)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    # From just before `position`: a quotation closing at a full stop ends its sentence there.
    return next(boundaries(text, max(position - 1, 0), paragraph_end), paragraph_end)


_OPENING, _CLOSING = "“«„", "”»"


def without_dangling_marks(sentence: str) -> str:
    """The sentence without quotation marks left open or closed by a cut (a quotation going
    on into the next paragraph, a sentence cut inside one); balanced marks stay."""
    opened = sum(sentence.count(mark) for mark in _OPENING)
    closed = sum(sentence.count(mark) for mark in _CLOSING)
    straight = sentence.count('"') % 2
    if opened == closed and not straight:
        return sentence
    marks = _OPENING + _CLOSING + '"'
    return " ".join("".join(c for c in sentence if c not in marks).split())
