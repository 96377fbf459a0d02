"""Words a crowd chanted or sang: "Chants of “…” echoed", "fans started singing “…”", "other
chants included “…” and “…”", "“…” chants in Baltimore".

A chant or a song is the crowd's, not the words of the last person the article named: where
no cue names who said the words, such a quotation is proposed as said by somebody unnamed
(vague), the crowd its sentence names if it names one ("protesters", "fans").
"""

from __future__ import annotations

import re

from factdb.intake.attribution import Attribution
from factdb.intake.mentions import NONE, VAGUE

#: What a crowd calls out or sings together, just before the words: "chants of", "slogans
#: including", "chanted back:", "started singing".
_BEFORE = re.compile(
    r"(?:\b(?:chants?|cries|shouts|slogans?|songs?|refrains?)\s+"
    r"(?:of|including|included|like|such\s+as)"
    r"|\b(?:chant(?:ed|ing|s)?|sang|sing(?:ing|s)?|sung|serenad(?:ed|ing))\b(?:\s+[\w’'-]+){0,3})"
    r"\W{0,3}$",
    re.IGNORECASE,
)
#: The words named as a chant right after them: "“No justice” chants in Baltimore".
_AFTER = re.compile(r"^\W{0,3}(?:chants?|chanting|chanted|cries|refrain)\b", re.IGNORECASE)
#: Between two quotations of one list of chants: "“…” and “…”", "“…”, “…”".
_BETWEEN = re.compile(r"^\W{0,3}(?:and|or)?\W{0,3}$", re.IGNORECASE)
#: Words for a crowd, the speaker named when the sentence has one.
_CROWD = re.compile(
    r"\b(?:the\s+)?(?:fans|supporters|crowds?|protesters|protestors|demonstrators|marchers|"
    r"spectators|mourners|students|workers|the\s+faithful)\b",
    re.IGNORECASE,
)
#: How far before the quotation its introduction is read.
_REACH = 60
HOW = "chanted or sung by a crowd; nobody named"


def chanted(text: str, start: int, end: int, sentence: str) -> Attribution | None:
    """The crowd's, for a quotation introduced as a chant or a song (`start` and `end` are the
    quoted words' offsets, inside the marks); None for any other quotation."""
    before = _sentence_before(text, start)
    after = text[end : end + 20]
    if not (_BEFORE.search(before) or _AFTER.search(after)):
        return None
    return crowd(before, sentence)


def crowd(before: str, sentence: str) -> Attribution:
    """Somebody unnamed, the crowd the words before the quotation name if they name one."""
    crowds = _CROWD.findall(before)
    name = crowds[-1] if crowds else None
    return Attribution(name, None, VAGUE, None, 0.6, HOW, sentence)


def sings_by_name(found: Attribution | None, text: str, start: int) -> bool:
    """Whether a cue's speaker is a person named in full just before the words ("Ivo Brandt
    sang “…”"), not a crowd read as the last person named ("the North Stand started singing")
    nor a word such as "Many" read as a name."""
    if found is None or found.kind == NONE or found.name is None or " " not in found.name:
        return False
    return found.name in _sentence_before(text, start)


def listed_after(text: str, previous_end: int, start: int) -> bool:
    """Whether a quotation follows the one ending at `previous_end` in a list ("“…” and “…”")."""
    return 0 < start - previous_end <= 12 and bool(_BETWEEN.match(text[previous_end:start]))


def _sentence_before(text: str, start: int) -> str:
    """The words before an opening mark back to the sentence's start, at most `_REACH` of them."""
    window = text[max(0, start - _REACH - 1) : max(0, start - 1)]
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
    return window[cut + 1 :] if cut >= 0 else window
