"""Attribute each quotation to its speaker, and find reported speech, in one article.

The cue is a reporting verb outside the quotation; the speaker is its subject, expanded to the
name or noun phrase (`speakers.analyse`). Where no cue stands beside a quotation, in order:
the other paragraphs of the same quotation, a colon or a heading that introduces it, and the
quotation just before it (a paragraph that continues the previous speaker). Every result
carries the evidence: the cue, the sentence it stands in, and how the speaker was found.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factdb.intake.article import after_dateline
from factdb.intake.attribution import Attribution, Reported, inherit
from factdb.intake.chants import HOW as CHANTED
from factdb.intake.chants import chanted, crowd, listed_after, sings_by_name
from factdb.intake.clause_owners import ClauseOwners
from factdb.intake.cues import CUE_VERBS, is_cue
from factdb.intake.exchanges import answers_in_exchange
from factdb.intake.mentions import NONE, ORGANISATION, PERSON, VAGUE
from factdb.intake.phrases import is_proper
from factdb.intake.progress import REPORTED, SPEAKERS, Phase
from factdb.intake.pronoun_people import unsure_of_guessed
from factdb.intake.quotes import QuotePiece
from factdb.intake.unsaid import nobodys


class Reading(ClauseOwners):
    """One article read for its quotations and reported speech."""

    def attribute(self) -> list[Attribution]:
        """One attribution for each piece of quotation, in the order of the text."""
        phase = Phase(self.progress, SPEAKERS, len(self.pieces))
        found: list[Attribution | None] = [
            self._direct_or_restated(p) for p in phase.each(self.pieces)
        ]
        by_group: dict[int, Attribution] = {}
        for piece, attribution in zip(self.pieces, found, strict=True):
            if attribution is not None and attribution.kind != NONE:
                by_group.setdefault(piece.group, attribution)
        for index, piece in enumerate(self.pieces):
            if found[index] is None and piece.group in by_group:
                source = by_group[piece.group]
                found[index] = inherit(
                    source, 0.8, "part of the same quotation, which runs over several paragraphs"
                )
        for index in range(len(self.pieces)):
            if found[index] is None:
                piece = self.pieces[index]
                found[index] = (
                    self._chant(index, found)
                    or self._shared_cue(index, found)
                    or self._credited_below(piece)
                    or self._words_named_after(piece)
                    or self._spoke_about_before(piece)
                    or self._continuation(index, found)
                    or self._subject_before(piece)
                    or self._one_in_reach(index, found)
                    or self._clause_owner(piece)
                )
        return [
            unsure_of_guessed(a, self.mentions)
            if a is not None
            else Attribution.nobody(self._sentence_of(p))
            for a, p in zip(found, self.pieces, strict=True)
        ]

    def _chant(self, index: int, found: list[Attribution | None]) -> Attribution | None:
        """The next chant in a list of a crowd's chants: "chants included “…” and “…”"."""
        before = found[index - 1] if index else None
        if before is None or before.how != CHANTED:
            return None
        if not listed_after(self.text, self.pieces[index - 1].end, self.pieces[index].start):
            return None
        return crowd("", self._sentence_of(self.pieces[index]))

    def _chanted(self, piece: QuotePiece, found: Attribution | None) -> Attribution | None:
        """A crowd's chant or song (`chants`), unless its cue names the person who sang it;
        a crowd the cue's reading took for the last person named is still the crowd."""
        if found is not None and found.kind == VAGUE:
            return None
        chant = chanted(self.text, piece.start, piece.end, self._sentence_of(piece))
        return None if sings_by_name(found, self.text, piece.start) else chant

    def _direct_or_restated(self, piece: QuotePiece) -> Attribution | None:
        """The quotation's own cue, unless it credits a body with the report ("“…,” according to
        NAN.") and the next sentence names who said it ("He stated this while …"): the body is
        the medium that carried the words, the person restating them their speaker."""
        found = self._direct(piece)
        chant = self._chanted(piece, found)
        if chant is not None:
            return chant
        cue = found.cue_span if found is not None else None
        if cue is not None and answers_in_exchange(self.text, self.pieces, piece, cue[0]):
            why = f"the other party's turn in an exchange closed by “{found.cue}”"
            return nobodys(self._sentence_of(piece), why)
        if found is None or found.cue != "according to" or found.kind != ORGANISATION:
            return found
        doc, offset = self._doc(piece)
        inside = self._inside(piece, doc, offset) if doc is not None else []
        if not inside or not doc.has_annotation("SENT_START"):
            return found
        after = [t for t in doc[inside[-1].sent.end :][:3] if not t.is_punct]
        for verb in after:
            if is_cue(verb) and any(_restates(c) for c in verb.children):
                speaker = self._speaker_of(verb, offset, piece.paragraph)
                if speaker is not None and speaker[0].kind == PERSON:
                    how = f"“{verb.text} this” after the words {found.name} reported"
                    return self._result(speaker[0], verb, speaker[1], offset, how)
        return found

    def reported(
        self, used_cues: set[tuple[int, int]], scare: frozenset[tuple[int, int]] = frozenset()
    ) -> list[Reported]:
        """ "X said that …" and "according to X, …" in sentences with no quotation marks but
        scare quotes (`scare`, the spans of their words): "accepted “as is” and …"."""
        found = []
        phase = Phase(self.progress, REPORTED, len(self.parsed))
        for number in phase.each(sorted(self.parsed)):
            doc, offset = self.docs[number], self.paragraphs[number].start
            for sentence in doc.sents:
                if any(
                    self._quoted(t, offset)
                    and not any(a - 1 <= t.idx + offset <= b for a, b in scare)
                    for t in sentence
                ):
                    continue
                for token in sentence:
                    if (
                        not is_cue(token)
                        or (token.idx + offset, token.idx + offset + len(token.text)) in used_cues
                    ):
                        continue
                    clause = _reported_clause(token, sentence)
                    if clause is None or _set_off_attribution(sentence, *clause):
                        continue
                    speaker = self._speaker_of(token, offset, number)
                    if speaker is None or speaker[0].kind == NONE:
                        continue
                    start, end = clause
                    attribution = self._result(
                        speaker[0],
                        token,
                        speaker[1],
                        offset,
                        f"reported speech after “{token.text}”",
                    )
                    attribution.confidence = round(attribution.confidence * 0.8, 2)
                    # "VESSA - The board told …, an official said": the dateline is no one's words
                    start = after_dateline(self.text, start + offset)
                    found.append(Reported(start, end + offset, attribution))
                    break
        return found


