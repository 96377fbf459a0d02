"""Who speaks a quotation with no cue from the subject of the sentence just before it.

Local and television reports often set a line about a person before their words, with no verb
of speaking: "Mili Lewis has lived in the neighborhood for 14 years. “Since we have a lot of
renters …”", as they do for a relative left unnamed ("A cousin of the victim was at the
hospital. “…”"). Only in the same paragraph, and for a person named there only when the
quotation speaks in the first person, never to them ("you", as a judge to the one sentenced)
and never of them by name: "Tomas Brenner was jailed for six years. “He showed no remorse.”"
is somebody else's.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from factdb.intake.introducers import named_inside
from factdb.intake.mentions import PERSON, VAGUE, Named
from factdb.intake.roles import RELATIVES

#: Case matters: "US" is a country and "ME" a state, not "us" and "me".
_FIRST_PERSON = re.compile(r"\b(?:I|I[’']m|I[’']ve|[Mm]e|[Mm]y|[Ww]e|[Ww]e[’']re|[Uu]s|[Oo]ur)\b")
#: Words to "you" are said to the person, as a judge's to the one sentenced, not by them.
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)


def subject_speaks(subject: Token, named: Named | None, words: str) -> str | None:
    """Why the subject of the sentence before speaks the words after it, or None if not."""
    if named is None:
        return None
    if named.kind == VAGUE and subject.tag_ == "NN" and subject.lower_ in RELATIVES:
        return "a relative in the sentence before"
    first_person = _FIRST_PERSON.search(words) is not None
    if named.kind != PERSON or subject.tag_ != "NNP" or not first_person:
        return None
    if _SECOND_PERSON.search(words) is not None:
        return None
    if named_inside(named.name, words):
        return None  # "… Brenner was a danger": words about the person are somebody else's
    return "the person the sentence before is about, speaking in the first person"
