"""A quotation's own cue: a reporting verb governing or beside it, a colon, a signature, "per"."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from factdb.intake import qa
from factdb.intake.answered import answered, unsaid_by_subject
from factdb.intake.article import SENTENCE_END
from factdb.intake.attribution import Attribution
from factdb.intake.capitals import in_capitals, read_heading
from factdb.intake.cues import INTRO_VERBS, is_cue
from factdb.intake.french import french_attribution
from factdb.intake.governors import with_governors
from factdb.intake.groups import PLATFORMS, STATEMENT_NOUNS
from factdb.intake.inscriptions import written_on
from factdb.intake.judging import judged_by
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mention
from factdb.intake.nicknames import nickname_in_name
from factdb.intake.phrase_credits import CreditedQuotes
from factdb.intake.phrases import clean_name, tokens_text
from factdb.intake.quotes import QuotePiece
from factdb.intake.roles import ROLE_HEADS, is_person_noun
from factdb.intake.spans import entities_from, inside_organisation
from factdb.intake.speakers import analyse
from factdb.intake.subjects import lead_verbs
from factdb.intake.surname_credits import by_surname
from factdb.intake.unsaid import a_term, nobodys, set_off, subject_above


class QuoteCues(CreditedQuotes):
    """Attributes a quotation by what stands in its own sentence."""

    def _direct(self, piece: QuotePiece) -> Attribution | None:
        """The speaker the quotation's own sentence gives: signed, introduced, governed, beside."""
        french = french_attribution(self.text, piece.end, piece.paragraph, self.mentions)
        if french is not None:
            return french
        if nickname_in_name(self.text, piece.start, piece.end) is not None:
            return nobodys(self._sentence_of(piece), "a nickname inside a name, nobody's words")
        doc, offset = self._doc(piece)
        if doc is None:
            return None
        inside = self._inside(piece, doc, offset)
        if not inside:
            return None
        named = set_off(self.text, piece.start, piece.end, inside) or written_on(inside)
        found = self._by_cue(piece, doc, inside, offset)
        if named is not None:
            return nobodys(self._sentence_of(piece), named, found)
        why = None if found is not None else a_term(inside, lambda t: self._quoted(t, offset))
        return found if why is None else nobodys(self._sentence_of(piece), why)

    def _by_cue(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """The speaker a cue, a colon, a phrase or a neighbour in the quotation's sentence gives."""
        return (
            self._by_credit(piece, doc, inside, offset)
            or self._by_colon_credit(doc, inside, offset)
            or self._by_colon(piece, doc, inside, offset)
            or self._by_phrase(piece, doc, inside, offset)
            or self._by_syntax(piece, inside, offset)
            or self._according_to_beside(piece, inside, offset)
            or self._by_characterising(piece, inside, offset)
            or self._by_own_words(piece, inside, offset)
            or self._by_neighbours(piece, doc, inside, offset)
            or self._by_per(doc, inside, offset, piece.paragraph)
        )

    def _by_colon(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """ "Bradley sounded optimistic: “…”" and "Burnley manager Sean Dyche: “…”"."""
        lead = []
        for token in reversed(doc[: inside[0].i]):
            if self._quoted(token, offset) and not lead:
                continue
            if token.text in SENTENCE_END or self._quoted(token, offset):
                break
            lead.append(token)
        lead.reverse()
        if not lead or lead[-1].text != ":":
            return None
        start = lead[0].idx + offset
        line = self.text[start : lead[-1].idx + offset + 1]
        if qa.label(line) is not None:
            # "On the matchup between Hunter and Ayomenor: “…”": a transcript's topic, whose
            # names are what the answer is about, never who gives it
            return None
        if in_capitals(line):  # "COACH JANE DOE: “…”", read by rule
            return self._named_in_capitals(line, start, piece.paragraph)
        if len(lead) == 2 and lead[0].lower_ in STATEMENT_NOUNS:
            # "Statement: “…”" below "Western Digital issues a statement to Seeking Alpha"
            named = analyse(lead[0], self.mentions, piece.paragraph, offset)
            if named is not None and named.kind in {PERSON, ORGANISATION}:
                return self._result(named, lead[0], lead[0], offset, "a statement's label")
            return None
        return self._introduced_by(lead[:-1], offset, piece.paragraph, "introduced by a colon")

    def _named_in_capitals(self, line: str, start: int, paragraph: int) -> Attribution | None:
        """The person a heading in capitals names ("OPPOSITION LEADER (ANNA BERG), SPEAKING TO
        REPORTERS:"): after a role, or named elsewhere; never an organisation the article names."""
        heading = read_heading(line)
        if heading is None:
            return None
        for written, first, last in heading.names:
            if " " in written:
                known = self.mentions.person_named(written, (start, start + len(line)))
            else:  # "BRENNER ON THE REFEREE:": the Tomas Brenner named in full
                full = self.mentions.full_name(written, start + first)
                known = full if " " in full else None
                if known is None:
                    continue
            span = (start + first, start + last)
            if known is None and (
                self.mentions.organisation_named(written)
                or not (heading.has_role or self.mentions.person_at(written, span))
            ):
                continue  # a club, or no role and only the recogniser's word for a person
            name = known or written
            self.mentions.learn(Mention(span[0], paragraph, name, PERSON, heading.role))
            return Attribution(
                name,
                heading.role or self.mentions.roles.get(name),
                PERSON,
                None,
                0.75,
                "named in a heading in capitals"
                + ("" if known is None else ", and elsewhere in the article"),
                line.strip(),
                None,
                span,
                (start, start + len(line)),
            )
        return None

    def _by_syntax(self, piece: QuotePiece, inside: list[Token], offset: int) -> Attribution | None:
        """Walk up the parse from the quotation to the reporting verb that governs it."""
        members = {t.i for t in inside}
        exits = [t for t in inside if t.head.i not in members and t.head != t]
        exits.sort(key=lambda t: abs(t.head.i - t.i))
        for token in exits:
            verb, child = token.head, token
            judge = judged_by(token)
            for _ in range(7):
                if (
                    is_cue(verb)
                    and child.dep_ in {"nsubj", "nsubjpass"}
                    and piece.end <= verb.idx + offset  # the subject before its verb
                    and child.i not in members  # not "“… Lots to learn,” wrote Ann Lee"
                ):
                    # "councillors who opposed the “levy” call …": a word set off in the
                    # cue's subject is not what the cue reports, nor anyone's words
                    found = Attribution.nobody(self._sentence_of(piece))
                    found.how = "set off inside the subject of a cue, nobody's words"
                    return found
                if self._quoted(verb, offset):
                    if child.dep_ != "conj" or verb.head == verb:
                        break
                    verb, child = verb.head, verb  # "“…” and “zealots”": one cue for the list
                    continue
                whose = self._whose_words(verb, offset, piece.paragraph)
                if whose is not None:
                    return whose
                unsaid = unsaid_by_subject(verb, piece.start - offset)
                if (is_cue(verb) or verb == judge) and not unsaid:
                    found = self._speaker_of(verb, offset, piece.paragraph)
                    if found is not None:
                        return self._result(
                            found[0], verb, found[1], offset, f"subject of “{verb.text}”"
                        )
                if verb.head == verb:
                    break
                verb, child = verb.head, verb
        return None

    def _according_to_beside(
        self, piece: QuotePiece, inside: list[Token], offset: int
    ) -> Attribution | None:
        """ "According to Lt. Col. Jane Doe, the convoy “reached …”": a cue on the quoted clause."""
        for token in with_governors(inside):
            for cue in token.children:
                if cue.lower_ == "according" and is_cue(cue) and not self._quoted(cue, offset):
                    found = self._speaker_of(cue, offset, piece.paragraph)
                    if found is not None:
                        how = "cue “according to” on the quoted words"
                        return self._result(found[0], cue, found[1], offset, how)
        return None

    def _by_neighbours(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """A cue right after the closing mark, or right before the opening one, in the same sentence."""
        after = self._beside(doc[inside[-1].i + 1 :], offset)
        words = [t for t in after if not t.is_punct]
        closed = self._ends_with(piece.end, None, (".", "!", "?"))
        # The quotation ended its sentence and a new one begins: a cue far into it
        # ("Dr Leila Haddad, a senior fellow, said the country …") reports other words.
        if (
            closed
            and words
            and words[0].text[:1].isupper()
            and not any(is_cue(t) for t in words[:3])
            and not _cue_ends_sentence(words)
        ):
            after = []
        return self._cue_after(piece, after, offset) or self._cue_before(
            piece, self._beside(reversed(doc[: inside[0].i]), offset), offset
        )

    def _beside(self, tokens: Iterable[Token], offset: int) -> list[Token]:
        """The words next to a quotation, outward, up to the end of its sentence (14 at most)."""
        found: list[Token] = []
        for token in tokens:
            if self._quoted(token, offset):
                if any(not t.is_punct for t in found):
                    break
                continue
            if token.text in SENTENCE_END:
                break
            found.append(token)
            if len(found) >= 14:  # ", President and Chief Executive Officer, Steve Theroux, stated"
                break
        return found

    def _cue_after(self, piece: QuotePiece, after: list[Token], offset: int) -> Attribution | None:
        """ "“…,” the minister said": the first cue after the quotation that finds a speaker."""
        for index, token in enumerate(after):
            if is_cue(token) and not subject_above(after[:index], token, self.inside_quote, offset):
                if any(t.text == ":" for t in after[index + 1 : index + 4]):
                    break  # "Smith said:" introduces the next quotation
                found = self._speaker_of(token, offset, piece.paragraph)
                if found is not None:
                    return self._result(
                        found[0], token, found[1], offset, f"cue “{token.text}” after the quotation"
                    )
        return None

    def _cue_before(
        self, piece: QuotePiece, before: list[Token], offset: int
    ) -> Attribution | None:
        """ "The minister said “…”": the nearest cue before the quotation that finds a speaker."""
        for token in before:
            if is_cue(token) and not answered(token, piece.start - offset):
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

    def _introduced_by(
        self, lead: list[Token], offset: int, paragraph: int, how: str
    ) -> Attribution | None:
        """The speaker a lead-in gives: by its verb ("Bradley sounded optimistic:"), or the
        person it names ("Burnley manager Sean Dyche:")."""
        found = self._by_lead_verb(lead, offset, paragraph, how)
        if found is not None or not lead:
            return found
        person = _person_in(lead)
        if person is None:  # "Brenner: “…”": the Tomas Brenner the article names in full
            return by_surname(lead, self.mentions, offset, how)
        return self._named_in_lead(lead, person, offset, how)

    def _by_lead_verb(
        self, lead: list[Token], offset: int, paragraph: int, how: str
    ) -> Attribution | None:
        """The speaker of a reporting verb, a verb of manner, or the main verb of the lead-in."""
        for token in lead_verbs(lead):
            if token.tag_.startswith("VB") and (
                is_cue(token) or token.lower_ in INTRO_VERBS or token.dep_ == "ROOT"
            ):
                found = self._speaker_of(token, offset, paragraph)
                if found is not None and (
                    found[0].kind != VAGUE
                    # "A spokeswoman for the council told the Kilby Ledger:": somebody unnamed
                    # speaks, never the outlet told
                    or (is_cue(token) and found[1].tag_ not in {"PRP", "PRP$"})
                ):
                    return self._result(found[0], token, found[1], offset, how)
        return None

    def _named_in_lead(self, lead: list[Token], person: Span, offset: int, how: str) -> Attribution:
        """The person a lead-in names, with the role written before or after the name."""
        doc = lead[0].doc
        first, last = lead[0].i, lead[-1].i
        name, titles = clean_name(list(person))
        role_words = _phrase_before(lead, person.start)
        role = tokens_text(role_words) or titles or None
        after = doc[person.end : last + 1].text.strip(" ,():")
        role = ", ".join(filter(None, [role, after])) or self.mentions.roles.get(name)
        full = self.mentions.full_name(name, person.start_char + offset)
        sentence = doc[first : last + 1].text
        span = (person.start_char + offset, person.end_char + offset)
        return Attribution(
            full, role, PERSON, None, 0.75, f"{how}; named before it", sentence, None, span
        )


def _phrase_before(lead: list[Token], start: int) -> list[Token]:
    """The role written right before a name in a lead-in, back to a verb or a preposition:
    "harbour master" in "… prompted harbour master Ole Brekke to warn:", nothing in "… drew a
    sharp response from Ana Ruiz:"."""
    words: list[Token] = []
    for token in reversed([t for t in lead if t.i < start]):
        if token.tag_.startswith("VB") or token.tag_ in {"IN", "TO"}:
            break
        words.insert(0, token)
    return [t for t in words if not t.is_punct and t.lower_ not in {"the", "a"}]


#: What may follow a cue that reports the quotation before it: "… said on Friday."
_AFTER_A_CLOSING_CUE = frozenset({"prep", "pobj", "npadvmod", "det", "compound", "amod", "nummod"})


def _cue_ends_sentence(words: list[Token]) -> bool:
    """ "“…?” Rowe adviser Nora Pell said.": a sentence after a closed quotation that ends with
    its cue (or a time or place after it) reports that quotation, however far in the cue is;
    "Dr Leila Haddad, a senior fellow, said the country …" reports words of its own."""
    cue = next((i for i, t in enumerate(words) if is_cue(t)), None)
    if cue is None or words[cue].dep_ != "ROOT":
        return False
    return all(t.dep_ in _AFTER_A_CLOSING_CUE for t in words[cue + 1 :])


def _without_punctuation(ent: Span) -> Span:
    """ "De Vries:" as the recogniser sometimes takes a headline's name: the name alone."""
    end = ent.end
    while end > ent.start and ent.doc[end - 1].is_punct:
        end -= 1
    return ent.doc[ent.start : end]


def _person_in(lead: list[Token]) -> Span | None:
    """The first person the recogniser found in the lead-in, or else a name by its capitals."""
    people = _people_recognised(lead)
    named = _named_after_role(lead)
    if named is not None and (not people or people[0].end <= named.start):
        # "Harwick United boss Brenner:": the club the recogniser took for a person owns the
        # role; the one named after the role speaks
        return named
    if people:
        return people[0]
    return _name_by_capitals(lead)


def _people_recognised(lead: list[Token]) -> list[Span]:
    """The people the recogniser found wholly inside the lead-in, trailing marks cut off; a
    platform it took for a person is none ("put this message on Twitter:")."""
    first, last = lead[0].i, lead[-1].i
    people = [
        _without_punctuation(e)
        for e in entities_from(lead[0].doc, first, last)
        if e.label_ == "PERSON" and e.text.casefold() not in PLATFORMS
    ]
    return [e for e in people if len(e) and e.end - 1 <= last]


def _name_by_capitals(lead: list[Token]) -> Span | None:
    """ "Arsenal coach Mikel Arteta:" where the recogniser saw nobody: the last run of two or
    three capitalised words after a role word is the name."""
    run: list[Token] = []
    for token in lead:
        if token.tag_ in {"NNP", "NNPS"} and token.ent_type_ not in {"ORG", "GPE", "NORP"}:
            run.append(token)
        else:
            run = [] if not token.is_punct else run
    words = [t for t in run if t.lower_ not in ROLE_HEADS]
    if not 2 <= len(words) <= 3 or (len(words) == len(run) and words[0].i == lead[0].i):
        return None
    return lead[0].doc[words[0].i : words[-1].i + 1]


def _named_after_role(lead: list[Token]) -> Span | None:
    """The one to three capitalised words that end a lead-in right after a word for a person's
    role: "Brenner" of "Harwick United boss Brenner" or "… manager Tomas Brenner"."""
    words = [t for t in lead if not t.is_punct]
    capitals = all(t.text.isupper() for t in words)
    roles = [i for i, t in enumerate(words) if is_person_noun(t.lower_) and not capitals]
    if not roles:
        return None
    name = words[roles[-1] + 1 :]
    # "Nordwind Energy CFO Lena Holt:" the recogniser often reads as one organisation's name
    merged = inside_organisation(words[roles[-1]])
    if not 1 <= len(name) <= 3 or any(
        not (t.text[:1].isupper() and t.is_alpha)
        or (t.ent_type_ in {"ORG", "GPE", "DATE"} and not merged)
        for t in name
    ):
        return None
    if any(name[i + 1].i != name[i].i + 1 for i in range(len(name) - 1)):
        return None
    return lead[0].doc[name[0].i : name[-1].i + 1]
