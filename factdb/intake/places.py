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
#: Words that make a name a place's ("College Park", "Kellin Falls"). The recogniser alone is
#: not enough: the small model reads some people's names as places ("Ines Okafor" as GPE).
_PLACE_WORDS = frozenset(
    {
        "park", "city", "county", "falls", "heights", "springs", "beach", "valley", "hills",
        "island", "islands", "bay", "harbour", "harbor", "lake", "river", "street", "road",
        "avenue", "square", "province", "district", "township", "village", "port", "fort",
        "mount", "cape", "bridge", "airport", "station", "stadium",
    }
)  # fmt: skip


def place_names(docs: Iterable[Doc]) -> frozenset[str]:
    """Names of places, read as places (and never otherwise) anywhere in the article."""
    places: set[str] = set()
    others: set[str] = set()
    for doc in docs:
        for entity in doc.ents:
            placed = entity.label_ in _PLACE_LABELS and _place_word(entity.text)
            (places if placed else others).add(entity.text)
    return frozenset(places - others)


def _place_word(name: str) -> bool:
    return any(word.casefold() in _PLACE_WORDS for word in name.split())


def without_place_person(attribution: Attribution, places: frozenset[str]) -> Attribution:
    """The attribution, or nobody's when the person it names is a place."""
    if attribution.kind != PERSON or attribution.name not in places:
        return attribution
    return nobodys(
        attribution.sentence, f"“{attribution.name}” is a place, and a place never speaks"
    )