def _set_off_attribution(sentence: Span, start: int, end: int) -> bool:
    """Whether the words a cue would report hold an attribution set off by a comma ("…, an
    official said on Sunday, …"): they are another speaker's cue, never the reported words."""
    for token in sentence:
        if not (start <= token.idx < end) or not is_cue(token):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            before = subject.left_edge.i - 1
            if subject.i < token.i and before >= 0 and token.doc[before].text == ",":
                return True
    return False


def _restates(token: Token) -> bool:
    """ "this" as the object of "stated": the quotation just before, said again."""
    return token.dep_ == "dobj" and token.lower_ in {"this", "these"}


def _reported_clause(cue: Token, sentence: Span) -> tuple[int, int] | None:
    """Offsets (in the paragraph) of the words a cue reports: "said that …", "according to X, …"."""
    if cue.lower_ == "according":
        return _after_according_to(cue, sentence)
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if (
        not clauses
        or cue.lower_ not in CUE_VERBS
        or cue.lower_ in {"thank", "thanked", "apologised", "apologized"}
    ):
        return None
    words = sorted(clauses[0].subtree, key=lambda t: t.i)
    later = [c for c in clauses[1:] if c.i > cue.i and clauses[0].i > cue.i]
    if later:
        # "said he had to act so there be would be no delay and …": a slip the parser reads
        # as a second clause of the cue; the words reported run on to the last of them
        last = max(t.i for c in later for t in c.subtree)
        words = list(sentence.doc[words[0].i : last + 1])
    while words and (words[0].dep_ == "mark" or words[0].is_punct):
        words = words[1:]
    return _extent(words)


def _after_according_to(cue: Token, sentence: Span) -> tuple[int, int] | None:
    """ "According to X, …" opening its sentence: the rest of the sentence; "…, according to
    X[, a spokeswoman]." closing it: the words before the comma."""
    last = max(w.i for w in cue.subtree)
    rest = [t for t in sentence if t.i > last]
    while rest and rest[0].is_punct:
        rest = rest[1:]
    if cue.i <= sentence.start + 1:
        return _extent(rest)
    before = [t for t in sentence if t.i < cue.i]
    named = [o for to in cue.children for o in to.children if o.dep_ == "pobj" and is_proper(o)]
    if rest or before[-1].text != "," or not named:
        return None  # "…, according to a statement": narrative sourced, nobody's words
    return _extent(before[:-1])


def _extent(words: list[Token]) -> tuple[int, int] | None:
    """Offsets of the words without trailing punctuation; None for fewer than four words."""
    while words and words[-1].is_punct:
        words = words[:-1]
    if len(words) < 4:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)
