"""Write a speaker's role, and an unnamed speaker's description, one way wherever it is read.

"the US attorney in Virginia", "a librarian" and "town's mayor" are all roles: a leading
article says nothing about the role, so it is dropped everywhere, and two articles that give
the same role give the same words.
"""

from __future__ import annotations

import re

from factdb.intake.groups import GENERIC_PLURALS
from factdb.intake.releases import without_open_bracket, without_tickers
from factdb.intake.roles import HONORIFICS, is_person_noun

_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)
#: Words that open a description of people without naming anyone: "Defence lawyers".
_DESCRIBING = frozenset(
    {"defence", "defense", "former", "senior", "local", "foreign", "federal", "state", "police"}
)


def normal_role(text: str | None) -> str | None:
    """The role as written, on one line, without a leading article, a ticker or a bracket left
    open; None when nothing is left."""
    role = without_open_bracket(without_tickers(" ".join((text or "").split())))
    role = _ARTICLE.sub("", role.strip(" ,;:"))
    role = _POSSESSIVE_END.sub("", role)  # "Vox Radio's Allen Marsh": the role is Vox Radio
    if role.endswith(".") and not _abbreviated(role.split()[-1]):
        role = role[:-1].rstrip(" ,;:")  # "… of Denver-based K&M." ends the sentence
    return role or None


_POSSESSIVE_END = re.compile(r"['’]s?$")
#: Words whose full stop belongs to them at the end of a role.
_ABBREVIATIONS = frozenset(
    {"inc", "co", "corp", "ltd", "jr", "sr", "st", "bros", "dept", "univ", "plc", "esq", "no"}
)


def _abbreviated(word: str) -> bool:
    """ "Inc.", "U.S.", "Jr.", "J.": a last word whose full stop is part of it."""
    bare = word[:-1]
    # a rank written short ends a role too: "… U.S. Army Brig. Gen.", "Lt. Col.", never a
    # word that ends the sentence: "a sales rep."
    rank = bare[:1].isupper() and bare.casefold() in HONORIFICS
    return "." in bare or len(bare) <= 1 or bare.casefold() in _ABBREVIATIONS or rank


def description(phrase: str) -> str:
    """Who an unnamed speaker was, as a role: "Prosecutors" is "prosecutors", "A Justice
    Department spokesperson" is "Justice Department spokesperson", "FBI agents" stays.

    A capital kept only because the phrase began the sentence is lowered, and only on a word
    the intake knows for a common noun, so that a name ("Pentagon officials") keeps its own.
    """
    text = normal_role(phrase) or ""
    words = text.split()
    if words and _sentence_capital(words[0]) and not (len(words) > 1 and words[1][:1].isupper()):
        return text[:1].lower() + text[1:]
    return text


def _sentence_capital(word: str) -> bool:
    """Whether a common noun is capitalised: "Prosecutors", never "FBI"."""
    folded = word.casefold()
    return (
        word[:1].isupper()
        and word[1:].islower()
        and (is_person_noun(folded) or folded in GENERIC_PLURALS or folded in _DESCRIBING)
    )
