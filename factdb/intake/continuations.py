"""A quotation with no cue of its own: a heading or a sentence above it, the speaker before it,
or an answer in a transcript."""

from __future__ import annotations

from spacy.tokens import Span, Token

from factdb.intake import qa
from factdb.intake.attribution import Attribution, inherit
from factdb.intake.capitals import in_capitals
from factdb.intake.cues import is_cue
from factdb.intake.gaps import Gaps
from factdb.intake.headlines import has_verb, names_only_whose
from factdb.intake.interludes import unread_cue
from factdb.intake.introducers import (
    introducing_verb,
    may_continue,
    may_introduce,
    named_inside,
    opens_a_sentence,
    reports_words_too,
    speaking_clause,
)
from factdb.intake.introductions import WORDS_OF, announces_what_follows
from factdb.intake.issuers import issues_a_statement
from factdb.intake.lists import item_label
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Named
from factdb.intake.quotes import QuotePiece, only_quoted_before
from factdb.intake.roles import RELATIVES
from factdb.intake.spans import entities_within
from factdb.intake.speakers import analyse
from factdb.intake.subject_before import subject_speaks


class Continuations(Gaps):
    """Attributes a quotation by the paragraphs around it."""

    def _continuation(self, index: int, found: list[Attribution | None]) -> Attribution | None:
        """A quotation with no cue of its own continues the speaker just before it, or a heading's."""
        piece = self.pieces[index]
        previous = next(
            (
                (self.pieces[i], speaking)
                for i in range(index - 1, -1, -1)
                if found[i] is not None and (speaking := found[i].speaking()) is not None  # type: ignore[union-attr]
            ),
            None,
        )
        if (heading := self._heading(piece.paragraph - 1, piece)) is not None:
            return heading
        if introduced := self._introducing_sentence(piece) or self._colon_introduction(piece):
            return introduced
        marked = qa.label(
            self.text[self.paragraphs[piece.paragraph].start : piece.start]
        ) or self._topic_line(piece)
        if marked == qa.QUESTION:
            return None  # the reporter's question
        if marked is not None:
            return self._answer(piece, previous)
        if previous is None:
            return None
        earlier, attribution = previous
        assert attribution is not None
        gap, until = self._gap(earlier, piece)
        after = max(earlier.end, attribution.sentence_span[1] if attribution.sentence_span else 0)
        if gap > 1 or self._named_between(after, until, attribution.name):
            return None
        lead = self.text[self.paragraphs[piece.paragraph].start : piece.start].strip(" “\"'‘„«")
        if gap == 1 and opens_a_sentence(lead) and not item_label(lead):
            return None  # a quotation inside a new paragraph's sentence is not a continuation
        return self._continued(piece, attribution, gap)

    def _topic_line(self, piece: QuotePiece) -> str | None:
        """A transcript's topic on a line of its own above a paragraph that is only the answer:
        "On the second-half comeback:" then "“We kept the ball better …”"."""
        number = piece.paragraph - 1
        lead = self.text[self.paragraphs[piece.paragraph].start : piece.start]
        if number < 0 or lead.strip(" “\"'‘„«") or number in self._pieces_in:
            return None
        return qa.label(self.text[self.paragraphs[number].start : self.paragraphs[number].end])

    def _topic_line_at(self, number: int) -> bool:
        """Whether a paragraph is only a transcript's topic: "On the injury:", "ON HER FUTURE"."""
        paragraph = self.paragraphs[number]
        return qa.label(self.text[paragraph.start : paragraph.end]) == qa.TOPIC

    def _continued(self, piece: QuotePiece, attribution: Attribution, gap: int) -> Attribution:
        """The speaker before, surer in the same paragraph; unsure where words after the
        quotation may name someone else ("« … », a lancé un conseiller")."""
        where = "the same paragraph" if gap == 0 else "the paragraph before"
        how = f"continues the quotation by {attribution.name} in {where}"
        if unread_cue(self.text, piece, self.paragraphs[piece.paragraph]):
            return inherit(attribution, 0.5, f"{how}; the words after it were not read as a cue")
        return inherit(attribution, 0.75 if gap == 0 else 0.65, how)

    def _heading(self, number: int, piece: QuotePiece | None = None) -> Attribution | None:
        """A short line naming a person above quotations: "Ana Ruiz, gold medalist"; never
        the speaker of a `piece` inside a paragraph of narrative."""
        if number < 0 or number not in self.docs:
            return None
        if piece and not only_quoted_before(self.text, self.pieces, piece, self.paragraphs):
            return None
        paragraph = self.paragraphs[number]
        line = self.text[paragraph.start : paragraph.end]
        if in_capitals(line):  # read by rule: the recogniser reads capitals badly
            return self._named_in_capitals(line, paragraph.start, number)
        if len(self.docs[number]) <= 12:
            self._parse(number)  # a short line read only for names: its words' tags too
        doc = self.docs[number]
        text = doc.text.strip()
        if (
            len(doc) > 12
            or qa.label(text) is not None  # "On describing the win:" is a topic, not a name
            or text.endswith((".", "?", "!"))
            or (number in self.parsed and has_verb(doc))
            or (number in self.parsed and names_only_whose(doc))
        ):
            return None
        if not any(e.label_ == "PERSON" for e in doc.ents) and not any(
            t.tag_ == "NNP" for t in doc
        ):
            return None
        found = self._introduced_by(
            list(doc), self.paragraphs[number].start, number, "named in the heading above"
        )
        if found is not None:
            found.confidence = 0.75
        return found

    def _introducing_sentence(self, piece: QuotePiece) -> Attribution | None:
        """ "Mr Johnson questioned whether …" just before a paragraph that is a quotation, or
        "It can, Novak answered." just before a quotation that opens a sentence."""
        if piece.start > self.paragraphs[piece.paragraph].start + 2:
            number = piece.paragraph
            if number not in self.parsed:
                return None
            doc, offset = self.docs[number], self.paragraphs[number].start
            sentences = [
                s
                for s in doc.sents
                if s.end_char + offset <= piece.start
                and not self.text[s.end_char + offset : piece.start].strip(" “\"'‘„«")
            ]
        else:
            number = piece.paragraph - 1
            if number not in self.parsed:
                return None
            doc, offset = self.docs[number], self.paragraphs[number].start
            sentences = list(doc.sents)
        if not sentences or any(self._quoted(t, offset) for t in sentences[-1]):
            return None
        root = introducing_verb(sentences[-1])
        if qa.label(sentences[-1].text) is not None:
            return None  # a transcript's topic ("On describing the win:")
        if not (is_cue(root) or issues_a_statement(root)):
            words = self.text[piece.start : piece.end] if number == piece.paragraph else None
            return self._relative_before(root, offset, number, words)
        found = self._speaker_of(root, offset, number)
        if found is None or not may_continue(found, sentences[-1]):
            return None
        result = self._result(
            found[0], root, found[1], offset, f"introduced by “{root.text}” in the sentence before"
        )
        result.confidence = min(result.confidence, 0.6 if found[0].kind == PERSON else 0.5)
        if reports_words_too(root):
            # "His mother said she had warned him.": the verb reports words of its own too
            result.cue_span = None
        return result

    def _relative_before(
        self, root: Token, offset: int, number: int, words: str | None
    ) -> Attribution | None:
        """ "A cousin of the victim was at the hospital. “…”": an unnamed relative who is the
        subject of the sentence just before a quotation in the same paragraph (its `words`)
        says it, and so does a person named there whom the quotation speaks as ("Mili Lewis
        has lived here for 14 years. “Since we have …”")."""
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if words is None or not subjects:
            return None
        named = analyse(subjects[0], self.mentions, number, offset)
        how = subject_speaks(subjects[0], named, words)
        if named is None or how is None:
            return None
        result = self._result(named, root, subjects[0], offset, how)
        result.confidence, result.cue_span = 0.5, None
        return result

    def _colon_introduction(self, piece: QuotePiece) -> Attribution | None:
        """A sentence ending in a colon above a paragraph that is only the quotation: "In a
        statement, Nordwind Airlines said:", "Governor Paul Landry issued the following
        statement:", "Here is a transcript of her remarks:". A person or an organisation."""
        number = piece.paragraph - 1
        sentence = self._colon_sentence(piece, number)
        if sentence is None:
            return None
        offset = self.paragraphs[number].start
        cue = self._colon_cue(sentence, offset)
        found = self._colon_speaker(sentence, cue, offset, number)
        if found is None or not may_introduce(found):
            return None  # somebody unnamed may introduce words ("her mother"), "he" may not
        result = self._result(
            found[0],
            cue or sentence.root,
            found[1],
            offset,
            "introduced by a colon in the paragraph before",
        )
        result.confidence = min(result.confidence, 0.6)
        return result

    def _colon_sentence(self, piece: QuotePiece, number: int) -> Span | None:
        """The last sentence of the paragraph above, when it ends in a colon over a paragraph
        that opens with the quotation; not a quotation of its own nor a transcript's topic."""
        if piece.start > self.paragraphs[piece.paragraph].start + 2 or not self._parse(number):
            return None
        offset = self.paragraphs[number].start
        sentence = list(self.docs[number].sents)[-1]
        if (
            not (sentence.text.rstrip().endswith(":") or announces_what_follows(sentence))
            # a quotation of its own, not a word set off ("had a 'goal' disallowed and says:")
            or sum(1 for t in sentence if self._quoted(t, offset) and t.is_alpha) > 3
            or qa.label(sentence.text) is not None
        ):
            return None
        return sentence

    def _colon_cue(self, sentence: Span, offset: int) -> Token | None:
        """The verb that introduces the words below the colon, if the sentence has one."""
        # the cue is the sentence's verb, or the one just before the colon ("… and Jermain says:")
        cue = next(
            (t for t in (sentence.root, sentence[max(0, len(sentence) - 2)]) if is_cue(t)), None
        )
        # "her mother addressed the court, telling the boys:": the last cue before the colon
        return cue or next(
            (t for t in reversed(sentence) if is_cue(t) and not self._quoted(t, offset)), None
        )

    def _colon_speaker(
        self, sentence: Span, cue: Token | None, offset: int, number: int
    ) -> tuple[Named, Token] | None:
        """Who speaks: the cue's speaker, else the owner of the first statement or remarks
        that has one ("Here is a transcript of her remarks:")."""
        found = self._speaker_of(cue, offset, number) if cue is not None else None
        for token in sentence:
            if found is None and token.lower_ in WORDS_OF:
                found = self._owner_of(token, offset, number)
        return found

    def _owner_of(self, words: Token, offset: int, number: int) -> tuple[Named, Token] | None:
        """Whose statement or remarks: "her remarks", "the statement from the board", or the
        subject of "issued the following statement"."""
        owners = [c for c in words.children if c.dep_ == "poss"]
        owners += [g for c in words.children if c.lower_ in {"from", "by"} for g in c.children]
        if words.dep_ == "dobj":
            owners += [c for c in words.head.children if c.dep_ == "nsubj"]
        for owner in owners:
            named = analyse(owner, self.mentions, number, offset)
            if named is not None and named.kind in {PERSON, ORGANISATION}:
                return named, owner
        return None

    def _subheading(self, number: int) -> bool:
        """A short line with no quotation and no full stop that says what follows is about,
        with a verb ("Brekke working hard on finishing"): not a heading that names a speaker."""
        words = self.text[self.paragraphs[number].start : self.paragraphs[number].end].split()
        if number in self._pieces_in or not 2 <= len(words) <= 10:
            return False
        if words[-1].endswith((".", "!", "?", ":", ",")) or not self._parse(number):
            return False
        return any(t.tag_ in {"VBG", "VBZ", "VBD", "VBN"} for t in self.docs[number])

    def _answer(
        self, piece: QuotePiece, previous: tuple[QuotePiece, Attribution | None] | None
    ) -> Attribution | None:
        """An answer in a transcript: the speaker of the answer before, or of the transcript's
        heading or introducing sentence a few paragraphs above."""
        start = self.paragraphs[piece.paragraph].start
        topic = piece.paragraph - 1
        while topic >= 0 and topic not in self._pieces_in and self._topic_line_at(topic):
            # "ON HER FUTURE", "On Matt Novak:": whom the topic names is what the answer is
            # about, nobody else speaking
            start, topic = self.paragraphs[topic].start, topic - 1
        if previous is not None:
            earlier, attribution = previous
            assert attribution is not None
            after = max(earlier.end, (attribution.sentence_span or (0, 0))[1])
            if piece.paragraph - earlier.paragraph <= 4 and not self._named_between(
                after, start, attribution.name
            ):
                return inherit(
                    attribution, 0.6, f"an answer in the transcript of {attribution.name}"
                )
        # the first answer, or the first of the next person in a transcript of several
        for number in range(piece.paragraph - 1, max(-1, piece.paragraph - 4), -1):
            if previous is not None and number <= previous[0].paragraph:
                break
            found = self._heading(number) or self._transcript_intro(number)
            if found is not None:
                found.confidence = min(found.confidence, 0.6)
                return found
        return None

    def _transcript_intro(self, number: int) -> Attribution | None:
        """ "Here's what Falcons coach Dan Quinn said after the win over the Bucs:" or "Mara
        Lind spoke to reporters after her win." above a transcript."""
        if number not in self.parsed:
            return self._about_speaker(number)
        doc, offset = self.docs[number], self.paragraphs[number].start
        sentence = list(doc.sents)[-1]
        if not sentence.text.rstrip().endswith(":"):
            return self._about_speaker(number)
        if qa.label(sentence.text) is not None:
            return None  # the topic of the answer below, "On describing the win:"
        for token in sentence:
            if is_cue(token) and not self._quoted(token, offset):
                found = self._speaker_of(token, offset, number)
                if found is not None and found[0].kind == PERSON:
                    return self._result(
                        found[0], token, found[1], offset, "a transcript introduced above"
                    )
        return None

    def _subject_before(self, piece: QuotePiece) -> Attribution | None:
        """A paragraph that is only a quotation, after a sentence whose subject is a person
        named in full and nobody else: "Grete Olsen spoke to the crowd on Sunday." """
        paragraph = self.paragraphs[piece.paragraph]
        lead = self.text[paragraph.start : piece.start].strip(" “\"'‘„«")
        rest = self.text[piece.end : paragraph.end].strip(" ”\"'’»,.!?")
        if lead or rest or piece.paragraph - 1 in self._pieces_in:
            return None  # words around it, or a paragraph of quotations before it
        found = self._about_speaker(piece.paragraph - 1, relatives=True)
        if found is not None and named_inside(found.name, self.text[piece.start : piece.end]):
            return None  # "“… the best performance Tomas Brenner has had …”": not Brenner
        if found is not None:
            found.confidence = 0.5
            # the verb of the sentence before is not this quotation's cue, and may report
            # words of its own ("teammate Paulo Mendes said those are shots …")
            found.cue_span = None
        return found

    def _people_in(self, sentence: Span, offset: int) -> int:
        """How many people the sentence names. A news article names a person in full at least
        once, so a lone word the recogniser took for a person and never named in full
        ("Genoa", "Lecce") is a club or a place it mistook."""
        return sum(
            1
            for e in entities_within(sentence)
            if e.label_ == "PERSON"
            and (" " in e.text or " " in self.mentions.full_name(e.text, offset + e.start_char))
        )

    def _about_speaker(self, number: int, relatives: bool = False) -> Attribution | None:
        """The last sentence of a paragraph, when its subject is the one person named in it;
        with `relatives`, also one left unnamed: "Outside the court, his father spoke …"."""
        sentence = self._sentence_about_someone(number)
        if sentence is None:
            return None
        offset = self.paragraphs[number].start
        root = speaking_clause(sentence.root)
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if not subjects or not root.tag_.startswith("VB"):
            return None
        named = analyse(subjects[0], self.mentions, number, offset)
        unnamed = (
            relatives
            and named is not None
            and named.kind == VAGUE
            and subjects[0].tag_ == "NN"
            and subjects[0].lower_ in RELATIVES
        )
        if named is None or (not unnamed and (named.kind != PERSON or " " not in named.name)):
            return None
        return self._result(
            named, root, subjects[0], offset, "a quotation after a sentence about its speaker"
        )

    def _sentence_about_someone(self, number: int) -> Span | None:
        """The paragraph's last sentence, when it tells of one person doing something: not a
        heading, not "Juan Mata was excellent", not words of its own, not two people."""
        if number < 0 or not self._parse(number):
            return None
        offset = self.paragraphs[number].start
        sentence = list(self.docs[number].sents)[-1]
        if not sentence.text.rstrip().endswith((".", "!")) or sentence.root.lemma_ == "be":
            return None  # a heading, or "Juan Mata was excellent": nobody speaking
        if any(self._quoted(t, offset) for t in sentence if not t.is_punct):
            return None
        if self._people_in(sentence, offset) > 1:
            return None
        return sentence
