"""Who may introduce a quotation from the sentence before it, and whose words it cannot be."""

from __future__ import annotations

import re

from spacy.tokens import Token

from factdb.intake.cues import is_cue
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Named
from factdb.intake.roles import is_person_noun

#: A word alone before a paragraph's quotation that goes on from the one before: "But “…”".
_JOINING = frozenset({"but", "and", "yet", "still", "so", "however"})
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
