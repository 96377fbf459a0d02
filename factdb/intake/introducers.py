"""Who may introduce a quotation from the sentence before it, and whose words it cannot be."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from factdb.intake.cues import is_cue
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Named
from factdb.intake.roles import is_person_noun

#: A word alone before a paragraph's quotation that goes on from the one before: "But “…”".
_JOINING = frozenset({"but", "and", "yet", "still", "so", "however"})
#: Papers an organisation issues whose words may run on into the paragraph after.
_STATEMENTS = frozenset({"statement", "release", "communique", "communiqué"})
#: A comma after the closing mark, then words: "« … », a lancé un conseiller".


def named_inside(name: str | None, words: str) -> bool:
    """Whether a quotation speaks of a person by their surname: then it is not theirs."""
    surname = (name or "").split()[-1:]
    return bool(surname) and re.search(rf"\b{re.escape(surname[0])}\b", words) is not None


def somebody_unnamed(token: Token) -> bool:
    """ "His mother, who asked not to be named, said …": one person the text leaves unnamed
    (a noun for a person, never a pronoun nor a group), whose words may follow."""
    return token.tag_ == "NN" and is_person_noun(token.lower_)


def may_introduce(found: tuple[Named, Token]) -> bool:
    """Whether who was found may introduce words by a colon: a person or an organisation, or
    somebody unnamed ("her mother"), never a pronoun ("he") for nobody named."""
    named, token = found
    return named.kind in {PERSON, ORGANISATION} or (
        named.kind == VAGUE and token.tag_ not in {"PRP", "PRP$"}
    )


def speaking_clause(root: Token) -> Token:
    """The clause that speaks, if one does: "He didn't, but teammate Paulo Mendes said …"
    speaks in its second clause; otherwise the sentence's own verb."""
    return next(
        (
            verb
            for verb in [root, *(c for c in root.children if c.dep_ == "conj")]
            if is_cue(verb) and any(c.dep_ == "nsubj" for c in verb.children)
        ),
        root,
    )


def opens_a_sentence(lead: str) -> bool:
    """Whether words before a paragraph's quotation make it part of a new sentence."""
    return bool(lead) and not lead.endswith(":") and lead.casefold() not in _JOINING


def introducing_verb(sentence: Span) -> Token:
    """The verb a sentence before a quotation introduces it by: its own, or the "according" of
    "According to the ministry's statement, the talks …" where its own verb is no cue."""
    root = sentence.root
    if is_cue(root):
        return root
    for token in sentence:
        if token.lower_ == "according" and any(
            obj.lower_ in _STATEMENTS for to in token.children for obj in to.children
        ):
            return token
    return root


def may_continue(found: tuple[Named, Token], sentence: Span) -> bool:
    """Whether who the sentence before names may speak the quotation after it: a person,
    somebody unnamed, or an organisation whose statement the sentence reports."""
    named, token = found
    return (
        named.kind == PERSON
        or somebody_unnamed(token)
        or (
            named.kind == ORGANISATION
            and any(t.lower_ in _STATEMENTS for t in sentence)
            and speaks_last(token, sentence)
        )
    )


def speaks_last(token: Token, sentence: Span) -> bool:
    """Whether no one speaks after who the token names in the sentence: "The board said in a
    statement …, and resident Alba Fenwick said she was not convinced." ends with her words,
    so the quotation after it is never the board's statement running on."""
    subjects = [
        subject
        for verb in sentence
        if is_cue(verb)
        for subject in verb.children
        if subject.dep_ in {"nsubj", "nsubjpass"}
    ]
    return not subjects or token in max(subjects, key=lambda s: s.head.i).subtree


def reports_words_too(verb: Token) -> bool:
    """Whether the verb introducing a quotation reports words of its own as well: "His mother
    said she had warned him." or "According to the statement, the talks went well."
    """
    return verb.lower_ == "according" or any(c.dep_ == "ccomp" for c in verb.children)
