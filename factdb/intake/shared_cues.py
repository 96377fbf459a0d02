"""A quoted phrase that shares the cue of the quotation after it in the same sentence.

`When it came to “winter coats,” shoppers “bought cheaper ones …,” Ana Ruiz said`: the parse
hangs the first phrase on the second quotation's verb, which the cue governs, so both are the
words of whom the cue gives them to. The walk up the parse from a quotation stops at quoted
words (they are somebody's words, not the writer's cue), so the first phrase found nobody.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.attribution import Attribution, inherit
from factdb.intake.cues import is_cue
from factdb.intake.mentions import NONE
from factdb.intake.roundups import RoundupCredits

#: How far up the parse the phrase may hang below the later quotation ("to" → "came" → …).
_STEPS = 5


class SharedCues(RoundupCredits):
    """Attributes a quoted phrase by the cue of the next quotation in its sentence."""

    def _shared_cue(self, index: int, found: list[Attribution | None]) -> Attribution | None:
        """The next quotation's speaker, when the phrase hangs on its words and its cue
        governs them directly: never through another cue or other quoted words."""
        source = self._next_in_paragraph(index, found)
        if source is None:
            return None
        piece, after = self.pieces[index], self.pieces[index + 1]
        doc, offset = self._doc(piece)
        if doc is None:
            return None
        inside = self._inside(piece, doc, offset)
        later = {t.i for t in self._inside(after, doc, offset)}
        members = {t.i for t in inside}
        exits = [t for t in inside if t.head.i not in members and t.head != t]
        if len(exits) != 1 or not later:
            return None
        cue = self._up_through(self._up_to(exits[0].head, later, offset), later)
        if cue is None or (cue.idx + offset, cue.idx + offset + len(cue.text)) != source.cue_span:
            return None
        return inherit(source, 0.7, "shares the cue of the quotation after it in its sentence")

    def _next_in_paragraph(self, index: int, found: list[Attribution | None]) -> Attribution | None:
        """The next quotation's attribution by a cue, when it stands in the same paragraph."""
        if index + 1 >= len(self.pieces):
            return None
        source = found[index + 1]
        if source is None or source.kind == NONE or source.cue_span is None:
            return None
        return source if self.pieces[index + 1].paragraph == self.pieces[index].paragraph else None

    def _up_to(self, token: Token, later: set[int], offset: int) -> Token | None:
        """The first of the later quotation's words above `token`, through words that are no
        cue and no other quotation's; None past a few steps or at the root."""
        for _ in range(_STEPS):
            if token.i in later:
                return token
            if self._quoted(token, offset) or is_cue(token) or token.head == token:
                return None
            token = token.head
        return None

    @staticmethod
    def _up_through(token: Token | None, later: set[int]) -> Token | None:
        """The word that governs the later quotation, from one of its words."""
        while token is not None and token.i in later:
            if token.head == token:
                return None
            token = token.head
        return token
