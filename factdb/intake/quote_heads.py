"""Walks from a quotation up its parse to the words that say whose it is: the "as" of
"slamming X as “…”" and its verb, the noun of words in "his usual response that “…”" and the
subject of its clause. Kept apart from the phrases that credit (`phrase_credits`), which decide
what these walks find means.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from factdb.intake.cues import WORDS_NOUNS

#: Verbs that dispute someone else's words: "rejected his claim that “…”" is not the subject's.
DISPUTING = (
    "reject", "den", "dismiss", "disput", "question", "challeng", "mock", "critici", "attack",
    "refut", "contradict", "ridicul", "slam", "blast", "condemn", "scoff", "laugh", "quot",
)  # fmt: skip


def hanging_tokens(inside: list[Token]) -> Iterator[Token]:
    """The tokens of a quotation whose head stands outside it: where it hangs in the sentence."""
    members = {t.i for t in inside}
    return (t for t in inside if t.head.i not in members and t.head != t)


def as_above(token: Token) -> Token | None:
    """The "as" a quotation's word hangs from within four steps up ("slamming X as “…”"), past
    a coordination ("“nonsense” and “a … campaign”"); None at the sentence's root."""
    current = token
    for _ in range(4):
        current = current.head
        if current.lower_ == "as" and current.dep_ == "prep":
            return current
        if current.head == current:
            return None
    return None


def verb_above(as_: Token) -> Token:
    """The verb an "as" belongs to, up to two steps further: "points to an article … as" is
    the verb above the object, not the object."""
    verb = as_.head
    for _ in range(2):
        if verb.tag_.startswith("VB") or verb.head == verb:
            break
        verb = verb.head.head if verb.dep_ == "pobj" else verb.head
    return verb


def is_words_noun(token: Token) -> bool:
    """A noun of words: "response", "claim", "description"."""
    return token.lower_ in WORDS_NOUNS and token.tag_.startswith("NN")


def words_noun_or_root(token: Token) -> Token | None:
    """The noun of words a quotation hangs from within four steps up; the sentence's root if
    that comes first; None if neither is within reach."""
    noun = token.head
    for _ in range(4):
        if is_words_noun(noun) or noun.head == noun:
            return noun
        noun = noun.head
    return None


def pronoun_owner(noun: Token) -> Token | None:
    """The possessive pronoun a noun of words has ("his usual response"), if any."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    if owner is None or owner.lower_ not in {"his", "her", "its", "their"}:
        return None
    return owner


#: Clauses whose verb may take its subject from the clause above: "got his chance to pull out".
_BORROWING = frozenset({"xcomp", "advcl", "conj", "relcl"})


def clause_verb(noun: Token) -> Token | None:
    """The verb, up to five steps above a noun of words, that says whose the words are: the
    first that disputes them, has a subject, or heads a clause of its own; None if none does."""
    verb = noun.head
    for _ in range(5):
        if verb.tag_.startswith("VB") and (
            verb.lower_.startswith(DISPUTING)
            or subject_of(verb) is not None
            or verb.dep_ not in _BORROWING
        ):
            return verb
        if verb.head == verb:
            return None
        verb = verb.head
    return None


def subject_of(verb: Token) -> Token | None:
    """The nominal subject of a verb."""
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)
