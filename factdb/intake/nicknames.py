"""A nickname in quotation marks inside a full name: Ivo "The Hammer" Kranjc, Tomas "Tom"
Brenner. The nickname is nobody's words, and the name around it is one person's, whom a later
"Kranjc said" means."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from factdb.intake.roles import HONORIFICS, is_person_noun

#: The first name just before the opening mark: "Joaquin “".
_FIRST = re.compile(r"(?<![\w'’.-])([A-Z][a-z][\w'’-]*)\s+[\"“‘'«]$")
#: The surname just after the closing mark: "” Guzman".
_LAST = re.compile(r"^[\"”’'»]\s+([A-Z][\w'’-]*[a-z][\w'’-]*)(?![\w'’-])")


def nickname_in_name(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Where the name around the quotation text[start:end] begins, and the name without its
    nickname ("Joaquin Guzman"), when the quotation is one to three capitalised words set
    between a first name and a surname; None otherwise."""
    words = text[start:end].split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return None
    first = _FIRST.search(text[max(0, start - 40) : start])
    last = _LAST.match(text[end : end + 40])
    if first is None or last is None:
        return None
    given, surname = first.group(1), last.group(1)
    if any(_not_a_name(word) for word in (given, surname)):
        return None
    return max(0, start - 40) + first.start(1), f"{given} {surname}"


def _not_a_name(word: str) -> bool:
    """A word that opens a sentence or names a role, not a person: "The", "Coach", "Mr"."""
    folded = word.casefold().rstrip(".")
    return folded in STOP_WORDS or folded in HONORIFICS or is_person_noun(folded)
