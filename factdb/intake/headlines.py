"""A person named in full only in the headline: "Mira Castellano Wins …", then "Castellano said"."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from factdb.intake.groups import STATEMENT_NOUNS
from factdb.intake.roles import HONORIFICS, TITLE_WORDS, is_person_noun

#: How much of the first paragraph is read as the headline.
HEADLINE_CHARS = 300


def full_name_in_headline(headline: str, surname: str) -> str | None:
    """The first name written just before `surname` in a title-case or capitalised headline.

    The recogniser misses names in headlines where every word is capitalised; a surname the
    body uses alone is then looked for there, with the word before it as the first name when
    that word can be one (not "For", not "Coach").
    """
    pattern = rf"(?<![\w’'])([^\W\d_][\w’'-]*)\s+{re.escape(surname)}(?![\w’'-])"
    for match in re.finditer(pattern, headline[:HEADLINE_CHARS], re.IGNORECASE):
        first = match.group(1)
        if _can_be_first_name(first):
            return f"{_as_name(first)} {surname}"
    return None


def _can_be_first_name(word: str) -> bool:
    """Whether a capitalised word could be a first name: not a function word, title or role."""
    folded = word.casefold()
    return (
        word[0].isupper()
        and folded not in STOP_WORDS
        and folded.rstrip(".") not in HONORIFICS
        and folded.rstrip(".") not in TITLE_WORDS
        and not is_person_noun(folded)
    )


def _as_name(word: str) -> str:
    """ "MIRA" is written "Mira", as the body would write it; "Mira" stays as it is."""
    return word.capitalize() if word.isupper() else word


def names_only_whose(line: Doc) -> bool:
    """Whether every name in a short line only says whose a thing is ("Most drama outside
    Stewart courtroom"): such a line is a headline about something, not a person introduced
    above quotations."""
    names = [t for t in line if t.ent_type_ == "PERSON" or t.tag_ == "NNP"]
    ids = {t.i for t in names}
    ends = [t for t in names if t.head.i not in ids or t.head.i == t.i]
    return bool(ends) and all(
        t.dep_ in {"compound", "poss"}
        and t.head.tag_ in {"NN", "NNS"}
        and not is_person_noun(t.head.lower_)
        # "Mayor Lena Marsh statement": whose words the quotations below are
        and t.head.lower_ not in STATEMENT_NOUNS | _SPEECH_NOUNS
        for t in ends
    )


#: What a person says, as a headline names it above the words: "… interview", "… remarks".
_SPEECH_NOUNS = frozenset(
    {"interview", "remarks", "speech", "comments", "briefing", "testimony", "address", "reaction"}
)


def has_verb(line: Doc) -> bool:
    """Whether a short line has a verb, so says something rather than naming a speaker; in a
    line ending in a colon, a capitalised word the tagger took for a verb before a proper noun
    ("Cleanify Technology SA CFO Lena Holt:") is the start of a company's name."""
    colon = line.text.rstrip().endswith(":")
    return any(
        t.tag_.startswith("VB") and not (colon and t.text[:1].isupper() and _before_a_name(t))
        for t in line
    )


def _before_a_name(token: Token) -> bool:
    """Whether a proper noun follows the token in its line."""
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].tag_ in {"NNP", "NNPS"}
