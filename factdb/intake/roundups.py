"""Round-ups that credit each quotation on the line below it.

Reaction pieces, "quotes of the night" and "what they said" lists print a paragraph that is only
a quotation and, on the line after it, who said it: `Harbour master Ines Okafor`, `Ines Okafor,
harbour master`, `Rovers coach Ana Ruiz on the late goal.` Read alone, such a line looks like a
heading for the quotation after it; the article's layout says which way its lines point. A run
that opens with a quotation whose credit follows it, or a credit line with no quotation after
it, credits below; a run that opens with a name and closes with a quotation credits above.
"""

from __future__ import annotations

import re
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from factdb.intake.article import after_dateline
from factdb.intake.attribution import Attribution
from factdb.intake.continuations import Continuations
from factdb.intake.cues import WORDS_NOUNS, is_cue
from factdb.intake.groups import PLATFORMS
from factdb.intake.mentions import ORGANISATION, PERSON
from factdb.intake.quotes import QuotePiece
from factdb.intake.roles import HONORIFICS, TITLE_WORDS, is_person_noun
from factdb.intake.speakers import analyse

#: A credit line is short: a name, its role, and what the words were about.
_MOST_WORDS = 45
#: The name opens the credit, after a role of a few words at most.
_NAME_WITHIN = 8
#: A sentence that opens by pointing back at the words before it: "Those were the words of …".
_POINTING_BACK = re.compile(r"(?:Those|These|That|This|Such) (?:were|was|is|are) ")
#: Two or three capitalised words set off by a comma open the line: "Ana Ruiz, Mayor of Nordby".
_SET_OFF = re.compile(r"^[A-Z][a-z][\w’'-]*(?: [A-Z][a-z][\w’'-]*){1,2},")
_NAME_WORD = re.compile(r"^[A-Z][a-z][\w’'-]*$")
_SPOKE_ABOUT = re.compile(r"\b(?:talked|spoke|speaks|talks|reflected) (?:about|of|on)\b")
#: Verbs that bring in the words after them, as cues do: "Jane Doe talked about the bypass."
_BRINGING_IN = frozenset({"talked", "spoke", "speaks", "talks", "discussed", "reflected"})


