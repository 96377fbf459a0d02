"""A subject that is a description: "In defeat, the Scot offered his congratulations, saying:"
and "“…,” the Croat said" give the words of the one person the passage is about, or nobody;
never of someone called "Scot".

The recogniser often takes a nationality used as a noun for a person's name. `antecedents`
reads it as the person named as the subject just before; here that reading stands only where
nobody else could be meant: the sentence before did its act to no other person ("Kranjc beat
Brenner. … the Scot") and brought in no unnamed one ("signed a striker. The Dane scored"), the
person is not named again beside the description ("the Scot offered Kranjc"), and a
nationality that is also its own plural ("the Swiss voted") is one person only where the
clause says so ("was", "his").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from factdb.intake.attribution import Attribution
from factdb.intake.mentions import PERSON, Named
from factdb.intake.nationalities import NATIONALITY_NOUNS, SAME_IN_PLURAL
from factdb.intake.quote_cues import QuoteCues
from factdb.intake.roles import is_person_noun

#: A verb that agrees with one person: "the Swiss was", "the Swiss has".
_ONE_VERB = frozenset({"was", "is", "has", "does"})
#: Words that point back to one person: "the Swiss scored twice on his debut".
_ONE_POINTER = frozenset({"his", "her", "himself", "herself"})


class DescribedLeads(QuoteCues):
    """Reads "the" and a nationality as the one person it stands for, or as nobody."""

    def _introduced_by(
        self, lead: list[Token], offset: int, paragraph: int, how: str
    ) -> Attribution | None:
        """The person "the Scot" stands for, or nobody; any other lead-in as before."""
        subject = next((t for t in lead if _nationality_subject(t)), None)
        if subject is None:
            return super()._introduced_by(lead, offset, paragraph, how)
        found = self._subject_speaker(subject, subject.head, offset, paragraph)
        if found is None:
            return None  # a description nobody named stands for: nobody, never the word
        return self._result(found[0], subject.head, found[1], offset, how)

    def _subject_speaker(
        self, subject: Token, cue: Token, offset: int, paragraph: int
    ) -> tuple[Named, Token] | None:
        """Who the cue's subject is; for "the Scot", the one person it can stand for, or nobody."""
        if not _nationality_subject(subject):
            return super()._subject_speaker(subject, cue, offset, paragraph)
        quoted = self.inside_quote
        if subject.lower_ in SAME_IN_PLURAL and not _one_person(subject, offset, quoted):
            return None  # "the Swiss voted in a referendum": a people, not a person
        found = super()._subject_speaker(subject, cue, offset, paragraph)
        if found is None or found[0].kind != PERSON or not found[0].name:
            return None
        name = found[0].name
        if name.casefold() in NATIONALITY_NOUNS or not self._only_one_before(
            subject, name, paragraph
        ):
            return None
        return found

    def _only_one_before(self, subject: Token, name: str, paragraph: int) -> bool:
        """Whether `name` is the only person the sentence before can hand the description to,
        and is not named again beside it."""
        before = self._sentence_before(subject, paragraph)
        if before is None:
            return False
        sentence, offset, _number = before
        start, end = sentence.start_char + offset, sentence.end_char + offset
        others = [
            m.position - offset
            for m in self.mentions.people
            if start <= m.position < end and m.name != name
        ]
        if any(_an_object_of_the_act(sentence, position) for position in others):
            return False  # "Ivo Kranjc beat Tomas Brenner. … the Scot": either of them
        if any(_brought_in(t) for t in sentence):
            return False  # "signed a striker. The Dane scored": the striker
        surname = name.split()[-1]
        return not any(t.text == surname and t.i != subject.i for t in subject.sent)


def _an_object_of_the_act(sentence: Span, position: int) -> bool:
    """Whether the person named at `position` is what the sentence's verb was done to ("beat
    Tomas Brenner"), so a description after it may mean either; one named in passing ("with
    Cahill", "lost to Kranjc") is not."""
    token = next((t for t in sentence if t.idx <= position < t.idx + len(t.text)), None)
    while token is not None and token.dep_ == "compound":
        token = token.head
    return token is not None and token.dep_ in {"dobj", "dative"} and token.head == sentence.root


def _nationality_subject(token: Token) -> bool:
    """ "the Scot" as a subject: a nationality used as a noun, with only "the" before it."""
    children = list(token.children)
    return (
        token.dep_ in {"nsubj", "nsubjpass"}
        and token.lower_ in NATIONALITY_NOUNS
        and token.text[:1].isupper()
        and len(children) == 1
        and children[0].lower_ == "the"
    )


def _one_person(subject: Token, offset: int, quoted: Callable[[int], bool]) -> bool:
    """Whether the clause of "the Swiss" says, outside quotations, it is one person: its verb
    ("the Swiss was", "has") or a word that points back to one ("his debut")."""
    clause = subject.head
    verbs = [clause, *(c for c in clause.children if c.dep_ in {"aux", "auxpass"})]
    if any(t.lower_ in _ONE_VERB for t in verbs):
        return True
    return any(
        t.lower_ in _ONE_POINTER and not quoted(t.idx + offset)
        for t in clause.subtree
        if t.i != subject.i
    )


def _brought_in(token: Token) -> bool:
    """An unnamed person the sentence brings in: "a striker", "a new coach"."""
    return (
        token.tag_ == "NN"
        and is_person_noun(token.lower_)
        and any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in token.children)
    )
