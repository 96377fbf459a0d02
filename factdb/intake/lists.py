"""Quotations set out as a list: each item a label, a dash and the words of the one quoted above.

Local reports list what a speaker said item by item under a line that ends in a colon:
`Other roads with damage include:` then `– County Road 8 – “One of the corners washed out.”`.
The items have no cue of their own; they go on from the speaker quoted above the list, as a
paragraph that is only a quotation does. An item with no quotation (`– Lovett Lane`) and the
line that opens the list say what the words are about, not who speaks.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from factdb.intake.roles import HONORIFICS, PERSON_NOUNS, ROLE_HEADS

if TYPE_CHECKING:
    from factdb.intake.mentions import Mentions
    from factdb.intake.quotes import Paragraph, QuotePiece

#: A list item's marker: a dash or a bullet opening the line.
_MARKER = re.compile(r"^\s*[–—•*·-]\s+")
#: The longest line that may open a list or stand as an item without a quotation.
_SHORT = 14


def item_label(lead: str) -> bool:
    """Whether the words before an item's quotation are a label: a marker, a few words, a dash
    or a colon (`– County Road 8 near Dismals –`), not the start of a sentence."""
    match = _MARKER.match(lead)
    if match is None:
        return False
    label = lead[match.end() :].rstrip(" “\"‘'„«")
    return label.endswith(("–", "—", "-", ":")) and len(label.split()) <= _SHORT


def list_line(text: str) -> bool:
    """Whether a paragraph with no quotation opens a list (a short line ending in a colon) or
    is an item of one (a marker and a few words)."""
    stripped = text.strip()
    words = stripped.split()
    if not words or len(words) > _SHORT:
        return False
    return stripped.endswith(":") or _MARKER.match(stripped) is not None


#: Words that say a list's line names a person.
_PEOPLE_WORDS = frozenset(w.casefold() for w in PERSON_NOUNS | ROLE_HEADS | HONORIFICS)


def list_goes_on(
    text: str,
    paragraphs: list[Paragraph],
    quoted: dict[int, list[QuotePiece]],
    mentions: Mentions,
    earlier: QuotePiece,
    piece: QuotePiece,
) -> bool:
    """Whether every paragraph between two quotations opens a list or is an item of it with
    no quotation, and the later one is an item; an item whose label names a person (`– Mayor
    Ana Ruiz – “…”`) or a list opened by a line naming one is someone else's."""
    paragraph = paragraphs[piece.paragraph]
    if not item_label(text[paragraph.start : piece.start]):
        return False
    if _names_a_person(text, mentions, paragraph.start, piece.start):
        return False
    for number in range(earlier.paragraph + 1, piece.paragraph):
        line = paragraphs[number]
        words = text[line.start : line.end]
        if number in quoted or not list_line(words):
            return False
        if words.rstrip().endswith(":") and _names_a_person(text, mentions, line.start, line.end):
            return False
    return True


def _names_a_person(text: str, mentions: Mentions, start: int, end: int) -> bool:
    """Whether a list's line names a person: by a word for one (`Farmer`, `Mayor`, `Dr`), or
    by a name the article gives outside the list too. The recogniser reads most place labels
    as people's names (`Quarry Road`), so a name alone is not enough."""
    words = {w.strip(".,:;–—-").casefold() for w in text[start:end].split()}
    if words & _PEOPLE_WORDS:
        return True
    people = mentions.people
    positions = mentions.positions(people)
    inside = people[bisect.bisect_left(positions, start) : bisect.bisect_left(positions, end)]
    names = {m.name for m in inside}
    return any(m.name in names for m in people if not start <= m.position < end)