class RoundupCredits(Continuations):
    """Attributes a quotation alone in its paragraph by the credit line below it."""

    def _credited_below(self, piece: QuotePiece) -> Attribution | None:
        """The person the line below names, where the article credits its quotations below."""
        number = piece.paragraph
        if not self._only_quotation(number) or not self._credits_below:
            return None
        role_line = None
        if self._credit_line(number + 1) is None and self._role_line(number + 1):
            role_line, credit = number + 1, number + 2
        else:
            credit = number + 1
        found = self._credit_line(credit)
        if found is None:
            return None
        person, lead = found
        offset = self.paragraphs[credit].start
        attribution = self._named_in_lead(lead, person, offset, "credited on the line below")
        if role_line is not None and not attribution.role:
            # "Uxbridge candidate" above "Jane Doe": the role on a line of its own
            paragraph = self.paragraphs[role_line]
            attribution.role = self.text[paragraph.start : paragraph.end].strip()
        attribution.confidence = 0.7
        return attribution

    def _words_named_after(self, piece: QuotePiece) -> Attribution | None:
        """ "“…”" then "Those were the words of Ana Ruiz at the rally.": a paragraph that is
        only a quotation, whose speaker the next sentence names by pointing back at it."""
        number = piece.paragraph + 1
        if not self._only_quotation(piece.paragraph) or number >= len(self.paragraphs):
            return None
        paragraph = self.paragraphs[number]
        if number in self._pieces_in or not _POINTING_BACK.match(self.text[paragraph.start :]):
            return None
        if not self._parse(number):
            return None
        doc, offset = self.docs[number], paragraph.start
        owner = _whose_words(next(iter(doc.sents)))
        named = analyse(owner, self.mentions, number, offset) if owner is not None else None
        if named is None or named.kind not in {PERSON, ORGANISATION}:
            return None
        named.confidence = min(named.confidence, 0.7)
        how = "named by the sentence after it, which points back at the words"
        return self._result(named, owner.head.head, owner, offset, how)

    def _spoke_about_before(self, piece: QuotePiece) -> Attribution | None:
        """ "Amy Goodrich, the campaign's director, talked about the long days." above a
        paragraph that is only a quotation: the words she spoke about, hers."""
        number = piece.paragraph - 1
        if number < 0 or not self._only_quotation(piece.paragraph) or number in self._pieces_in:
            return None
        paragraph = self.paragraphs[number]
        if not _SPOKE_ABOUT.search(self.text[paragraph.start : paragraph.end]):
            return None
        if not self._parse(number):
            return None
        doc, offset = self.docs[number], paragraph.start
        root = list(doc.sents)[-1].root
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if root.lower_ not in _BRINGING_IN or not subjects:
            return None
        found = self._subject_speaker(subjects[0], root, offset, number)
        if found is None or found[0].kind != PERSON:
            return None
        how = f"brought in by “{root.text}” in the paragraph before"
        result = self._result(found[0], root, found[1], offset, how)
        result.confidence = min(result.confidence, 0.6)
        return result

    @cached_property
    def _credits_below(self) -> bool:
        """Whether the article's credit lines name the quotation above them. Each run of
        quotations and credit lines votes by how it opens (a quotation first: below) and, less,
        by how it closes, since a page's end is often cut off or followed by its furniture."""
        quoted = {n for n in range(len(self.paragraphs)) if self._only_quotation(n)}
        near = {n + step for n in quoted for step in (-1, 1, 2)}
        credits = {n for n in near if self._credit_line(n) is not None}
        runs: list[list[str]] = [[]]
        for number in range(len(self.paragraphs)):
            if number in quoted:
                runs[-1].append("quotation")
            elif number in credits:
                runs[-1].append("credit")
            elif not (self._role_line(number) and number + 1 in credits):
                runs.append([])
        below = above = 0
        for run in runs:
            if len(run) < 2 or set(run) != {"quotation", "credit"}:
                continue
            below += 2 * (run[0] == "quotation") + (run[-1] == "credit")
            above += 2 * (run[0] == "credit") + (run[-1] == "quotation")
        return len(credits) >= 2 and below > above

    def _only_quotation(self, number: int) -> bool:
        """Whether a paragraph holds nothing but quotation (asked for each of its quotations,
        so answered once: a paragraph of thousands of quotations was read thousands of times)."""
        known = self._only_quotations.get(number)
        if known is None:
            known = self._only_quotations[number] = self._read_only_quotation(number)
        return known

    @cached_property
    def _only_quotations(self) -> dict[int, bool]:
        return {}

    def _read_only_quotation(self, number: int) -> bool:
        pieces = self._pieces_in.get(number)
        if not pieces or not 0 <= number < len(self.paragraphs):
            return False
        paragraph = self.paragraphs[number]
        opening = after_dateline(self.text, paragraph.start)  # "OSLO -- “…”" is only quotation
        words = list(self.text[opening : paragraph.end])
        for piece in pieces:
            start, end = piece.start - opening, piece.end - opening
            words[max(start, 0) : end] = " " * (end - max(start, 0))
        return not re.search(r"\w", "".join(words))

    def _role_line(self, number: int) -> bool:
        """A line of two to four words with no name, no verb and no stop: "Uxbridge candidate"."""
        if not 0 <= number < len(self.paragraphs) or number in self._pieces_in:
            return False
        paragraph = self.paragraphs[number]
        line = self.text[paragraph.start : paragraph.end].strip()
        doc = self.docs.get(number)
        return (
            doc is not None
            and 2 <= len(line.split()) <= 4
            and not line.endswith((".", ":", "?", "!"))
            and not any(e.label_ == "PERSON" for e in doc.ents)
        )

    def _credit_line(self, number: int) -> tuple[Span, list[Token]] | None:
        """The person a short line names at its start, and the words that credit them: the role
        before the name and one set after it ("Jane Doe, harbour master"), never a sentence that
        reports or brings in words of its own ("Jane Doe spoke about …")."""
        doc = self._short_line(number)
        person = _person_opening(doc) if doc is not None else None
        if doc is None or person is None or _a_sentence_about(doc, person):
            return None
        start = person.start
        while start > 0 and _first_name_left_out(doc[start - 1]):
            start -= 1  # "Jan Peter Balkenende" the recogniser read as "Peter Balkenende"
        return doc[start : person.end], _credit_words(doc, person)

    def _short_line(self, number: int) -> Doc | None:
        """A paragraph short enough for a credit, with no quotation, parsed."""
        if not 0 <= number < len(self.paragraphs) or number in self._pieces_in:
            return None
        doc = self.docs.get(number)
        paragraph = self.paragraphs[number]
        line = self.text[paragraph.start : paragraph.end].strip()
        if doc is None or len(doc) > _MOST_WORDS or line.endswith(":"):
            return None
        if _person_opening(doc) is None and not _SET_OFF.match(line):
            return None  # nobody named at its start: no need to parse it
        return self.docs[number] if self._parse(number) else None


