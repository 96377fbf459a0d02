"""Find the person at the end of "University of X, Town, role Name", the subject of a cue.

Science writing introduces a speaker by their body, its town and their job before the name
("says University of Vostria, Kellin Falls, marine biologist Petra Odell"). The parser makes the
body the subject and chains the town and the person to it as conjuncts; the person is the one
that speaks, never the body's town.
"""

from __future__ import annotations

from spacy.tokens import Token

_CHAINED = {"conj", "appos"}


def past_affiliation(subject: Token) -> Token:
    """The named person after a body's name (and its town) with a role noun just before it;
    the subject itself when it heads no such chain."""
    if subject.tag_ not in {"NNP", "NNPS"} or subject.ent_type_ not in {"ORG", "FAC"}:
        return subject
    current = subject
    for _ in range(4):
        chained = [c for c in current.children if c.dep_ in _CHAINED and c.i > current.i]
        if not chained:
            return subject
        current = chained[0]
        if current.tag_ == "NNP" and _role_before(current):
            return current
    return subject


def _role_before(name: Token) -> bool:
    """ "cognitive scientist Ivo Brandt": a common noun compounded onto the name."""
    return any(c.dep_ == "compound" and c.tag_ == "NN" and c.i < name.i for c in name.children)
