"""A quoted phrase in what a named subject does, with no cue anywhere: that subject's words.

`Dostal worked to go through “layer after layer of …”`, `The Council reprimanded him after
finding that his remarks had a “corrosive effect …”`, `Holt has compared the plan to a roof
“that nobody wants to fix”`: the reporter sets off, inside a sentence about someone, words that
person or body used. Walking up the parse from the quotation, the first clause whose subject is
a person or a body named in two words or more (one word may be an office: "the Taoiseach")
gives the speaker; a clause whose subject is a thing ("his remarks had") is passed on the way
up. Never words inside the subject itself ("a “rude” lawyer was fined"), a passive or a
description ("has been warned that “…”", "who were described as “…”": the subject is the one
spoken to or of), a subject inside quotation marks, nor a quotation that opens its sentence
(whole words, which other readings find or leave) or one in a sentence with a verb of speaking
(whose reading has decided, if only that nobody named said it), nor words a noun of words
holds or a verb disputes ("rejected his claim that “…”": not the subject's). Read last, only
for a quotation nothing else gave a speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.attribution import Attribution
from factdb.intake.cues import is_cue
from factdb.intake.mentions import ORGANISATION, PERSON
from factdb.intake.quote_heads import DISPUTING, hanging_tokens, is_words_noun
from factdb.intake.quotes import QuotePiece
from factdb.intake.reach import InReach
from factdb.intake.speakers import analyse

#: Steps up the parse from the quotation to the clause that owns it.
_REACH = 8
#: What makes a clause passive: its subject is acted on, never the one speaking.
_PASSIVE = frozenset({"nsubjpass", "csubjpass", "auxpass"})
_RELATIVE = frozenset({"who", "which", "that"})
_CONFIDENCE = 0.5


class ClauseOwners(InReach):
    """Attributes a quoted phrase by the subject whose clause holds it."""

    def _clause_owner(self, piece: QuotePiece) -> Attribution | None:
        """The person or body whose clause the quoted phrase stands in, or None."""
        doc, offset = self._doc(piece)
        if doc is None or not doc.has_annotation("SENT_START"):
            return None
        inside = self._inside(piece, doc, offset)
        if not inside or not self._has_lead(inside, offset) or self._has_cue(inside, offset):
            return None
        hanging = sorted(hanging_tokens(inside), key=lambda t: abs(t.head.i - t.i))
        if not hanging:
            return None
        current = hanging[0].head
        for _ in range(_REACH):
            if self._quoted(current, offset) or _describes(current) or is_words_noun(current):
                return None  # "rejected his claim that “…”": the words of the claim's owner
            if current.tag_.startswith("VB") or current.pos_ in {"VERB", "AUX"}:
                if any(c.dep_ in _PASSIVE for c in current.children) or _disputes(current):
                    return None
                found = self._owner(current, inside, offset, piece.paragraph)
                if found is not None:
                    return found
            if current.head == current:
                return None
            current = current.head
        return None

    def _has_lead(self, inside: list[Token], offset: int) -> bool:
        """Whether the sentence has two words or more of its own before the quotation."""
        first = inside[0]
        lead = [
            t
            for t in first.sent
            if t.i < first.i and not t.is_punct and not self._quoted(t, offset)
        ]
        return len(lead) >= 2

    def _has_cue(self, inside: list[Token], offset: int) -> bool:
        """Whether a verb of speaking stands in the sentence: its reading has decided."""
        return any(is_cue(t) for t in inside[0].sent if not self._quoted(t, offset))

    def _owner(
        self, verb: Token, inside: list[Token], offset: int, paragraph: int
    ) -> Attribution | None:
        """The clause's subject when it is a person or a body named or resolved, and the
        quotation stands outside it ("a “rude” lawyer was fined": a word about the subject)."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or self._quoted(subject, offset):
            return None
        if subject.left_edge.i <= inside[-1].i and inside[0].i <= subject.right_edge.i:
            return None
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head  # "Holt, who compared it to “…”": Holt
        named = analyse(subject, self.mentions, paragraph, offset)
        if named is None or named.kind not in {PERSON, ORGANISATION} or not named.name:
            return None
        if " " not in named.name:
            return None  # "The Taoiseach has compared …": an office read as a name
        how = f"a quoted phrase in what the subject of “{verb.text}” does, with no cue"
        found = self._result(named, verb, subject, offset, how)
        found.confidence = min(found.confidence, _CONFIDENCE)
        return found


def _describes(token: Token) -> bool:
    """A participle that describes a noun ("a man described as “…”"): its noun is spoken of."""
    return token.dep_ == "acl" and token.tag_ == "VBN"


def _disputes(verb: Token) -> bool:
    """A verb that disputes or mocks words ("rejected", "mocked"): they are someone else's."""
    return verb.lower_.startswith(DISPUTING)
