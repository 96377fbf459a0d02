"""Who a sentence's reporter is when a description names them: "The Bagan MP said …"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from factdb.intake.mentions import PERSON, VAGUE, Mentions, Named
from factdb.intake.roles import is_person_noun
from factdb.intake.speakers import analyse


def described_reporter(
    before: tuple[Span, int, int],
    people: list[tuple[str, Token]],
    mentions: Mentions,
    quoted: Callable[[int], bool],
    is_subject: Callable[[Token, bool], bool],
) -> str | Named | None:
    """The person a described subject of the main clause means ("the Bagan MP", "the
    senator"), or somebody unnamed, when the people the sentence names are only subjects of
    what it reports; None otherwise.

    A "he" or "she" after "The Bagan MP said Muhyiddin cannot risk a vote" is the MP who said
    it, not the man whose doings the sentence reports, though only he is named there.
    """
    sentence, offset, number = before
    roots = [root for _name, root in people]
    if not any(is_subject(root, True) for root in roots):
        return None
    if any(is_subject(root, False) for root in roots):
        return None
    for token in sentence:
        if not is_subject(token, False) or quoted(token.idx + offset):
            continue
        if token.tag_ not in {"NN", "NNP"} or not is_person_noun(token.lower_):
            continue
        if not any(child.lower_ == "the" for child in token.children):
            continue
        named = analyse(token, mentions, number, offset)
        if named is not None and named.kind == PERSON and named.name:
            return named.name
        if named is not None and named.kind == VAGUE:
            return named
    return None
