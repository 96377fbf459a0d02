"""A pronoun bound by the subject of the clause around it: "The ministry said it would …"."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.own_words import owned_by


def bound(subject: Token) -> Token:
    """ "The ministry said it would …": a pronoun bound by the subject of the clause around it."""
    if subject.lower_ not in {"he", "she", "it", "they"}:
        return subject
    clause = subject.head
    for _ in range(4):
        # "Richmond's father asked for forgiveness for what he called “…”": the father
        if clause.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "pcomp", "prep"}:
            break
        if clause.head == clause:
            break
        clause = clause.head
        outer = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ != "PRP"]
        if outer and not _plural_for_one(subject, outer[0]) and not owned_by(outer[0], subject):
            return outer[0]
    return subject


def _plural_for_one(pronoun: Token, noun: Token) -> bool:
    """ "Democrats introduced during what he described as": "he" never stands for a plural."""
    return pronoun.lower_ in {"he", "she", "it"} and noun.tag_ in {"NNS", "NNPS"}
