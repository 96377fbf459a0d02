"""Teams and bodies the entity recogniser took for a person or a place, known by their verb.

British writing treats a team or a company as plural: "Norwich City have sacked their
manager", "Aston Villa are bottom of the league". A name that opens a sentence and takes "have"
or "are" is therefore a body, whatever the recogniser called it (it reads "Norwich City" as a
place and "Aston Villa" as a person), and a later "the club said" or "it said" may mean it.
Only a name that opens its sentence, so that it is the subject ("Ana and Tomas have", "fans of
Aston Villa have" are not one name speaking).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from factdb.intake.mentions import ORGANISATION, Mention

_PLURAL_VERBS = frozenset({"have", "are"})
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def plural_bodies(
    doc: Doc, offset: int, number: int, inside_quote: Callable[[int], bool]
) -> list[Mention]:
    """The names read as a person or a place that open a sentence with "have" or "are"."""
    found = []
    for entity in doc.ents:
        if entity.label_ not in {"PERSON", "GPE"} or entity.end >= len(doc):
            continue
        opens = entity.start == 0 or doc[entity.start - 1].text in _SENTENCE_ENDS
        if not opens or doc[entity.end].lower_ not in _PLURAL_VERBS:
            continue
        if inside_quote(entity.start_char + offset):
            continue
        found.append(Mention(entity.start_char + offset, number, entity.text, ORGANISATION))
    return found
