"""A person named by initials after a role: "Councilor ND" is ND, Councilor."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.phrases import titled_name
from factdb.intake.roles import bare_word, is_person_noun


def titled_initials(words: list[Token]) -> bool:
    """ "Councilor ND", "Alderman JB": a word for people, then a name written as two or three
    capitals (a person the article names only so), never an acronym standing alone."""
    return (
        len(words) == 2
        and words[0].text[:1].isupper()
        and is_person_noun(bare_word(words[0]))
        and words[1].text.isupper()
        and words[1].text.isalpha()
        and 2 <= len(words[1].text) <= 3
    )


def titled_person(words: list[Token], label: str) -> bool:
    """ "Councillor Pavel Novak" read as an organisation's, "Councilor ND": a role, then a name."""
    return (label == "ORG" and titled_name(words)) or titled_initials(words)
