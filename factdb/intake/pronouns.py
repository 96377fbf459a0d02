"""Which pronoun the article uses for a person, read where the sentence leaves no doubt.

"Mayor Karl Heinz told reporters he was disappointed": he, so a later "“…,” she said" is not
Heinz. Only a pronoun subject of the clause a person's cue reports counts, in a sentence that
names nobody else: "Novak said she had agreed", after a sentence about a judge, could be her.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from factdb.intake.cues import is_cue
from factdb.intake.mentions import Mentions
from factdb.intake.phrases import clean_name, person_words
from factdb.intake.spans import entities_within

_PRONOUNS = frozenset({"he", "she"})


def remember_pronouns(
    doc: Doc, offset: int, mentions: Mentions, inside_quotes: Callable[[int], bool]
) -> None:
    """Note "he" or "she" for each person who says something of themselves in the third person."""
    for sentence in doc.sents:
        people = [
            ent
            for ent in entities_within(sentence)
            if ent.label_ == "PERSON" and not inside_quotes(ent.start_char + offset)
        ]
        if len(people) != 1:
            continue
        for token in sentence:
            if token.lower_ in _PRONOUNS and not inside_quotes(token.idx + offset):
                if _reported_by(token, people[0]):
                    name = clean_name(person_words(list(people[0])))[0]
                    if name:
                        full = mentions.full_name(name, people[0].start_char + offset)
                        mentions.call(full, token.lower_)
                break  # the first pronoun only: a second may be somebody else


def _reported_by(pronoun: Token, person: Span) -> bool:
    """Whether the pronoun is the subject of what the person's cue reports: "Heinz said he …"."""
    clause = pronoun.head
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "ccomp":
        return False
    cue = clause.head
    return is_cue(cue) and any(
        child.dep_ == "nsubj" and person.start <= child.i < person.end for child in cue.children
    )
