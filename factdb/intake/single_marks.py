"""When a word or two in single marks is a quotation, in a text that quotes in double marks.

Such a text sets quotations inside quotations, scare quotes and terms in single marks ("the
‘green lung’ of the estate"), so a short piece in single marks is a quotation only where the
writing shows it: in the headline ("Minister likens plan to ‘a disaster’"), or after a verb of
speaking in its sentence, as British local papers set a short partial quotation ("Cllr Chaplain
said he would back it with ‘some reluctance’", "said members were ‘abused’").
"""

from __future__ import annotations

import re

#: A verb of speaking with no end of sentence between it and the mark.
_SAID = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|claimed|claims|insisted|insists|warned|warns)\b"
    r"[^.!?\n]*$",
    re.IGNORECASE,
)


#: "the" just before the mark: the writer names a thing ("near the ‘green lung’ of the estate").
_THE = re.compile(r"\bthe\s*$", re.IGNORECASE)


def said_before(text: str, start: int) -> bool:
    """Whether a verb of speaking stands before the opening mark (at `start - 1`) in its
    sentence, looking back no further than a long sentence runs, and the marked words are
    no name given to a thing after "the" ("Police said the fire started near the ‘green
    lung’" is the writer's term, not the police's words)."""
    before = max(0, start - 1)
    if _THE.search(text, max(0, before - 10), before) is not None:
        return False
    return _SAID.search(text, max(0, start - 300), before) is not None


def in_headline(text: str, start: int, end: int) -> bool:
    """Whether the paragraph from start to end is the headline, which sets even a word or two it
    quotes in single marks: the first, one line of twenty words at most, with no full stop at
    its end."""
    line = text[start:end].strip()
    first = not text[:start].strip()
    return first and "\n" not in line and len(line.split()) <= 20 and line[-1:] != "."
