"""Drop a place given as a person: a place never speaks.

Every path that proposes a speaker can be misled by a parse that makes a town the subject of a
cue ("says University of X, College Park, …"); this last check catches them all, so such a row
is proposed with no speaker and is never ticked.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from factdb.intake.attribution import Attribution
from factdb.intake.mentions import PERSON
from factdb.intake.unsaid import nobodys

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def place_names(docs: Iterable[Doc]) -> frozenset[str]:
    """Names the recogniser reads only as places anywhere in the article."""
    places: set[str] = set()
    others: set[str] = set()
    for doc in docs:
        for entity in doc.ents:
            (places if entity.label_ in _PLACE_LABELS else others).add(entity.text)
    return frozenset(places - others)


def without_place_person(attribution: Attribution, places: frozenset[str]) -> Attribution:
    """The attribution, or nobody's when the person it names is a place."""
    if attribution.kind != PERSON or attribution.name not in places:
        return attribution
    return nobodys(
        attribution.sentence, f"“{attribution.name}” is a place, and a place never speaks"
    )
