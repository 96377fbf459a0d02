"""Attribute each quotation to its speaker, on top of a dependency parse and named entities.

The cue is a reporting verb outside the quotation; the speaker is its subject, expanded to the
name or noun phrase (`speakers.analyse`). Where no cue stands beside a quotation, in order:
the other paragraphs of the same quotation, a colon or a heading that introduces it, and the
quotation just before it (a paragraph that continues the previous speaker). Every result
carries the evidence: the cue, the sentence it stands in, and how the speaker was found.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factdb.intake import antecedents, qa
from factdb.intake.cues import CUE_VERBS, INTRO_VERBS, is_cue
from factdb.intake.entities import entity_mentions
from factdb.intake.groups import ORGANISATION_NOUNS, STATEMENT_NOUNS
from factdb.intake.mentions import NONE, ORGANISATION, PERSON, VAGUE, Mention, Mentions, Named
from factdb.intake.names import role_only
from factdb.intake.phrases import clean_name
from factdb.intake.quotes import Paragraph, QuotePiece, find_quotes, paragraphs
from factdb.intake.roles import PERSON_NOUNS, ROLE_HEADS, is_bare_role, is_person_noun
from factdb.intake.speakers import analyse

_CUE_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(CUE_VERBS, key=len, reverse=True)) + r"|according to|statement)\b",
    re.IGNORECASE,
)
_SENTENCE_END = {".", "!", "?"}
#: "one juror", "a local resident", "another witness": somebody new a pronoun may point to.
_NEWCOMER = re.compile(
    r"\b(?:a|an|one|another)\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True))
    + r")s?\b",
    re.IGNORECASE,
)
_ISSUING = frozenset(
    {"released", "issued", "published", "posted", "put", "sent", "releases", "issues"}
)
#: Paragraphs given to the pipeline at once: its matrix products then run over many
#: paragraphs together, which costs less per word than one paragraph at a time.
BATCH_SIZE = 256
#: Told how many paragraphs of how many are read, for a progress bar.
Progress = Callable[[int, int], None]
#: "OSLO, March 29 (Reuters) - ", "BROOMFIELD, Colo. (AP) — ", "AUCKLAND, AAP - ", "By JESSE BEDAYN".
_DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?){0,2}"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([^()\n]{1,60}\)\s*(?:-{1,2}|–|—)?|(?:-{1,2}|–|—))\s"
)
_CREDITS = re.compile(
    r"\(?(?:(?:Additional )?[Rr]eporting|[Ww]riting|[Ee]diting) by [^;()\n]+[;)]?|^\s*By [A-Z][\w.'’ -]+(?:\s+(?:and|&)\s+[A-Z][\w.'’ -]+)*(?:\s*[–—-]\s*[\w ]+)?\s*$"
)


def _masked(paragraph: str) -> str:
    """Blank out (same length, so offsets hold) what names an agency or a writer, not a speaker."""
    for pattern in (_DATELINE, _CREDITS):
        paragraph = pattern.sub(lambda m: " " * len(m.group()), paragraph)
    return paragraph


@dataclass
class Attribution:
    name: str | None
    role: str | None
    kind: str
    cue: str | None
    confidence: float
    how: str
    sentence: str
    #: Offsets of the cue word in the text, for highlighting.
    cue_span: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None
    #: Offsets of the sentence holding the cue.
    sentence_span: tuple[int, int] | None = None

    @classmethod
    def nobody(cls, sentence: str) -> Attribution:
        return cls(
            None, None, NONE, None, 0.0, "no cue, heading or earlier speaker found", sentence
        )


@dataclass
class Reported:
    """Reported speech without quotation marks: "X said that …"."""

    start: int
    end: int
    attribution: Attribution


class Reading:
    """One article, parsed where quotations and cues are, with the names it mentions."""

    def __init__(self, text: str, nlp: Language, progress: Progress | None = None) -> None:
        self.text = text
        self._nlp = nlp
        self.paragraphs: list[Paragraph] = paragraphs(text)
        self.pieces: list[QuotePiece] = find_quotes(text, self.paragraphs)
        self._piece_starts = [piece.start for piece in self.pieces]
        self._paragraph_starts = [paragraph.start for paragraph in self.paragraphs]
        self.docs: dict[int, Doc] = {}
        self.parsed: set[int] = set()
        self._pieces_in: dict[int, list[QuotePiece]] = {}
        for piece in self.pieces:
            self._pieces_in.setdefault(piece.paragraph, []).append(piece)
        with_quotes = set(self._pieces_in)
        to_parse, names_only = [], []
        for number, paragraph in enumerate(self.paragraphs):
            words = text[paragraph.start : paragraph.end]
            # The paragraph before a quotation is parsed when it brings somebody new in
            # ("And one juror sent a message to the media.": a "he said" may mean them) or
            # introduces it with a colon ("Arsenal coach Mikel Arteta:").
            if (
                number in with_quotes
                or _CUE_WORDS.search(words)
                or (
                    number + 1 in with_quotes
                    and (_NEWCOMER.search(words) or words.rstrip().endswith(":"))
                )
            ):
                to_parse.append(number)
            else:
                names_only.append(number)
        # The parser reads the paragraphs with quotations or cues; the entity recogniser reads
        # every paragraph, but with the quoted words blanked out (names inside quotations are
        # never speakers, and skipping them saves a third of its work). Offsets stay the same.
        parsing = [name for name in ("tok2vec", "tagger", "parser") if name in nlp.pipe_names]
        total, done = len(self.paragraphs) + len(to_parse), 0

        def step() -> None:
            nonlocal done
            done += 1
            if progress is not None and (done % 50 == 0 or done == total):
                progress(done, total)

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
                doc = self.docs.get(number)
                if doc is None:
                    self.docs[number] = named
                else:
                    spans = [
                        doc.char_span(e.start_char, e.end_char, label=e.label_) for e in named.ents
                    ]
                    doc.ents = [span for span in spans if span is not None]
                step()
        self.mentions = Mentions()
        for number, doc in self.docs.items():
            offset = self.paragraphs[number].start
            for mention in entity_mentions(doc, offset, number, self.inside_quote):
                self.mentions.add(mention)
        self.mentions.sort()
        for number, doc in self.docs.items():
            offset = self.paragraphs[number].start
            if number in self.parsed:
                for mention in self._described_subjects(doc, offset, number):
                    self.mentions.add(mention)
        self.mentions.sort()
        self._statement_issuers()
        self.mentions.sort()

    def _texts(self, numbers: list[int], blank_quotes: bool = False) -> list[str]:
        """Paragraphs as the parser sees them: datelines, bylines and credits blanked out."""
        texts = []
        for number in numbers:
            paragraph = self.paragraphs[number]
            text = _masked(self.text[paragraph.start : paragraph.end])
            if blank_quotes:
                for piece in self._pieces_in.get(number, []):
                    start, end = piece.start - paragraph.start, piece.end - paragraph.start
                    text = text[:start] + " " * (end - start) + text[end:]
            texts.append(text)
        return texts

    def _paragraph_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, position) - 1)

    def inside_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self._piece_starts, position) - 1
        return index >= 0 and position < self.pieces[index].end

    def _described_subjects(self, doc: Doc, offset: int, number: int) -> list[Mention]:
        """Subjects the entity recogniser did not name: "Moody said", "the Russian foreign
        ministry confirmed", and "the coach …" (an unnamed person a pronoun can point back to)."""
        found = []
        for token in doc:
            is_subject = token.dep_ in {"nsubj", "nsubjpass"}
            if not is_subject and (token.tag_ != "NNP" or token.head.tag_ == "NNP"):
                continue  # most words: settled without a look-up
            if self.inside_quote(token.idx + offset):
                continue
            if not is_subject:
                name, _titles = clean_name(_proper_run(token))
                if (
                    2 <= len(name.split()) <= 3
                    and token.ent_type_ in {"", "PERSON"}
                    and all(w[:1].isupper() and not w.isupper() for w in name.split())
                    and not any(w.lower() in ORGANISATION_NOUNS for w in name.split())
                    and not is_bare_role(name)
                ):
                    subject = (
                        token.head.dep_ in {"nsubj", "nsubjpass"}
                        and token.head.lower_ in PERSON_NOUNS
                    )
                    found.append(Mention(token.idx + offset, number, name, PERSON, None, subject))
                continue
            if token.tag_ in {"NNP", "NNPS"} and _person_by_role(token):
                # "Harbour master Ines Okafor warned": a role before a name makes it a person,
                # whatever the recogniser called it (it took this one for a place).
                name, _titles = clean_name(_proper_run(token))
                if 2 <= len(name.split()) <= 3 and not is_bare_role(name):
                    found.append(Mention(token.idx + offset, number, name, PERSON, None, True))
                    continue
            if token.tag_ in {"NNP", "NNPS"} and token.ent_type_ not in {
                "PERSON",
                "ORG",
                "GPE",
                "LOC",
                "NORP",
                "FAC",
            }:
                name, _titles = clean_name(_proper_run(token))
                if name and name.lower() not in ORGANISATION_NOUNS and not is_bare_role(name):
                    found.append(Mention(token.idx + offset, number, name, PERSON))
                continue
            if token.lower_ in ORGANISATION_NOUNS and any(
                c.ent_type_ in {"GPE", "NORP", "ORG"} or c.tag_ == "NNP" for c in token.lefts
            ):
                named = analyse(token, self.mentions, number, offset)
                if named is not None and named.kind == "organisation":
                    found.append(Mention(token.idx + offset, number, named.name, "organisation"))
                continue
            if (
                token.dep_ in {"nsubj", "nsubjpass"}
                and token.lower_ in PERSON_NOUNS
                and token.tag_ == "NN"
                and any(c.lower_ == "the" for c in token.children)
                and not self.inside_quote(token.idx + offset)
            ):
                found.append(Mention(token.idx + offset, number, f"the {token.lower_}", VAGUE))
                continue
            newcomer = next(
                (c.lower_ for c in token.children if c.lower_ in {"a", "an", "one", "another"}),
                None,
            )
            if newcomer and token.tag_ == "NN" and is_person_noun(token.lower_):
                # "And one juror sent a message": somebody new, whom a "he" that follows means.
                found.append(
                    Mention(token.idx + offset, number, f"{newcomer} {token.lower_}", VAGUE)
                )
        return found

    def _statement_issuers(self) -> None:
        """Remember who issued each statement named ("a statement from NASA's Jet Propulsion
        Laboratory", "Reuters has released a statement"), for a later "the statement said"."""
        for number in sorted(self.parsed):
            doc, offset = self.docs[number], self.paragraphs[number].start
            for token in doc:
                if token.lower_ not in STATEMENT_NOUNS or self.inside_quote(token.idx + offset):
                    continue
                issuers = [
                    pobj
                    for prep in token.children
                    if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                ] + [c for c in token.children if c.dep_ == "poss"]
                if token.dep_ in {"dobj", "nsubjpass"} and token.head.lower_ in _ISSUING:
                    issuers += [c for c in token.head.children if c.dep_ in {"nsubj", "agent"}]
                for issuer in issuers:
                    named = analyse(issuer, self.mentions, number, offset)
                    if named is not None and named.kind in {PERSON, ORGANISATION} and named.name:
                        self.mentions.statements.append(
                            Mention(token.idx + offset, number, named.name, named.kind)
                        )
                        break

    # ------------------------------------------------------------------ quotations

    def attribute(self) -> list[Attribution]:
        """One attribution for each piece of quotation, in the order of the text."""
        found: list[Attribution | None] = [self._direct(piece) for piece in self.pieces]
        by_group: dict[int, Attribution] = {}
        for piece, attribution in zip(self.pieces, found, strict=True):
            if attribution is not None and attribution.kind != NONE:
                by_group.setdefault(piece.group, attribution)
        for index, piece in enumerate(self.pieces):
            if found[index] is None and piece.group in by_group:
                source = by_group[piece.group]
                found[index] = _inherit(
                    source, 0.8, "part of the same quotation, which runs over several paragraphs"
                )
        for index in range(len(self.pieces)):
            if found[index] is None:
                found[index] = self._continuation(index, found) or self._subject_before(
                    self.pieces[index]
                )
        return [
            a if a is not None else Attribution.nobody(self._sentence_of(p))
            for a, p in zip(found, self.pieces, strict=True)
        ]

    def _doc(self, piece: QuotePiece) -> tuple[Doc | None, int]:
        number = piece.paragraph
        if number not in self.parsed:
            return None, 0
        return self.docs[number], self.paragraphs[number].start

    def _quoted(self, token: Token, offset: int) -> bool:
        return self.inside_quote(token.idx + offset) or token.tag_ in {"``", "''"}

    def _direct(self, piece: QuotePiece) -> Attribution | None:
        doc, offset = self._doc(piece)
        if doc is None:
            return None
        inside = [t for t in doc if piece.start <= t.idx + offset < piece.end]
        if not inside:
            return None
        return (
            self._by_credit(piece, doc, inside, offset)
            or self._by_colon(piece, doc, inside, offset)
            or self._by_syntax(piece, inside, offset)
            or self._by_neighbours(piece, doc, inside, offset)
            or self._by_per(doc, inside, offset, piece.paragraph)
        )

    def _by_per(
        self, doc: Doc, inside: list[Token], offset: int, paragraph: int
    ) -> Attribution | None:
        """ "were “playing with fire near a couch” on the second floor, per CBS News": the
        source after "per", later in the same sentence, when no cue stands between."""
        for token in doc[inside[-1].i + 1 :]:
            if token.tag_ in {"``", "''"}:
                continue
            if token.text in _SENTENCE_END or is_cue(token) or self._quoted(token, offset):
                return None
            if token.lower_ == "per" and token.dep_ == "prep":
                source = next((c for c in token.children if c.dep_ == "pobj"), None)
                if source is None:
                    return None
                named = analyse(source, self.mentions, paragraph, offset)
                if named is None or named.kind not in {PERSON, ORGANISATION, VAGUE}:
                    return None
                return self._result(named, token, source, offset, "the source after “per”")
        return None

    def _speaker_of(self, cue: Token, offset: int, paragraph: int) -> tuple[Named, Token] | None:
        """The speaker a cue verb reports, climbing from "adding" or "telling" to the clause's subject."""
        if cue.lower_ == "according":
            for to in cue.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        named = analyse(obj, self.mentions, paragraph, offset)
                        return (named, obj) if named is not None else None
            return None
        current = cue
        for _ in range(6):
            subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and subjects[0].tag_ in {"WP", "WDT"} and current.dep_ == "relcl":
                subjects = [current.head]  # "Dana Whitfield, who said …"
            if (
                subjects
                and current is not cue
                and current.dep_ == "ccomp"
                and is_cue(current.head)
                and not is_cue(current)
            ):
                # "Bento said Brazil deserved to win but added, …": Bento added, not Brazil.
                current = current.head
                continue
            if subjects:
                subject = _bound(subjects[0])
                if self._quoted(subject, offset):
                    return None
                named = antecedents.refine(
                    subject,
                    analyse(subject, self.mentions, paragraph, offset),
                    self.mentions,
                    paragraph,
                    offset,
                    self._sentence_before,
                    self.inside_quote,
                )
                if named is None:
                    return self._loose_speaker(cue, offset, paragraph)
                return named, subject
            if (
                current.tag_.startswith("NN")
                and current is not cue
                and current.dep_ in {"dobj", "pobj", "prep"}
                and current.head != current
            ):
                # "The council sent a letter … stating that": from the letter to who sent it.
                current = current.head
                continue
            if (
                current.dep_
                in {"xcomp", "advcl", "conj", "acl", "pcomp", "relcl", "prep", "dative"}
                and current.head != current
            ):
                if current.dep_ == "relcl":
                    named = analyse(current.head, self.mentions, paragraph, offset)
                    return (named, current.head) if named is not None else None
                current = current.head
                continue
            break
        return self._loose_speaker(cue, offset, paragraph)

    def _sentence_before(self, token: Token, number: int) -> tuple[Span, int] | None:
        """The sentence before the one holding `token` (in paragraph `number`), outside
        quotations, with the offset of its paragraph."""
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
                    return sentence, offset
        return None

    def _loose_speaker(self, cue: Token, offset: int, paragraph: int) -> tuple[Named, Token] | None:
        """When the parse gives a cue no subject ("” O’Neill said."), take the name beside it,
        or the person an age points back to ("the 41-year-old said")."""
        doc = cue.doc
        aged = self._aged(cue, offset, paragraph)
        if aged is not None:
            return aged
        for step in (-1, 1):
            words: list[Token] = []
            index = cue.i + step
            while 0 <= index < len(doc) and len(words) < 5:
                token = doc[index]
                if (
                    token.is_punct
                    or self._quoted(token, offset)
                    or not token.text[:1].isupper()
                    or token.ent_type_ in {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"}
                    or token.dep_ in {"pobj", "dobj", "attr", "poss"}  # "across Vessa read"
                ):
                    break  # places are never speakers
                words.append(token)
                index += step
            if step < 0:
                words.reverse()
            name, _titles = clean_name(words)
            if not name or name.lower() in {"he", "she", "it", "they", "i", "we"}:
                continue
            full = self.mentions.full_name(name, words[0].idx + offset)
            if full == name and is_bare_role(name):
                role = " ".join(t.text for t in words)
                return role_only(role, self.mentions, paragraph, words[0].idx + offset), words[-1]
            return Named(
                full,
                PERSON,
                self.mentions.roles.get(full),
                how="the name beside the cue",
                confidence=0.7,
            ), words[-1]
        return None

    def _aged(self, cue: Token, offset: int, paragraph: int) -> tuple[Named, Token] | None:
        """ "the 41-year-old said": the person named just before (a subject first), else vague."""
        doc = cue.doc
        start = cue.i - 1
        while start >= 0 and cue.i - start <= 8 and doc[start].lower_ != "the":
            start -= 1
        if start < 0 or doc[start].lower_ != "the":
            return None
        words = doc[start : cue.i]
        lowered = [t.lower_ for t in words]
        if not (("old" in lowered and "year" in lowered) or "year-old" in lowered):
            return None
        phrase = words.text
        position = doc[start].idx + offset
        found, _matched = self.mentions.described("year-old", position, paragraph)
        if found is not None and found.kind == PERSON and paragraph - found.paragraph <= 1:
            name = self.mentions.full_name(found.name, position)
            named = Named(
                name,
                PERSON,
                self.mentions.roles.get(name),
                how=f"“{phrase}” resolved to {name}, named before",
                confidence=0.55,
            )
            return named, words[-1]
        return Named(phrase, VAGUE, how=f"“{phrase}” names nobody", confidence=0.4), words[-1]

    def _result(
        self, named: Named, cue: Token, subject: Token, offset: int, how: str
    ) -> Attribution:
        sentence = cue.sent if cue.doc.has_annotation("SENT_START") else cue.doc[:]
        if named.kind == PERSON and named.name:
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
        )

    def _by_syntax(self, piece: QuotePiece, inside: list[Token], offset: int) -> Attribution | None:
        """Walk up the parse from the quotation to the reporting verb that governs it."""
        members = {t.i for t in inside}
        exits = [t for t in inside if t.head.i not in members and t.head != t]
        exits.sort(key=lambda t: abs(t.head.i - t.i))
        for token in exits:
            verb = token.head
            for _ in range(5):
                if self._quoted(verb, offset):
                    break
                if is_cue(verb):
                    found = self._speaker_of(verb, offset, piece.paragraph)
                    if found is not None:
                        return self._result(
                            found[0], verb, found[1], offset, f"subject of “{verb.text}”"
                        )
                if verb.head == verb:
                    break
                verb = verb.head
        return None

    def _by_neighbours(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """A cue right after the closing mark, or right before the opening one, in the same sentence."""
        after: list[Token] = []
        for token in doc[inside[-1].i + 1 :]:
            if self._quoted(token, offset):
                if any(not t.is_punct for t in after):
                    break
                continue
            if token.text in _SENTENCE_END:
                break
            after.append(token)
            if len(after) >= 14:  # ", President and Chief Executive Officer, Steve Theroux, stated"
                break
        words = [t for t in after if not t.is_punct]
        closed = self.text[: piece.end].rstrip().endswith((".", "!", "?"))
        # The quotation ended its sentence and a new one begins: a cue far into it
        # ("Dr Leila Haddad, a senior fellow, said the country …") reports other words.
        if (
            closed
            and words
            and words[0].text[:1].isupper()
            and not any(is_cue(t) for t in words[:3])
        ):
            after = []
        for index, token in enumerate(after):
            if is_cue(token):
                if any(t.text == ":" for t in after[index + 1 : index + 4]):
                    break  # "Smith said:" introduces the next quotation
                found = self._speaker_of(token, offset, piece.paragraph)
                if found is not None:
                    return self._result(
                        found[0], token, found[1], offset, f"cue “{token.text}” after the quotation"
                    )
        before: list[Token] = []
        for token in reversed(doc[: inside[0].i]):
            if self._quoted(token, offset):
                if any(not t.is_punct for t in before):
                    break
                continue
            if token.text in _SENTENCE_END:
                break
            before.append(token)
            if len(before) >= 14:
                break
        for token in before:
            if is_cue(token):
                found = self._speaker_of(token, offset, piece.paragraph)
                if found is not None:
                    return self._result(
                        found[0],
                        token,
                        found[1],
                        offset,
                        f"cue “{token.text}” before the quotation",
                    )
        return None

    def _by_credit(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """A statement signed after a dash: “…” -- Stephen J. Adler, President, Reuters."""
        rest = [t for t in doc[inside[-1].i + 1 :] if not self._quoted(t, offset)]
        if len(rest) < 2 or rest[0].text not in {"--", "—", "–", "-"}:
            return None
        person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start == rest[1].i), None)
        if person is None:
            return None
        name, _titles = clean_name(list(person))
        after = doc[person.end : rest[-1].i + 1].text.strip(" ,.")
        span = (person.start_char + offset, person.end_char + offset)
        self.mentions.learn(Mention(span[0], piece.paragraph, name, PERSON, after or None))
        return Attribution(
            name,
            after or self.mentions.roles.get(name),
            PERSON,
            None,
            0.75,
            "signed after a dash",
            doc[inside[0].i : rest[-1].i + 1].text,
            None,
            span,
        )

    def _by_colon(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """ "Bradley sounded optimistic: “…”" and "Burnley manager Sean Dyche: “…”"."""
        lead = []
        for token in reversed(doc[: inside[0].i]):
            if self._quoted(token, offset) and not lead:
                continue
            if token.text in _SENTENCE_END or self._quoted(token, offset):
                break
            lead.append(token)
        lead.reverse()
        if not lead or lead[-1].text != ":":
            return None
        return self._introduced_by(lead[:-1], offset, piece.paragraph, "introduced by a colon")

    def _introduced_by(
        self, lead: list[Token], offset: int, paragraph: int, how: str
    ) -> Attribution | None:
        for token in lead:
            if token.tag_.startswith("VB") and (
                is_cue(token) or token.lower_ in INTRO_VERBS or token.dep_ == "ROOT"
            ):
                found = self._speaker_of(token, offset, paragraph)
                if found is not None and found[0].kind != VAGUE:
                    return self._result(found[0], token, found[1], offset, how)
        doc = lead[0].doc if lead else None
        if doc is None:
            return None
        first, last = lead[0].i, lead[-1].i
        people = [
            e for e in doc.ents if e.label_ == "PERSON" and first <= e.start and e.end - 1 <= last
        ]
        if not people:
            # "Arsenal coach Mikel Arteta:" where the recogniser saw nobody: the last run of
            # two or three capitalised words after a role word is the name.
            run: list[Token] = []
            for token in lead:
                if token.tag_ in {"NNP", "NNPS"} and token.ent_type_ not in {"ORG", "GPE", "NORP"}:
                    run.append(token)
                else:
                    run = [] if not token.is_punct else run
            words = [t for t in run if t.lower_ not in ROLE_HEADS]
            if not 2 <= len(words) <= 3 or (len(words) == len(run) and words[0].i == first):
                return None
            people = [doc[words[0].i : words[-1].i + 1]]
        person = people[0]
        name, titles = clean_name(list(person))
        role_words = [
            t
            for t in lead
            if t.i < person.start and not t.is_punct and t.lower_ not in {"the", "a"}
        ]
        role = " ".join(t.text for t in role_words) or " ".join(titles) or None
        after = doc[person.end : last + 1].text.strip(" ,():")
        role = ", ".join(filter(None, [role, after])) or self.mentions.roles.get(name)
        full = self.mentions.full_name(name, person.start_char + offset)
        sentence = doc[first : last + 1].text
        span = (person.start_char + offset, person.end_char + offset)
        return Attribution(
            full, role, PERSON, None, 0.75, f"{how}; named before it", sentence, None, span
        )

    def _heading(self, number: int) -> Attribution | None:
        """A short line naming a person above quotations: "Matthew Centrowitz, gold medalist"."""
        if number < 0 or number not in self.docs:
            return None
        doc = self.docs[number]
        text = doc.text.strip()
        if (
            len(doc) > 12
            or text.endswith((".", "?", "!"))
            or any(t.tag_.startswith("VB") for t in doc if number in self.parsed)
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
        """ "Mr Johnson questioned whether …" just before a paragraph that is a quotation."""
        if piece.start > self.paragraphs[piece.paragraph].start + 2:
            return None
        number = piece.paragraph - 1
        if number not in self.parsed:
            return None
        doc, offset = self.docs[number], self.paragraphs[number].start
        sentences = list(doc.sents)
        if not sentences or any(self._quoted(t, offset) for t in sentences[-1]):
            return None
        root = sentences[-1].root
        if not is_cue(root):
            return None
        found = self._speaker_of(root, offset, number)
        if found is None or found[0].kind != PERSON:
            return None
        result = self._result(
            found[0], root, found[1], offset, f"introduced by “{root.text}” in the sentence before"
        )
        result.confidence = min(result.confidence, 0.6)
        return result

    def _continuation(self, index: int, found: list[Attribution | None]) -> Attribution | None:
        """A quotation with no cue of its own continues the speaker just before it, or a heading's."""
        piece = self.pieces[index]
        previous = next(
            (
                (self.pieces[i], found[i])
                for i in range(index - 1, -1, -1)
                if found[i] is not None and found[i].kind != NONE  # type: ignore[union-attr]
            ),
            None,
        )
        heading = self._heading(piece.paragraph - 1)
        if heading is not None:
            return heading
        introduced = self._introducing_sentence(piece)
        if introduced is not None:
            return introduced
        marked = qa.label(self.text[self.paragraphs[piece.paragraph].start : piece.start])
        if marked == qa.QUESTION:
            return None  # the reporter's question
        if marked is not None:
            return self._answer(piece, previous)
        if previous is None:
            return None
        earlier, attribution = previous
        assert attribution is not None
        gap = piece.paragraph - earlier.paragraph
        after = max(earlier.end, attribution.sentence_span[1] if attribution.sentence_span else 0)
        until = piece.start
        if gap == 2 and self._subheading(piece.paragraph - 1):
            # "Lukaku working hard on finishing" between two paragraphs of one speaker's
            # quotation names what the words are about, not who speaks them.
            gap, until = 1, self.paragraphs[piece.paragraph - 1].start
        if gap > 1 or self._named_between(after, until, attribution.name):
            return None
        lead = self.text[self.paragraphs[piece.paragraph].start : piece.start].strip(" “\"'‘„«")
        if gap == 1 and lead and not lead.endswith(":"):
            return None  # a quotation inside a new paragraph's sentence is not a continuation
        where = "the same paragraph" if gap == 0 else "the paragraph before"
        return _inherit(
            attribution,
            0.75 if gap == 0 else 0.65,
            f"continues the quotation by {attribution.name} in {where}",
        )

    def _subheading(self, number: int) -> bool:
        """A short line with no quotation and no full stop that says what follows is about,
        with a verb ("Lukaku working hard on finishing"): not a heading that names a speaker."""
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
        if previous is not None:
            earlier, attribution = previous
            assert attribution is not None
            after = max(earlier.end, (attribution.sentence_span or (0, 0))[1])
            if piece.paragraph - earlier.paragraph <= 4 and not self._named_between(
                after, start, attribution.name
            ):
                return _inherit(
                    attribution, 0.6, f"an answer in the transcript of {attribution.name}"
                )
            return None
        for number in range(piece.paragraph - 1, max(-1, piece.paragraph - 4), -1):
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
        found = self._about_speaker(piece.paragraph - 1)
        if found is not None:
            found.confidence = 0.5
        return found

    def _about_speaker(self, number: int) -> Attribution | None:
        """The last sentence of a paragraph, when its subject is the one person named in it."""
        if number < 0 or not self._parse(number):
            return None
        doc, offset = self.docs[number], self.paragraphs[number].start
        sentence = list(doc.sents)[-1]
        if not sentence.text.rstrip().endswith((".", "!")) or sentence.root.lemma_ == "be":
            return None  # a heading, or "Juan Mata was excellent": nobody speaking
        if any(self._quoted(t, offset) for t in sentence if not t.is_punct):
            return None
        if sum(1 for e in sentence.ents if e.label_ == "PERSON") > 1:
            return None
        root = sentence.root
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if not subjects or not root.tag_.startswith("VB"):
            return None
        named = analyse(subjects[0], self.mentions, number, offset)
        if named is None or named.kind != PERSON or " " not in (named.name or ""):
            return None
        return self._result(
            named, root, subjects[0], offset, "a quotation after a sentence about its speaker"
        )

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
        paragraph = self.paragraphs[piece.paragraph]
        return self.text[paragraph.start : paragraph.end].strip()

    # ------------------------------------------------------------------ reported speech

    def reported(self, used_cues: set[tuple[int, int]]) -> list[Reported]:
        """ "X said that …" and "according to X, …" in sentences with no quotation marks."""
        found = []
        for number in sorted(self.parsed):
            doc, offset = self.docs[number], self.paragraphs[number].start
            for sentence in doc.sents:
                if any(self._quoted(t, offset) for t in sentence):
                    continue
                for token in sentence:
                    if (
                        not is_cue(token)
                        or (token.idx + offset, token.idx + offset + len(token.text)) in used_cues
                    ):
                        continue
                    clause = self._reported_clause(token, sentence)
                    if clause is None:
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
                    found.append(Reported(start + offset, end + offset, attribution))
                    break
        return found

    @staticmethod
    def _reported_clause(cue: Token, sentence) -> tuple[int, int] | None:
        if cue.lower_ == "according":
            last = max(w.i for w in cue.subtree)
            rest = [t for t in sentence if t.i > last]
            while rest and rest[0].is_punct:
                rest = rest[1:]
            while rest and rest[-1].is_punct:
                rest = rest[:-1]
            if len(rest) < 4 or cue.i > sentence.start + 1:
                return None
            return rest[0].idx, rest[-1].idx + len(rest[-1].text)
        clauses = [c for c in cue.children if c.dep_ == "ccomp"]
        if (
            not clauses
            or cue.lower_ not in CUE_VERBS
            or cue.lower_ in {"thank", "thanked", "apologised", "apologized"}
        ):
            return None
        words = sorted(clauses[0].subtree, key=lambda t: t.i)
        while words and (words[0].dep_ == "mark" or words[0].is_punct):
            words = words[1:]
        while words and words[-1].is_punct:
            words = words[:-1]
        if len(words) < 4:
            return None
        return words[0].idx, words[-1].idx + len(words[-1].text)


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


def _person_by_role(token: Token) -> bool:
    """Whether a proper-name subject of a reporting verb has a person's role written before it
    ("Harbour master Ines Okafor warned", "coach Mikel Andersen said")."""
    return (
        is_cue(token.head)
        and token.ent_type_ not in {"PERSON", "ORG"}
        and any(
            t.dep_ == "compound" and t.tag_ in {"NN", "NNS"} and t.lower_ in PERSON_NOUNS
            for t in token.lefts
        )
    )


def _proper_run(token: Token) -> list[Token]:
    doc = token.doc
    start = token.i
    while (
        start > 0 and doc[start - 1].tag_ in {"NNP", "NNPS"} and doc[start - 1].head.i >= start - 1
    ):
        start -= 1
    return list(doc[start : token.i + 1])


def _bound(subject: Token) -> Token:
    """ "The ministry said it would …": a pronoun bound by the subject of the clause around it."""
    if subject.lower_ not in {"he", "she", "it", "they"}:
        return subject
    clause = subject.head
    for _ in range(3):
        if clause.dep_ not in {"ccomp", "xcomp", "advcl", "conj"} or clause.head == clause:
            break
        clause = clause.head
        outer = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ != "PRP"]
        if outer:
            return outer[0]
    return subject


def _inherit(source: Attribution, confidence: float, how: str) -> Attribution:
    return Attribution(
        source.name,
        source.role,
        source.kind,
        source.cue,
        min(confidence, source.confidence),
        how,
        source.sentence,
        None,
        None,
        source.sentence_span,
    )


__all__ = ["PERSON", "Attribution", "Reading", "Reported"]
