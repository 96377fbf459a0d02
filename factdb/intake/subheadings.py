"""A subheading set into a quotation that is left open across it.

News pages break a long quotation with a short line of their own ("Human decency") between
two of its paragraphs. The quotation's mark left open at the end of the paragraph before
says the words go on past that line, into the paragraph that reopens the quotation: one
quotation, one speaker, not a new quotation with nobody's name on it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factdb.intake.quotes import Paragraph

#: Any double quotation mark, straight, curly or doubled.
_MARKS = re.compile(r"''|‘‘|’’|[“„«”»\"]")


def subheading_inside(text: str, paras: list[Paragraph], number: int) -> bool:
    """Whether the paragraph after `number` is a subheading inside a quotation left open: a
    short line with no quotation mark and no closing stop, then a paragraph that reopens the
    quotation."""
    if number + 2 >= len(paras):
        return False
    line = text[paras[number + 1].start : paras[number + 1].end].strip()
    reopening = text[paras[number + 2].start : paras[number + 2].start + 3].lstrip()
    return (
        1 <= len(line.split()) <= 6
        and not _MARKS.search(line)
        and not line.endswith((".", "!", "?", ":", ",", ";"))
        and (reopening[:1] in '“„«"' or reopening.startswith(("''", "‘‘")))
    )
