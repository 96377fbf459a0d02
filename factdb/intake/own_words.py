"""Whom "he said" means when the sentence before names several people.

- "Renko is still expected to return – a situation Lindqvist admitted must be frustrating.
  “… Halvor played today and Renko did not,” he said.": a speaker does not speak of himself by
  name, so "he" is not Renko, the subject, but Lindqvist, who admitted something just before;
  with nobody else to mean, the pronoun names nobody rather than the one spoken of;
- "… a rebuke from Pavel Dorn, who said Holm never offered a plan. “…,” he said.": the one
  who said something, not the one he spoke of;
- "His voice shook as he said:": the person "his" means, never the voice.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from factdb.intake.cues import is_cue
from factdb.intake.mentions import PERSON, VAGUE, Mentions, Named
from factdb.intake.newcomers import people_in
from factdb.intake.roles import HONORIFICS

#: What a cue's clause holds as the words it reports.
_REPORTED = frozenset({"ccomp", "xcomp"})


def speaks_of(name: str, words: list[Token]) -> bool:
    """Whether quoted words name the person in the third person: the surname alone or after
    the person's own first name or a title, never after another first name ("my father Dean
    Renko" said by Adam Renko), nor a word that only looks like it ("White vans")."""
    parts = name.split()
    if not parts:
        return False
    for token in words:
        # a proper noun heading its phrase: not "White vans", "Young players", "the Renko Arena"
        if token.text != parts[-1] or token.tag_ not in {"NNP", "NNPS"} or token.dep_ == "compound":
            continue
        before = token.doc[token.i - 1] if token.i > 0 else None
        if (
            before is None
            or not before.is_title
            or before.text == parts[0]
            or before.lower_.rstrip(".") in HONORIFICS
        ):
            return True
    return False


def saying_verb(root: Token) -> Token | None:
    """The cue verb by which a person reports something: "Dorn said …", "Dorn, who said …",
    "a situation Lindqvist admitted must be …"."""
    if root.dep_ in {"nsubj", "nsubjpass"} and is_cue(root.head):
        return root.head
    for child in root.children:
        if (
            child.dep_ == "relcl"
            and is_cue(child)
            and any(c.dep_ == "nsubj" and c.tag_ == "WP" for c in child.children)
        ):
            return child
    return None


def _reported_by(root: Token, verb: Token) -> bool:
    """Whether a name stands inside what a cue verb reports ("said Holm never offered …")."""
    return any(
        child.left_edge.i <= root.i <= child.right_edge.i
        for child in verb.children
        if child.dep_ in _REPORTED
    )


def in_report(token: Token) -> bool:
    """Whether a word stands inside what a cue verb reports: "his" in "Dorn said Holm never
    offered a plan of his own" is for the one spoken of, not for a later "he said"."""
    return any(a.dep_ in _REPORTED and is_cue(a.head) for a in token.ancestors)


def sayer(people: list[tuple[str, Token]]) -> str | None:
    """The one person of a sentence who says something, when everyone else it names is only
    inside what that person says."""
    verbs = {name: verb for name, root in people if (verb := saying_verb(root)) is not None}
    if len(verbs) != 1:
        return None
    name, verb = next(iter(verbs.items()))
    others = [root for other, root in people if other != name]
    return name if all(_reported_by(root, verb) for root in others) else None


#: The possessive of each pronoun: "His voice shook as he said:" is one person.
_OWNER = {"he": "his", "she": "her"}


def owned_by(noun: Token, pronoun: Token) -> bool:
    """Whether the pronoun's own possessive goes with a noun: in "His voice shook as he said:",
    "he" is whoever "his" means, never the voice."""
    owner = _OWNER.get(pronoun.lower_)
    return any(c.dep_ == "poss" and c.lower_ == owner for c in noun.children)


def not_spoken_of(
    subject: Token,
    named: Named | None,
    mentions: Mentions,
    paragraph: int,
    offset: int,
    sentence_before: Callable[[Token, int], tuple[Span, int, int] | None],
    quoted: Callable[[int], bool],
) -> Named | None:
    """`named`, unless the pronoun's quotation speaks of that person by name: then the one
    person of the sentence before who says something and is not spoken of, else nobody."""
    if named is None or named.kind != PERSON or not named.name:
        return named
    # the quotation of the pronoun's own sentence: reading the whole paragraph for each cue
    # would be quadratic in one long paragraph of many quotations
    words = [t for t in subject.sent if quoted(t.idx + offset)]
    if not speaks_of(named.name, words):
        return named
    how = f"“{subject.text}” is not {named.name}, whom the quotation names"
    before = sentence_before(subject, paragraph)
    if before is not None:
        sentence, before_offset, _number = before
        people, _seen = people_in(sentence, before_offset, mentions, quoted)
        fitting = {
            name
            for name, root in people
            if saying_verb(root) is not None and not speaks_of(name, words)
        }
        if len(fitting) == 1:
            name = fitting.pop()
            how += f"; {name}, who says something just before"
            return Named(name, PERSON, mentions.roles.get(name), how=how, confidence=0.6)
    return Named(subject.text, VAGUE, how=how + "; it names nobody else", confidence=0.4)
