"""A paragraph that is only a quotation, with no cue, heading or colon of its own: whose it is
when exactly one speaker is in reach, and nobody's otherwise.

News writing sets a speaker's words after a paragraph of narrative: "“…,” said Ana Lee." then
"Had Kilby held on, they would have gone top." then "“We have to accept the point …”" (still
Lee); or "Okafor was upbeat after the draw." then "“We deserved more …”" (Okafor). What is in
reach is the speaker of the last quotation, when only narrative paragraphs stand between (at
most `_NARRATIVE`), and whoever those paragraphs name or make the subject of a clause: people
named in full anywhere in them, somebody unnamed who is the subject of a main clause or of a
cue. One person is the speaker (confidence 0.5) — with nobody quoted before, only as the active
subject of a main clause just above; two candidates or more, only somebody unnamed,
a "he" or "she" when the last speaker is out of reach, or a body as such a subject (whose words
run on only from a statement it issued) leave the quotation with nobody.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from factdb.intake.attribution import Attribution, inherit
from factdb.intake.cues import is_cue
from factdb.intake.groups import ORGANISATION_NAME_WORDS
from factdb.intake.introducers import named_inside
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Named
from factdb.intake.newcomers import people_in
from factdb.intake.quotes import QuotePiece
from factdb.intake.shared_cues import SharedCues
from factdb.intake.speakers import analyse

#: Most paragraphs of narrative between the last quotation and this one.
_NARRATIVE = 2
_CONFIDENCE = 0.5
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PERSONAL = frozenset({"he", "she"})
#: Who is in reach, by full name: how they were read, and the word naming them (None for the
#: last speaker, or a name found only among the article's mentions).
Candidates = dict[str, tuple[Named, Token | None]]


class InReach(SharedCues):
    """Attributes a paragraph of quotation by the one speaker within reach of it."""

    def _one_in_reach(self, index: int, found: list[Attribution | None]) -> Attribution | None:
        """The one speaker in reach of a paragraph that is only a quotation, or None."""
        piece = self.pieces[index]
        paragraph = self.paragraphs[piece.paragraph]
        if piece.paragraph == 0 or self.text[paragraph.start : piece.start].strip(" “\"'‘„«"):
            return None
        last = self._last_speaker(index, found)
        between = self._narrative_between(piece, last)
        if between is None:
            return None
        candidates: Candidates = {}
        if last is not None:
            candidates[last[1].name or ""] = (_named(last[1]), None)
        for number in between:
            if not self._candidates_in(number, candidates, last is not None):
                return None
        if len(candidates) != 1:
            return None
        name, (named, token) = next(iter(candidates.items()))
        if not name or named_inside(name, self.text[piece.start : piece.end]):
            return None  # "“… the best season Tomas Brenner has had …”": not Brenner's
        how = f"the only speaker in reach: {name}"
        if last is not None and name == last[1].name:
            return inherit(last[1], _CONFIDENCE, how + ", quoted just before the narrative")
        return self._acting_above(named, token, between, how)

    def _narrative_between(
        self, piece: QuotePiece, last: tuple[QuotePiece, Attribution] | None
    ) -> range | None:
        """The paragraphs of narrative before the quotation: after the last speaker's, or the
        `_NARRATIVE` just above; None where a quotation or a line that is no sentence stands
        between (right after a quotation, continuations decide)."""
        first = last[0].paragraph + 1 if last else max(1, piece.paragraph - _NARRATIVE)
        between = range(first, piece.paragraph)
        if not between or any(n in self._pieces_in for n in between):
            return None
        return between if all(self._narrative(n) for n in between) else None

    def _acting_above(
        self, named: Named, token: Token | None, between: range, how: str
    ) -> Attribution | None:
        """With nobody quoted before, the one person in reach as the active subject of a main
        clause in the paragraph just above: "Ana Ruiz, 54, was found dead." or "… the arrest of
        Tom Hale." speaks no words, nor does somebody unnamed ("Residents raised concerns.")."""
        if token is None or named.kind != PERSON:
            return None  # named where the parse shows no word for the name, or unnamed
        number = next(n for n in between if self.docs[n] is token.doc)
        if number != between[-1] or token.dep_ != "nsubj" or not self._speaks_here(token):
            return None
        result = self._result(named, token.head, token, self.paragraphs[number].start, how)
        result.confidence, result.cue_span = min(result.confidence, _CONFIDENCE), None
        return result

    def _last_speaker(
        self, index: int, found: list[Attribution | None]
    ) -> tuple[QuotePiece, Attribution] | None:
        """The quotation just before and its named speaker, if it is within reach."""
        if index == 0:
            return None
        earlier, attribution = self.pieces[index - 1], found[index - 1]
        speaking = attribution.speaking() if attribution is not None else None
        if speaking is None or not speaking.name or speaking.kind not in {PERSON, ORGANISATION}:
            return None
        if self.pieces[index].paragraph - earlier.paragraph - 1 > _NARRATIVE:
            return None
        return earlier, speaking

    def _narrative(self, number: int) -> bool:
        """Whether a paragraph is sentences of narrative: parsed, ending in a full stop (not a
        heading, a caption or a line introducing what follows)."""
        text = self.text[self.paragraphs[number].start : self.paragraphs[number].end].strip()
        return text.endswith((".", "!", "?")) and self._parse(number)

    def _candidates_in(self, number: int, candidates: Candidates, last: bool) -> bool:
        """Add the speakers a paragraph of narrative brings in reach; False where it brings in
        somebody this reading cannot name (a pronoun with no last speaker, a body, a name the
        recogniser did not read)."""
        self._named_in(number, candidates)
        offset = self.paragraphs[number].start
        for sentence in self.docs[number].sents:
            people, _seen = people_in(sentence, offset, self.mentions, self.inside_quote)
            for name, root in people:
                if " " not in name:
                    continue  # a lone word never named in full is a club or a place
                known = candidates.get(name)
                if known is None or known[1] is None:
                    candidates[name] = (known[0] if known else self._person(name), root)
            if self._unread_name(sentence, offset, candidates):
                return False
            if not self._subjects_in(sentence, number, candidates, last):
                return False
        return True

    def _named_in(self, number: int, candidates: Candidates) -> None:
        """Every person the paragraph names in full, whatever the parse made of the words."""
        people = self.mentions.people
        positions = self.mentions.positions(people)
        low = bisect.bisect_left(positions, self.paragraphs[number].start)
        for mention in people[low : bisect.bisect_left(positions, self.paragraphs[number].end)]:
            name = self.mentions.full_name(mention.name, mention.position)
            if " " in name:
                candidates.setdefault(name, (self._person(name), None))

    def _subjects_in(self, sentence: Span, number: int, candidates: Candidates, last: bool) -> bool:
        """Add who is the subject of the sentence's main clause or of a cue in it; False for a
        "he" or "she" with no last speaker, or a body (whose words run on only from a statement
        it issued, `Continuations`)."""
        offset = self.paragraphs[number].start
        for token in sentence:
            if self._quoted(token, offset) or not self._speaks_here(token):
                continue
            if token.tag_ == "PRP":
                if token.lower_ in _PERSONAL and not last:
                    return False  # "he" of whom this reading knows nothing
                continue  # the last speaker's "he"; "they would have gone top": a team's
            named = analyse(token, self.mentions, number, offset)
            if named is None or not named.name:
                continue  # "only a point separates the sides": nobody
            if named.kind == ORGANISATION:
                return False
            if named.kind in {PERSON, VAGUE}:
                name = self.mentions.full_name(named.name, token.idx + offset)
                candidates.setdefault(name, (named, token))
        return True

    def _unread_name(self, sentence: Span, offset: int, candidates: Candidates) -> bool:
        """Whether the sentence holds a name the recogniser read as nobody's (two proper nouns
        or more, no entity): "drawn up by Ana Ruiz" may bring in a speaker all the same."""
        run: list[Token] = []
        for token in [*sentence, None]:
            if token is not None and token.tag_ == "NNP" and not self._quoted(token, offset):
                run.append(token)
                continue
            if len(run) >= 2 and all(t.ent_type_ in {"", "PERSON"} for t in run):
                text = " ".join(t.text for t in run)
                body = run[-1].lower_ in ORGANISATION_NAME_WORDS
                known = any(text in name or name in text for name in candidates)
                if not (body or known or self.mentions.organisation_led_by(text)):
                    return True
            run = []
        return False

    def _person(self, name: str) -> Named:
        """A person named in reach, with the role the article gave them."""
        return Named(name, PERSON, self.mentions.roles.get(name))

    def _speaks_here(self, token: Token) -> bool:
        """A subject that may be the next words' speaker: of the sentence's main clause, or of
        any verb of saying in it."""
        if token.dep_ not in _SUBJECTS:
            return False
        head = token.head
        while head.dep_ == "conj" and head.head != head:
            head = head.head
        return head == token.sent.root or is_cue(token.head)


def _named(attribution: Attribution) -> Named:
    """The last speaker as a candidate among the others in reach."""
    return Named(attribution.name or "", attribution.kind, attribution.role)
