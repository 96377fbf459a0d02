"""One article, parsed where its quotations and cues are, with the names it mentions.

Every reader of quotations builds on this: the paragraphs, the quotation marks paired, a parse of
the paragraphs that need one, and every name met outside quotations (`mentions`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factdb.intake.attribution import Attribution
from factdb.intake.capitals import in_capitals, read_heading
from factdb.intake.cues import CUE_VERBS
from factdb.intake.described import OPENING
from factdb.intake.entities import entity_mentions, misread_full_names
from factdb.intake.honorifics import with_names_after_honorifics
from factdb.intake.joint import pairs_named
from factdb.intake.long_words import blanked, plain_long_words, refuse_crowded_paragraphs
from factdb.intake.mentions import PERSON, Mention, Mentions, Named
from factdb.intake.nicknames import nickname_in_name
from factdb.intake.progress import NAMES, READING, Phase, Progress
from factdb.intake.pronoun_people import people_called_he_or_she
from factdb.intake.pronouns import remember_pronouns
from factdb.intake.quotes import Paragraph, QuotePiece, find_quotes, paragraphs
from factdb.intake.releases import defined_term
from factdb.intake.roles import PERSON_NOUNS
from factdb.intake.subjects import described_subjects, remember_statement_issuers
from factdb.intake.teams import add_bodies
from factdb.intake.transcripts import unquoted_answers

_CUE_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(CUE_VERBS, key=len, reverse=True)) + r"|according to|statement"
    r"|(?:put|phrased|termed) it|[’']s (?:words|phrase|telling|view)|words of)\b",
    re.IGNORECASE,
)
SENTENCE_END = {".", "!", "?"}
#: "one juror", "a local resident", "another witness": somebody new a pronoun may point to.
_NEWCOMER = re.compile(
    r"\b(?:a|an|one|another)\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True))
    + r")s?\b",
    re.IGNORECASE,
)
#: Paragraphs given to the pipeline at once: its matrix products then run over many
#: paragraphs together, which costs less per word than one paragraph at a time.
BATCH_SIZE = 256
#: "OSLO, March 29 (Reuters) - ", "BROOMFIELD, Colo. (AP) — ", "AUCKLAND, AAP - ", "By JESSE BEDAYN".
_DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?){0,2}"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([^()\n]{1,60}\)\s*(?:-{1,2}|–|—)?|(?:-{1,2}|–|—))\s"
)
_CREDITS = re.compile(
    r"\(?(?:(?:Additional )?[Rr]eporting|[Ww]riting|[Ee]diting) by [^;()\n]+[;)]?|^\s*By [A-Z][\w.'’ -]+(?:\s+(?:and|&)\s+[A-Z][\w.'’ -]+)*(?:\s*[–—-]\s*[\w ]+)?\s*$"
)


def after_dateline(text: str, start: int) -> int:
    """Where a sentence starting at `start` begins once the dateline that opens its paragraph
    ("CHICAGO, July 2, 2020 -- ", "LONDON (Reuters) - ") is left out: a claim never holds it."""
    if start > 0 and text[start - 1] != "\n":
        return start
    line_end = text.find("\n", start)
    match = _DATELINE.match(text[start : line_end if line_end >= 0 else len(text)])
    if match is None:
        return start
    end = start + match.end()
    return end + len(text[end:]) - len(text[end:].lstrip(" \t"))


def _masked(paragraph: str) -> str:
    """Blank out (same length, so offsets hold) what names an agency or a writer, not a speaker."""
    for pattern in (_DATELINE, _CREDITS):
        paragraph = pattern.sub(lambda m: " " * len(m.group()), paragraph)
    return paragraph


def _needs_parse(words: str, number: int, with_quotes: set[int]) -> bool:
    """Whether a paragraph needs the parser: it holds a quotation or a cue, or introduces one
    (brings somebody new in, "And one juror wrote": a "he said" may mean them; or a colon)."""
    return bool(
        number in with_quotes
        or _CUE_WORDS.search(words)
        or (number + 1 in with_quotes and (_NEWCOMER.search(words) or words.rstrip().endswith(":")))
    )


class ParsedArticle:
    """One article, parsed where quotations and cues are, with the names it mentions."""

    def __init__(self, text: str, nlp: Language, progress: Progress | None = None) -> None:
        self.text = text
        self._nlp = nlp
        #: Told how far each phase is (`progress`): parsing, names, then what reads them.
        self.progress = progress
        self.paragraphs: list[Paragraph] = paragraphs(text)
        # A term defined in brackets ("Tarn") is nobody's words: no proposal at all.
        self.pieces: list[QuotePiece] = [
            piece
            for piece in find_quotes(text, self.paragraphs)
            if not defined_term(text, piece.start, piece.end)
        ]
        refuse_crowded_paragraphs(self.pieces)
        # a transcript's answers below their topic, quoted or not, are quotations
        self.pieces += unquoted_answers(text, self.paragraphs, self.pieces)
        self.pieces.sort(key=lambda piece: piece.start)
        self._piece_starts = [piece.start for piece in self.pieces]
        self._paragraph_starts = [paragraph.start for paragraph in self.paragraphs]
        self.docs: dict[int, Doc] = {}
        self.parsed: set[int] = set()
        self._token_starts: dict[int, list[int]] = {}
        self._pieces_in: dict[int, list[QuotePiece]] = {}
        for piece in self.pieces:
            self._pieces_in.setdefault(piece.paragraph, []).append(piece)
        with_quotes = set(self._pieces_in)
        to_parse = [
            number
            for number, paragraph in enumerate(self.paragraphs)
            if _needs_parse(text[paragraph.start : paragraph.end], number, with_quotes)
        ]
        self._read(to_parse)
        self.mentions = self._gather_mentions()

    def _read(self, to_parse: list[int]) -> None:
        """Parse the paragraphs that need it, and find the names in every paragraph."""
        # The parser reads the paragraphs with quotations or cues; the entity recogniser reads
        # every paragraph, but with the quoted words blanked out (names inside quotations are
        # never speakers, and skipping them saves a third of its work). Offsets stay the same.
        nlp = self._nlp
        parsing = [name for name in ("tok2vec", "tagger", "parser") if name in nlp.pipe_names]
        step = Phase(self.progress, READING, len(self.paragraphs) + len(to_parse)).step
        with nlp.select_pipes(enable=parsing):
            for number, doc in zip(
                to_parse, nlp.pipe(self._texts(to_parse), batch_size=BATCH_SIZE), strict=True
            ):
                self.docs[number] = doc
                self.parsed.add(number)
                step()
        numbers = list(range(len(self.paragraphs)))
        with nlp.select_pipes(enable=["ner"]):
            for number, named in zip(
                numbers,
                nlp.pipe(self._texts(numbers, blank_quotes=True), batch_size=BATCH_SIZE),
                strict=True,
            ):
                self._keep_entities(number, named)
                step()

    def _keep_entities(self, number: int, named: Doc) -> None:
        """Keep a paragraph's names: as its doc, or on the parse it already has."""
        named.ents = with_names_after_honorifics(named)
        doc = self.docs.get(number)
        if doc is None:
            self.docs[number] = named
        else:
            spans = [doc.char_span(e.start_char, e.end_char, label=e.label_) for e in named.ents]
            doc.ents = [span for span in spans if span is not None]

    def _gather_mentions(self) -> Mentions:
        """Every name outside quotations: entities, then subjects the recogniser missed, then
        who issued each statement named (each step reads what the one before found)."""
        mentions = Mentions(article=(self.text, self._paragraph_starts))
        if self.paragraphs:
            first = self.paragraphs[0]
            mentions.headline = self.text[first.start : first.end]
            mentions.opening = self.text[:OPENING]
        phase = Phase(self.progress, NAMES, len(self.docs) + len(self.parsed))
        for number, doc in self.docs.items():
            phase.step()
            offset = self.paragraphs[number].start
            for mention in entity_mentions(doc, offset, number, self.inside_quote):
                if not self._title_taken_for_a_name(number, mention):
                    mentions.add(mention)
            add_bodies(doc, offset, number, mentions, self.inside_quote)
            mentions.pairs.extend(pairs_named(doc, offset, number, self.inside_quote))
            for position, name in misread_full_names(doc, offset, self.inside_quote):
                mentions.add_other_full_name(position, name)
            heading = self._heading_in_capitals(number)
            if heading is not None:
                mentions.add(heading)
        for piece in self.pieces:
            # Ivo "The Hammer" Kranjc: the name around a nickname, for a later "Kranjc said"
            named = nickname_in_name(self.text, piece.start, piece.end)
            if named is not None:
                mentions.add(Mention(named[0], piece.paragraph, named[1], PERSON, subject=False))
        mentions.people_who_are_bodies()
        for number, doc in self.docs.items():
            offset = self.paragraphs[number].start
            if number in self.parsed:
                phase.step()
                for mention in described_subjects(doc, offset, number, mentions, self.inside_quote):
                    mentions.add(mention)
        mentions.sort()
        for number in sorted(self.parsed):
            offset = self.paragraphs[number].start
            remember_pronouns(self.docs[number], offset, mentions, self.inside_quote)
        people_called_he_or_she(
            self.docs, self.parsed, self.paragraphs, mentions, self.inside_quote
        )
        for number in sorted(self.parsed):
            offset = self.paragraphs[number].start
            remember_statement_issuers(
                self.docs[number], offset, number, mentions, self.inside_quote
            )
        mentions.sort()
        return mentions

    def _title_taken_for_a_name(self, number: int, mention: Mention) -> bool:
        """Whether a "person" is a heading the recogniser misread ("Ferry Crisis" on a line of
        its own, no full stop): the whole line, and its last word is never used again, as a
        real name's surname would be (a caption's "Lena Holt" before "Holt said")."""
        paragraph = self.paragraphs[number]
        line = self.text[paragraph.start : paragraph.end].strip()
        return (
            mention.kind == PERSON
            and line == mention.name
            and self.text.count(line.split()[-1]) == 1
        )

    def _heading_in_capitals(self, number: int) -> Mention | None:
        """The person a heading in capitals names with a role ("COACH JANE DOE:"), which the
        recogniser reads badly: a later "Doe said" is her."""
        paragraph = self.paragraphs[number]
        line = self.text[paragraph.start : min(paragraph.end, paragraph.start + 160)]
        colon = line.find(":")
        line = line[: colon + 1] if colon > 0 else line
        if not in_capitals(line) or (number == 0 and colon < 0):
            # the headline ("MAYOR DEFIES BOARD HARBOUR FEES") names nobody "the mayor" is
            return None
        heading = read_heading(line)
        if heading is None or not heading.has_role:
            return None
        name, start, _end = heading.names[0]
        if " " not in name:
            return None
        return Mention(paragraph.start + start, number, name, PERSON, heading.role)

    def _texts(self, numbers: list[int], blank_quotes: bool = False) -> list[str]:
        """Paragraphs as the parser sees them: datelines, bylines and credits blanked out."""
        texts = []
        for number in numbers:
            paragraph = self.paragraphs[number]
            text = _masked(self.text[paragraph.start : paragraph.end])
            if blank_quotes:
                text = blanked(text, paragraph.start, self._pieces_in.get(number, []))
            texts.append(plain_long_words(text))
        return texts

    def _paragraph_at(self, position: int) -> int:
        """The number of the paragraph holding a position in the text."""
        return max(0, bisect.bisect_right(self._paragraph_starts, position) - 1)

    def inside_quote(self, position: int) -> bool:
        """Whether a position in the text stands between quotation marks."""
        index = bisect.bisect_right(self._piece_starts, position) - 1
        return index >= 0 and position < self.pieces[index].end

    def _doc(self, piece: QuotePiece) -> tuple[Doc | None, int]:
        """A piece's paragraph parse and offset; None where it was read only for names."""
        number = piece.paragraph
        if number not in self.parsed:
            return None, 0
        return self.docs[number], self.paragraphs[number].start

    def _inside(self, piece: QuotePiece, doc: Doc, offset: int) -> list[Token]:
        """The tokens that start inside a quotation, found by halving the token offsets: reading
        every token for each quotation is quadratic in one long paragraph of many quotations."""
        starts = self._token_starts.get(piece.paragraph)
        if starts is None or len(starts) != len(doc):  # a paragraph parsed again since
            starts = self._token_starts[piece.paragraph] = [t.idx for t in doc]
        first = bisect.bisect_left(starts, piece.start - offset)
        return list(doc[first : bisect.bisect_left(starts, piece.end - offset)])

    def _outside_after(self, doc: Doc, index: int, offset: int) -> Iterator[Token]:
        """The tokens from `index` on that are not quoted, read only as far as they are wanted."""
        return (t for t in doc[index:] if not self._quoted(t, offset))

    def _last_outside(self, doc: Doc, offset: int) -> Token | None:
        """The paragraph's last token that is not quoted, read from its end."""
        return next((t for t in reversed(doc[:]) if not self._quoted(t, offset)), None)

    def _opens_paragraph(self, piece: QuotePiece) -> bool:
        """Whether only opening marks stand before a quotation in its paragraph."""
        start, lead = self.paragraphs[piece.paragraph].start, piece.start
        while lead > start and self.text[lead - 1] in " “\"'‘„«":  # read back only the marks
            lead -= 1
        return lead == start

    def _ends_with(self, end: int, strip: str | None, endings: tuple[str, ...]) -> bool:
        """Whether the text before `end`, stripped of `strip` on the right, ends with one of
        `endings`; reads back only as far as it must, never the whole text before."""
        while end > 0 and (self.text[end - 1] in strip if strip else self.text[end - 1].isspace()):
            end -= 1
        return self.text[max(0, end - 8) : end].endswith(endings)

    def _quoted(self, token: Token, offset: int) -> bool:
        """Whether a token is quoted words or a quotation mark: never a cue or a speaker."""
        return self.inside_quote(token.idx + offset) or token.tag_ in {"``", "''"}

    def _result(
        self, named: Named, cue: Token, subject: Token, offset: int, how: str
    ) -> Attribution:
        """The attribution for a speaker found by a cue, remembered for a later "he said"."""
        sentence = cue.sent if cue.doc.has_annotation("SENT_START") else cue.doc[:]
        if named.kind == PERSON and named.name:
            # "“…,” she said." read as Ines Okafor: a later "he" is somebody else
            self.mentions.call(named.name, subject.lower_)
            self.mentions.learn(
                Mention(
                    subject.idx + offset,
                    self._paragraph_at(cue.idx + offset),
                    named.name,
                    PERSON,
                    named.role,
                )
            )
        return Attribution(
            named.name,
            named.role,
            named.kind,
            cue.text if cue.lower_ != "according" else "according to",
            named.confidence,
            f"{how}; {named.how}" if named.how else how,
            sentence.text.strip(),
            (cue.idx + offset, cue.idx + offset + len(cue.text)),
            _name_extent(subject, offset),
            (sentence.start_char + offset, sentence.end_char + offset),
            joint=named.joint,
        )

    def _sentence_before(self, token: Token, number: int) -> tuple[Span, int, int] | None:
        """The sentence before the one holding `token` (in paragraph `number`), outside
        quotations, with the offset and the number of its paragraph."""
        current = token.sent.start
        for paragraph in (number, number - 1, number - 2):  # past a paragraph all quotation
            if paragraph < 0 or not self._parse(paragraph):
                return None
            doc, offset = self.docs[paragraph], self.paragraphs[paragraph].start
            for sentence in reversed(list(doc.sents)):
                if paragraph == number and sentence.start >= current:
                    continue
                words = [t for t in sentence if not t.is_punct]
                if any(not self.inside_quote(t.idx + offset) for t in words):
                    return sentence, offset, paragraph
        return None

    def _parse(self, number: int) -> bool:
        """Parse a paragraph only read for names so far, keeping its entities; False if empty."""
        if number in self.parsed:
            return True
        named = self.docs.get(number)
        if named is None or not named.text.strip():
            return False
        parsing = [n for n in ("tok2vec", "tagger", "parser") if n in self._nlp.pipe_names]
        with self._nlp.select_pipes(enable=parsing):
            doc = self._nlp(self._texts([number])[0])
        spans = [doc.char_span(e.start_char, e.end_char, label=e.label_) for e in named.ents]
        doc.ents = [span for span in spans if span is not None]
        self.docs[number] = doc
        self.parsed.add(number)
        return True

    def _named_between(self, start: int, end: int, speaker: str | None) -> bool:
        """Is anyone else named, outside quotations, between two quotations?"""
        for mentions in (self.mentions.people, self.mentions.organisations):
            positions = self.mentions.positions(mentions)
            low, high = bisect.bisect_left(positions, start), bisect.bisect_left(positions, end)
            others = [m for m in mentions[low:high] if speaker is None or m.name not in speaker]
            if others:
                return True
        return False

    def _sentence_of(self, piece: QuotePiece) -> str:
        """The paragraph of a piece with no speaker, shown as its evidence."""
        paragraph = self.paragraphs[piece.paragraph]
        return self.text[paragraph.start : paragraph.end].strip()


def _name_extent(subject: Token, offset: int) -> tuple[int, int]:
    """Offsets of the speaker's name: "Henrik Aalto", not just "Aalto"."""
    first = subject
    changed = True
    while changed:
        changed = False
        for child in first.lefts:
            if (
                child.dep_ == "compound"
                and child.tag_ in {"NNP", "NNPS"}
                and child.i == first.i - 1
            ):
                first, changed = child, True
    return first.idx + offset, subject.idx + offset + len(subject.text)