def _person_opening(doc: Doc) -> Span | None:
    """The person named within the first words of a line, past a club that owns the role."""
    people = [
        e
        for e in doc.ents
        if e.label_ == "PERSON" and e.start <= _NAME_WITHIN and e.text.casefold() not in PLATFORMS
    ]
    if not people:
        return _name_set_off(doc)
    return next((e for e in people if not _owns_role(doc, e)), people[-1])


def _a_sentence_about(doc: Doc, person: Span) -> bool:
    """ "Those were the words of Jane Doe", "Jane Doe spoke about the bypass.": a sentence
    that reports or brings in words, not a credit."""
    if any(_verb_of_sentence(t) for t in doc[: person.start]):
        return True
    verb = person.root.head if person.root.dep_.startswith("nsubj") else None
    if verb is None:
        return False
    return is_cue(verb) or verb.lower_ in _BRINGING_IN or _tells_an_event(verb)


def _tells_an_event(verb: Token) -> bool:
    """ "Tomas Brenner, a fisherman, lost the boat.", "Ana Ruiz, the mayor, will meet them.":
    a past, perfect or future verb tells what the person did or will do, a sentence of the
    story introducing them; a credit's caption is written in the present ("Lena Holt is
    unimpressed with the scrum")."""
    helpers = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return (
        verb.tag_ == "VBD"
        or any(h.tag_ in {"MD", "VBD"} for h in helpers)
        or (verb.tag_ == "VBN" and any(h.lemma_ == "have" for h in helpers))
    )


def _credit_words(doc: Doc, person: Span) -> list[Token]:
    """The role, the name and a role set off after it, up to what the line goes on to say."""
    end = person.end
    if end < len(doc) and doc[end].text == ",":
        end += 1
        while (
            end < len(doc) and not doc[end].tag_.startswith(("VB", "MD")) and doc[end].text != "."
        ):
            end += 1
    return list(doc[:end])


def _owns_role(doc: Doc, ent: Span) -> bool:
    """Whether a word for a person's role follows the name: "Manchester United" in "Former
    Manchester United boss Tom Hale" is whom the role serves, not who speaks."""
    return ent.end < len(doc) and is_person_noun(doc[ent.end].lower_)


def _verb_of_sentence(token: Token) -> bool:
    """A verb that makes the words before a name a sentence of their own; the "’s" of
    "Labour’s leader" the tagger may read as "is" is none."""
    return (
        token.tag_.startswith("VB")
        and token.dep_ in {"ROOT", "aux", "auxpass"}
        and token.lower_ not in {"'s", "’s"}
    )


def _first_name_left_out(token: Token) -> bool:
    """A capitalised word right before a recognised name, no role and no name of anything else."""
    return (
        token.is_alpha
        and token.text.istitle()
        and token.tag_ == "NNP"
        and not token.ent_type_
        and not is_person_noun(token.lower_)
        and token.lower_ not in TITLE_WORDS | HONORIFICS
    )


def _name_set_off(doc: Doc) -> Span | None:
    """ "Ana Ruiz, Mayor of Nordby" where the recogniser saw nobody: two or three capitalised
    words that open the line and are set off from the role by a comma."""
    end = 0
    while end < min(len(doc), 4) and _NAME_WORD.match(doc[end].text) and doc[end].tag_ == "NNP":
        end += 1
    if not 2 <= end <= 3 or end >= len(doc) or doc[end].text != ",":
        return None
    if any(t.ent_type_ in {"ORG", "GPE", "NORP"} or is_person_noun(t.lower_) for t in doc[:end]):
        return None
    return doc[:end]


def _whose_words(sentence: Span) -> Token | None:
    """Who "Those were the words of Ana Ruiz" names: the owner of a noun for words that a
    pointing subject ("those", "that") is said to be."""
    for token in sentence:
        if token.dep_ != "attr" or token.lower_ not in WORDS_NOUNS:
            continue
        if not any(c.dep_ == "nsubj" and c.tag_ == "DT" for c in token.head.children):
            continue
        for preposition in token.children:
            if preposition.dep_ == "prep" and preposition.lower_ in {"of", "from", "by"}:
                return next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return None
