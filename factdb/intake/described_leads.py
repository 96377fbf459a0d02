"""A lead-in whose subject is a description: "In defeat, the Scot offered his congratulations,
saying:" introduces the words of the person the story is about, never of someone called "Scot".

The recogniser often takes a nationality used as a noun for a person's name; in a cue's own
sentence `antecedents` reads it, and here the same reading serves a lead-in before a colon.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.attribution import Attribution
from factdb.intake.mentions import PERSON
from factdb.intake.nationalities import NATIONALITY_NOUNS
from factdb.intake.quote_cues import QuoteCues


class DescribedLeads(QuoteCues):
    """Reads a lead-in whose subject is "the" and a nationality as the person it stands for."""

    def _introduced_by(
        self, lead: list[Token], offset: int, paragraph: int, how: str
    ) -> Attribution | None:
        """The person "the Scot" stands for, or nobody; any other lead-in as before."""
        subject = next((t for t in lead if _nationality_subject(t)), None)
        if subject is None:
            return super()._introduced_by(lead, offset, paragraph, how)
        found = self._subject_speaker(subject, subject.head, offset, paragraph)
        if found is None or found[0].kind != PERSON or found[0].name == subject.text:
            return None  # a description nobody named stands for: nobody, never the word
        return self._result(found[0], subject.head, found[1], offset, how)


def _nationality_subject(token: Token) -> bool:
    """ "the Scot" as a subject: a nationality used as a noun, with only "the" before it."""
    children = list(token.children)
    return (
        token.dep_ == "nsubj"
        and token.lower_ in NATIONALITY_NOUNS
        and token.text[:1].isupper()
        and len(children) == 1
        and children[0].lower_ == "the"
    )
