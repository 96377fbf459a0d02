"""The speaker a reporting verb reports: its subject, or the name or age written beside it."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake import antecedents
from factdb.intake.affiliations import past_affiliation
from factdb.intake.ages import aged_one
from factdb.intake.article import ParsedArticle
from factdb.intake.bound_pronouns import bound
from factdb.intake.clauses import gerund_owner, own_pronoun, speaking_clause, spoken_to
from factdb.intake.comma_roles import comma_set_person
from factdb.intake.cues import PERSONAL_CUES, is_cue
from factdb.intake.groups import ORGANISATION_NOUNS, STATEMENT_NOUNS
from factdb.intake.issuers import cited_by_report, saying_under
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Named
from factdb.intake.names import role_only
from factdb.intake.outlets import speaking_cue
from factdb.intake.phrases import clean_name, tokens_text, without_article
from factdb.intake.roles import is_bare_role, is_person_noun
from factdb.intake.speakers import analyse, person_shaped
from factdb.intake.subjects import subjects_of
from factdb.intake.titles import titled_person

#: Words that open a clause or stand for a noun ("When asked …", "If", "This"), capitalised
#: only because they start a sentence: never part of a name beside a cue.
_FUNCTION_TAGS = frozenset({"WRB", "WDT", "WP", "PRP", "PRP$", "DT", "IN", "CC", "MD"})


class CueSpeakers(ParsedArticle):
    """Finds who a cue verb reports, on top of the parsed article."""

    def _speaker_of(self, cue: Token, offset: int, paragraph: int) -> tuple[Named, Token] | None:
        """The speaker a cue verb reports, climbing from "adding" or "telling" to the clause's subject."""
        cue = saying_under(cue)
        if cue.lower_ == "according":
            return self._according_to(cue, offset, paragraph)
        shaped = self._by_shape(cue, offset, paragraph)
        if shaped is not None:
            return shaped
        quoted = _quoted_as_saying(cue)
        if quoted is not None:
            return self._quoted_speaker(quoted, offset, paragraph)
        accused = _accused_of_saying(cue)
        if accused is not None:
            return self._accused_speaker(accused, offset, paragraph)
        if spoken_to(cue):
            return None  # "many would have been denied benefits": spoken of
        if (owner := gerund_owner(cue)) is not None:
            return self._subject_speaker(owner, cue, offset, paragraph)
        current = speaking_clause(speaking_cue(cue))
        for _ in range(6):
            subjects = self._unquoted_subjects(current, offset)
            if subjects and _reports_for_outer_cue(current, cue):
                # "Bento said Brazil deserved to win but added, …": Bento added, not Brazil.
                current = current.head
                continue
            if subjects:
                found = self._subject_speaker(subjects[0], cue, offset, paragraph)
                if found is None and bound(subjects[0]) is not subjects[0]:
                    # "The Greens recruit claimed … what she described as": a word for a
                    # person the intake cannot read; the pronoun still says who
                    return self._read_subject(subjects[0], cue, offset, paragraph)
                return found
            if current.dep_ == "relcl" and current.head != current:
                named = analyse(current.head, self.mentions, paragraph, offset)
                return (named, current.head) if named is not None else None
            governor = _governor(current, cue)
            if governor is None:
                break
            current = governor
        document = _inverted_document(cue)
        if document is not None:
            named = analyse(document, self.mentions, paragraph, offset)
            return (named, document) if named is not None else None
        return self._loose_speaker(cue, offset, paragraph)

    def _accused_speaker(
        self, accused: Token, offset: int, paragraph: int
    ) -> tuple[Named, Token] | None:
        """The one accused of saying the words, as the phrase describes them."""
        named = analyse(accused, self.mentions, paragraph, offset)
        if named is not None and named.kind == VAGUE:
            # "a senior union official", not the clause about what the official said
            words = [t for t in accused.doc[accused.left_edge.i : accused.i + 1] if not t.is_quote]
            named.name = without_article(tokens_text(words))
        return (named, accused) if named is not None else None

    def _by_shape(self, cue: Token, offset: int, paragraph: int) -> tuple[Named, Token] | None:
        """A speaker the words around the cue give before its subject does: the name after a
        long title, or whom a verb of causing made speak ("The vote prompted Ana Ruiz to say
        that …": Ruiz spoke, not the vote)."""
        titled = titled_person(cue) or comma_set_person(cue)
        if titled is not None:
            return titled
        caused = _caused_to_speak(cue) or cited_by_report(cue)
        if caused is None:
            return None
        named = analyse(caused, self.mentions, paragraph, offset)
        return (named, caused) if named is not None else None

    def _quoted_speaker(
        self, quoted: Token, offset: int, paragraph: int
    ) -> tuple[Named, Token] | None:
        """The one a paper or a witness quotes; "him" in "Ms. Varga quoted him as saying" is the
        person named last who is not the one quoting (a pronoun object is never its subject)."""
        if quoted.lower_ not in {"him", "her"}:
            named = analyse(quoted, self.mentions, paragraph, offset)
            return (named, quoted) if named is not None else None
        quoting = [c for c in quoted.head.children if c.dep_ == "nsubj"]
        verb = quoted.head
        if quoting and quoting[0].tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
            # "Sister Ana Ruiz, the chaplain, who quoted him as saying": Ruiz
            quoting = [verb.head.head if verb.head.dep_ == "appos" else verb.head]
        subject = analyse(quoting[0], self.mentions, paragraph, offset) if quoting else None
        surname = (subject.name or "").split()[-1:] if subject is not None else []
        position = quoted.idx + offset
        others = [
            mention
            for mention in self.mentions.before(self.mentions.people, position, limit=20)
            if paragraph - mention.paragraph <= 2 and mention.name.split()[-1:] != surname
        ]
        # a subject first: "Varga testified that Lind expressed regret for the delays"
        found = next((m for m in others if m.subject), others[0] if others else None)
        if found is None:
            return None
        name = self.mentions.full_name(found.name, position)
        how = f"“{quoted.text}” resolved to {name}, quoted by someone else"
        return Named(name, PERSON, self.mentions.roles.get(name), how, 0.6), quoted

    def _according_to(self, cue: Token, offset: int, paragraph: int) -> tuple[Named, Token] | None:
        """ "according to the ministry": the object of "to"."""
        for to in cue.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    named = analyse(obj, self.mentions, paragraph, offset)
                    return (named, obj) if named is not None else None
        return None

    def _unquoted_subjects(self, verb: Token, offset: int) -> list[Token]:
        """A verb's subjects outside quotations, where it has any: in "“… Plenty to do,” wrote
        Brandt", the quotation's last words are no subject."""
        subjects = subjects_of(verb)
        return [t for t in subjects if not self._quoted(t, offset)] or subjects

    def _subject_speaker(
        self, subject: Token, cue: Token, offset: int, paragraph: int
    ) -> tuple[Named, Token] | None:
        """Who the subject of the cue's clause is, a pronoun resolved where it can be."""
        return self._read_subject(past_affiliation(bound(subject)), cue, offset, paragraph)

    def _read_subject(
        self, subject: Token, cue: Token, offset: int, paragraph: int
    ) -> tuple[Named, Token] | None:
        """Who a subject names, a pronoun read as itself."""
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
        if (
            named.kind == ORGANISATION
            and cue.lower_ in PERSONAL_CUES
            and named.name
            and person_shaped(named.name)
        ):
            # "Lena Holt recalled": read as an organisation's name, but only a person recalls.
            named.kind = PERSON
            named.how += f"; a person, since only a person {cue.lower_}"
        return _who_is_a_person(named, subject, cue), subject

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
                if step > 0 and not words and _place_in_title(token):
                    index += step  # "said U.S. District Judge …": the court's place, not a name
                    continue
                if (
                    token.is_punct
                    or self._quoted(token, offset)
                    or not token.text[:1].isupper()
                    or token.ent_type_ in {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"}
                    or token.dep_ in {"pobj", "dobj", "attr", "poss"}  # "across Vessa read"
                    or (token.tag_ in _FUNCTION_TAGS and token.ent_type_ != "PERSON")
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
                role = tokens_text(words)
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
        if (
            found is not None
            and found.kind == PERSON
            and aged_one(self.mentions, found, position, paragraph)
        ):
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


def _inverted_document(cue: Token) -> Token | None:
    """ "“…,” read a letter from two relatives": a cue with no subject whose object the parser
    made of the document that speaks, written after the verb."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
        return None
    return next(
        (
            c
            for c in cue.children
            if c.dep_ == "dobj" and c.i > cue.i and c.lower_ in STATEMENT_NOUNS
        ),
        None,
    )


def _quoted_as_saying(cue: Token) -> Token | None:
    """ "Interfax quoted spokeswoman Irja Berg as saying": the one quoted spoke, not the agency
    or paper that quotes her (its subject)."""
    if cue.dep_ != "pcomp" or cue.head.lower_ != "as":
        return None
    verb = cue.head.head
    if verb.lower_ not in {"quoted", "quotes", "quoting", "quote", "cited", "cites", "citing"}:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _accused_of_saying(cue: Token) -> Token | None:
    """ "accused a House leader of telling the president that he “…”": the one accused of
    saying it, not who accuses (the noun the cue's "of" hangs on, an object)."""
    preposition = cue.head
    if cue.dep_ != "pcomp" or preposition.lower_ not in {"of", "for"}:
        return None
    noun = preposition.head
    if noun.tag_.startswith("VB") and noun.lower_.startswith(_ACCUSING):
        # "accused Tomas Brenner of saying": the parse hangs "of" on the verb
        noun = next((c for c in noun.children if c.dep_ == "dobj"), noun)
    if noun.dep_ in {"dobj", "pobj"} and noun.tag_ in {"NN", "NNP", "NNPS"}:
        return noun
    return None


#: Verbs that credit someone else with words: "criticised the council for saying …".
_ACCUSING = ("accus", "critici", "blam", "prais", "thank", "credit", "fault", "slam", "mock")


def _reports_for_outer_cue(current: Token, cue: Token) -> bool:
    """Whether the clause is itself what an outer cue reports: its subject is not the speaker."""
    return (
        current is not cue
        and current.dep_ == "ccomp"
        and is_cue(current.head)
        and not is_cue(current)
    )


def _who_is_a_person(named: Named, subject: Token, cue: Token) -> Named:
    """ "a rebuke from Lena Holt, who called it …", "Cauthron wrote in her opinion": a name read
    as an organisation's is a person's when a clause about it opens with "who" or the cue's
    own words call it "his" or "her" (an organisation takes "which" and "its")."""
    who = any(
        clause.dep_ == "relcl" and any(w.lower_ == "who" for w in clause.children)
        for clause in subject.children
    )
    owned = own_pronoun(cue)
    name = named.name or ""
    # "Cauthron wrote in her opinion": a surname alone is a person's when "her" says so
    shaped = person_shaped(name) or (owned is not None and " " not in name and name.istitle())
    if (who or owned) and named.kind == ORGANISATION and shaped:
        named.kind = PERSON
        named.how += f"; a person, since “{'who' if who else owned}” is said of people"
    return named


#: Verbs that make someone speak ("prompted X to say"); never one that only asks ("pushed X to").
_CAUSING = frozenset(
    f"{stem}{ending}"
    for stem in (
        *("prompt", "force", "inspire", "provoke", "oblige"),
        *("cause", "move", "compel", "spur"),
    )
    for ending in ["", "s", "ed", "d", "ing", "led", "red"]
) | {"lead", "leads", "led", "leading", "drive", "drives", "drove", "driven", "get", "got"}


def _caused_to_speak(cue: Token) -> Token | None:
    """Who a verb of causing made speak: the object of "prompted" in "prompted X to say"."""
    if cue.dep_ not in {"xcomp", "advcl"} or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in cue.children
    ):
        return None
    if cue.head.lower_ not in _CAUSING:  # the pipeline has no lemmatiser
        return None
    made = next((c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i), None)
    if made is None or not (
        made.tag_ in {"NNP", "NNPS", "PRP"}
        or is_person_noun(made.lower_)
        or made.lower_ in ORGANISATION_NOUNS
    ):
        return None  # "Ruiz led the protest to demand …": a protest does not speak
    return made


def _governor(current: Token, cue: Token) -> Token | None:
    """The word to climb to from a clause or object with no subject; None where the climb ends."""
    if current.head == current:
        return None
    if (
        current.tag_.startswith("NN")
        and current is not cue
        and current.dep_ in {"dobj", "pobj", "prep"}
    ):
        # "The council sent a letter … stating that": from the letter to who sent it.
        return current.head
    if current.dep_ in {"xcomp", "advcl", "conj", "acl", "pcomp", "relcl", "prep", "dative"}:
        return current.head
    return None


def _place_in_title(token: Token) -> bool:
    """A place that opens a title before a name ("U.S. District Judge", "Texas Gov."): part of
    the title, never the speaker."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.ent_type_ in {"GPE", "NORP"}
        and token.dep_ in {"compound", "nmod", "amod"}
        and token.head.i > token.i
        and following is not None
        and following.text[:1].isupper()
        and following.ent_type_ not in {"GPE", "LOC", "FAC"}
    )
