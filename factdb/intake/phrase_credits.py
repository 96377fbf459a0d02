"""Quotations credited by a phrase, not by a reporting verb governing them.

"…", as Holt put it; in Ruth Ambler's words; slamming the inquiry as "…"; his usual response
that "…"; "…" - Brenner hails …; per a spokesperson; a signature or a credit line. Kept apart
from the verbs' own cues (`quote_cues`), which try these when no verb governs the quotation.
"""

from __future__ import annotations

import re
from itertools import islice

from spacy.tokens import Doc, Span, Token

from factdb.intake.article import SENTENCE_END
from factdb.intake.attribution import Attribution
from factdb.intake.cue_speakers import CueSpeakers
from factdb.intake.cues import WORDS_NOUNS, is_cue
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mention
from factdb.intake.phrases import clean_name, tokens_text, without_article
from factdb.intake.quote_heads import (
    DISPUTING,
    as_above,
    clause_verb,
    hanging_tokens,
    is_words_noun,
    pronoun_owner,
    subject_of,
    verb_above,
    words_noun_or_root,
)
from factdb.intake.quotes import QuotePiece
from factdb.intake.spans import entities_from
from factdb.intake.speakers import analyse
from factdb.intake.surname_credits import by_colon_and_surname

#: Verbs that call something by the words after "as": "slamming X as", "dismissed X as",
#: "points to X as evidence of" (the forms' common beginnings, since there are no lemmas).
_CHARACTERISING = (
    "slam", "dismiss", "describ", "label", "brand", "hail", "denounc", "condemn", "critici",
    "blast", "derid", "mock", "reject", "paint", "portray", "characteri", "regard", "view",
    "cite", "citing", "point", "present", "tout", "prais", "decr", "attack", "lambast",
    "ridicul", "welcom", "celebrat", "frame", "depict", "rubbish", "denigrat", "casting",
    "cast", "sees", "saw", "seeing", "sums", "summ",
)  # fmt: skip


def _credited_person(doc: Doc, first: Token) -> Span | None:
    """The person a credit names, after at most four words of role ("Rovers striker"); the last
    one there, since "Mayor Lind's adviser Petra Holm" is Holm."""
    found = None
    for ent in entities_from(doc, first.i, first.i + 4):
        owner = ent.end < len(doc) and doc[ent.end].tag_ == "POS"  # "Labour's Ana Ruiz"
        if ent.label_ == "PERSON" and not owner:
            role = doc[first.i : ent.start]
            # words, never a cue: the tagger reads "striker" in "Rovers striker" as a verb
            if first.text[:1].isupper() and all(_role_word(t) and not is_cue(t) for t in role):
                found = ent
    return found


def _role_word(token: Token) -> bool:
    """A word of a role before a name, the owner's "’s" included: "Labour’s Ana Ruiz"."""
    return token.is_alpha or token.tag_ == "POS"


#: A word of a name as signed: "Whitlock", "O’Neill", "R.J.Lenard" (initials glued to the surname).
_NAME_WORD = re.compile(r"^(?:[A-Z]\.){0,3}[A-Z][a-z][\w’'-]*$")


def _signed_name(doc: Doc, first: Token) -> Span | None:
    """The name a dash signs where the recogniser saw none: the capitalised words that end the
    signature's first part, after its role in capitals or a team ("Rovers QB Dan Morrow,")."""
    end = first.i
    while end < len(doc) and end - first.i < 6 and not _ends_signature(doc[end]):
        end += 1
    start = end
    while start > first.i and _NAME_WORD.match(doc[start - 1].text):
        start -= 1
    words = doc[start:end]
    if start == first.i or not words or (len(words) < 2 and "." not in words.text):
        # "– Rovers, on the title race": a team, or no role before a lone word
        return _name_in_capitals(doc, first)
    return words


def _ends_signature(token: Token) -> bool:
    """Where a signature's name ends: a mark, or what the line goes on to say ("after …")."""
    return token.is_punct or token.tag_ in {"IN", "VBG", "VBD", "VBZ", "VBN"}


def _name_in_capitals(doc: Doc, first: Token) -> Span | None:
    """A name a round-up sets in capitals after its role, the line going on about it:
    "- Rovers striker TOMAS BRENNER after the cup final", "- Otters coach ANA RUIZ has …"."""
    run: list[Token] = []
    for token in doc[first.i : first.i + 8]:
        if token.is_alpha and len(token.text) > 1 and token.text.isupper():
            run.append(token)
            continue
        if len(run) >= 2 and run[0].i > first.i:
            break
        if token.is_punct:
            return None
        run = []
    if not 2 <= len(run) <= 3 or run[0].i == first.i or doc[run[0].i - 1].tag_ == "DT":
        return None  # "- The US STATE DEPARTMENT": a body, not a person after a role
    return doc[run[0].i : run[-1].i + 1]


def _reports_after(doc: Doc, person: Span) -> bool:
    """Whether a verb that reports follows the name: then it is a cue, not a credit."""
    following = doc[person.end] if person.end < len(doc) else None
    return following is not None and (is_cue(following) or following.tag_ in {"VBD", "VBZ", "VBP"})


#: "as X put it", "as X phrased it": a verb that credits the words only in that phrase.
_PUTTING = frozenset({"put", "puts", "phrased", "phrases", "termed", "described", "called"})
_AS_SAYING = frozenset({"said", "says", "wrote", "writes", "noted", "notes"})


#: "in X's words", "in the words of X", "in X's phrase", "in X's telling".
_IN_WORDS = frozenset({"words", "phrase", "telling", "view"})


def _credited_by(token: Token) -> Token | None:
    """Who a crediting phrase headed by `token` names: the subject of "as X put it", the owner
    in "in X's words" or the object in "in the words of X"; None if it is no such phrase."""
    if _is_as_put_it(token):
        return next((c for c in token.children if c.dep_ == "nsubj"), None)
    if token.lower_ in _IN_WORDS and token.dep_ == "pobj" and token.head.lower_ == "in":
        return _whose_in_words(token)
    if _is_reaction(token):
        return _whose_in_words(token, "from")
    return None


#: Nouns for what someone answered, that a quotation can be: "“…” was the reaction of X".
_REACTIONS = frozenset(
    {"reaction", "response", "reply", "answer", "verdict", "retort", "assessment", "message"}
)


def _is_reaction(token: Token) -> bool:
    """Whether `token` is a noun for an answer that a copula makes the quotation beside it:
    "“Excellent!” was the initial reaction of Teresa Nelson", "Holt's reply was “…”"."""
    return (
        token.lower_ in _REACTIONS
        and token.dep_ in {"attr", "nsubj"}
        and token.head.lower_ in {"was", "is", "were", "'s", "came"}
    )


def _is_as_put_it(token: Token) -> bool:
    """Whether `token` is the verb of "as X put it" ("she put the case" credits nothing) or of
    "as X said" with nothing said of its own ("as he said he would" credits nothing)."""
    children = list(token.children)
    if not token.tag_.startswith("VB") or not any(c.lower_ == "as" for c in children):
        return False
    if token.lower_ in _AS_SAYING:
        return not any(c.dep_ in {"dobj", "ccomp", "xcomp", "advcl"} for c in children)
    return token.lower_ in _PUTTING and any(c.lower_ == "it" and c.dep_ == "dobj" for c in children)


def _whose_in_words(token: Token, *also: str) -> Token | None:
    """The owner in "in X's words", else the object in "in the words of X" (or of another
    preposition `also` allows: "the reaction from X")."""
    children = list(token.children)
    owner = next((c for c in children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    for preposition in children:
        if preposition.dep_ == "prep" and preposition.lower_ in {"of", *also}:
            return next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return None


def _phrase_of(token: Token) -> str:
    """The crediting phrase as written: "as Holt put it", "in Ruth Ambler's words"."""
    phrase = token.subtree if token.tag_.startswith("VB") else [token.head, *token.subtree]
    words = sorted(phrase, key=lambda t: t.i)
    end = next((t.i for t in words if t.is_quote), words[-1].i + 1)
    return token.doc[words[0].i : end].text.strip(" ,")


class CreditedQuotes(CueSpeakers):
    """Attributes a quotation by a phrase or a credit beside it."""

    def _may_be_credit(self, piece: QuotePiece) -> bool:
        """A paragraph that opens with a whole quoted sentence, so a name right after it can be
        its credit: “We will enjoy this tonight.” Valley United coach Lena Holt, asked …"""
        return self._opens_paragraph(piece) and self._ends_with(
            piece.end, " ”\"'’»", (".", "!", "?")
        )

    def _by_credit(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """A statement signed after a dash: “…” -- Stephen J. Adler, President, Reuters; a line of
        quotes credited with or without one: “…” – Rovers striker Ivo Kranjc, on the title race."""
        rest = list(islice(self._outside_after(doc, inside[-1].i + 1, offset), 2))
        if len(rest) < 2:
            return None
        dashed = rest[0].text in {"--", "—", "–", "-"}
        if not dashed and not self._may_be_credit(piece):
            return None
        person = _credited_person(doc, rest[1] if dashed else rest[0])
        if person is None and dashed:
            person = _signed_name(doc, rest[1])
        if person is None and dashed:
            return self._headline_speaker(piece, doc, inside, rest, offset)
        if person is None or (not dashed and _reports_after(doc, person)):
            return None  # "“…” Aaron Rodgers said": the cue's, read by the parse
        name, _titles = clean_name(list(person))
        role = tokens_text(list(doc[rest[1 if dashed else 0].i : person.start]))
        # the role before the name, or what the signature gives after it ("President, Reuters")
        last = self._last_outside(doc, offset) or rest[-1]  # the paragraph's end, quotes left out
        after = role or doc[person.end : last.i + 1].text.strip(" ,.")
        span = (person.start_char + offset, person.end_char + offset)
        self.mentions.learn(Mention(span[0], piece.paragraph, name, PERSON, after or None))
        return Attribution(
            name,
            after or self.mentions.roles.get(name),
            PERSON,
            None,
            0.75 if dashed else 0.6,
            "signed after a dash" if dashed else "credited right after the quotation",
            doc[inside[0].i : last.i + 1].text,
            None,
            span,
        )

    def _by_colon_credit(self, doc: Doc, inside: list[Token], offset: int) -> Attribution | None:
        """ "“…”: Brenner", a headline's credit: the person named in full with that surname."""
        after = self._outside_after(doc, inside[-1].i + 1, offset)
        return by_colon_and_surname(after, self.mentions, offset)

    def _headline_speaker(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], rest: list[Token], offset: int
    ) -> Attribution | None:
        """A headline's quotation, a dash, then its speaker doing something: "‘…’ - Brenner
        hails ‘magnificent’ Kranjc", the name in full where the article gives it."""
        first = rest[1]
        words = []
        for token in doc[first.i : first.i + 3]:
            if not (_NAME_WORD.match(token.text) and token.tag_ in {"NNP", "NNPS", "NN"}):
                break
            words.append(token)
        if not words or words[-1].i + 1 >= len(doc):
            return None
        verb = doc[words[-1].i + 1]
        if verb.tag_ != "VBZ" or words[-1].head != verb or words[-1].dep_ != "nsubj":
            return None
        name, _titles = clean_name(words)
        span = (words[0].idx + offset, words[-1].idx + len(words[-1].text) + offset)
        full = self.mentions.full_name(name, span[0])
        return Attribution(
            full,
            self.mentions.roles.get(full),
            PERSON,
            None,
            0.6,
            f"a headline's quotation, then a dash and “{name} {verb.text}”",
            doc[inside[0].i : (self._last_outside(doc, offset) or rest[-1]).i + 1].text,
            (verb.idx + offset, verb.idx + offset + len(verb.text)),
            span,
        )

    def _by_characterising(
        self, piece: QuotePiece, inside: list[Token], offset: int
    ) -> Attribution | None:
        """ "slamming the inquiry as “nonsense”", "dismissed the report as “a stunt”", "points
        to an article as evidence of “…”": words the subject of a verb that characterises
        something gives it after "as" are that subject's. Never a passive ("was described as
        “…”" says nobody who said it)."""
        for token in hanging_tokens(inside):
            as_ = as_above(token)
            if as_ is None:
                continue
            verb = verb_above(as_)
            if not self._characterises(verb, offset):
                continue
            if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
                return None  # "was described as": the one described never speaks
            subject = subject_of(verb)
            if subject is None or self._quoted(subject, offset):
                continue
            found = self._speaker_of(verb, offset, piece.paragraph)
            if found is not None and found[0].kind in {PERSON, ORGANISATION, VAGUE}:
                return self._result(
                    found[0], verb, found[1], offset, f"“{verb.text} … as” says what it calls it"
                )
        return None

    def _characterises(self, verb: Token, offset: int) -> bool:
        """Whether `verb` calls something by the words after "as" ("slammed", "dismissing"),
        outside the quotation itself."""
        return (
            verb.tag_.startswith("VB")
            and verb.lower_.startswith(_CHARACTERISING)
            and not self._quoted(verb, offset)
        )

    def _by_own_words(
        self, piece: QuotePiece, inside: list[Token], offset: int
    ) -> Attribution | None:
        """ "Belichick got his chance to pull out his usual response to the media that, “…”":
        words in a phrase about "his" words, with no cue, are those of the clause's subject
        the pronoun stands for; never where the clause disputes them ("rejected his claim")."""
        for token in hanging_tokens(inside):
            noun = words_noun_or_root(token)
            if noun is None:
                continue
            if not is_words_noun(noun):
                return None  # the sentence ends above it with no noun of words
            owner = pronoun_owner(noun)
            if owner is None:
                continue
            verb = clause_verb(noun)
            if verb is not None and verb.lower_.startswith(DISPUTING):
                return None  # "rejected his claim": the words are disputed, not his
            subject = subject_of(verb) if verb is not None else None
            found = self._own_words_speaker(piece, noun, owner, subject, offset)
            if found is not None:
                return found
        return None

    def _own_words_speaker(
        self, piece: QuotePiece, noun: Token, owner: Token, subject: Token | None, offset: int
    ) -> Attribution | None:
        """The subject "his" or "its" stands for, credited with its own words; never a pronoun
        (left to the cue's subject), and "his" or "her" only a person."""
        if subject is None or self._quoted(subject, offset) or subject.tag_ == "PRP":
            return None
        named = analyse(subject, self.mentions, piece.paragraph, offset)
        wanted = {PERSON} if owner.lower_ in {"his", "her"} else {ORGANISATION, PERSON}
        if named is None or named.kind not in wanted or not named.name:
            return None
        found = self._result(
            named, noun, subject, offset, f"“{owner.text} {noun.text}” with no cue of its own"
        )
        found.confidence = min(found.confidence, 0.6)
        return found

    def _whose_words(self, noun: Token, offset: int, paragraph: int) -> Attribution | None:
        """Words quoted inside a phrase about someone else's words are theirs: "rejected the
        minister's claim that the plan was “fully funded”", "the company's description of the
        layoffs as “a restructuring”" (never a pronoun's, which the cue's subject resolves)."""
        if noun.lower_ not in WORDS_NOUNS or not noun.tag_.startswith("NN"):
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
        if owner is None or self._quoted(owner, offset):
            return None
        named = analyse(owner, self.mentions, paragraph, offset)
        if named is None or not named.name:
            return None
        named.name = without_article(named.name)  # "the minister's" is the minister
        return self._result(named, noun, owner, offset, f"whose “{noun.text}” it quotes")

    def _by_phrase(
        self, piece: QuotePiece, doc: Doc, inside: list[Token], offset: int
    ) -> Attribution | None:
        """Words credited by a phrase beside them in their sentence: "“…”, as Mayor Lena Holt put
        it", "in Ruth Ambler's words, “…”", "“…”, in the words of headteacher Ana Ruiz"; the
        phrase nearest the quotation, with no cue or other quotation between."""
        for side in (doc[inside[-1].i + 1 :], reversed(doc[: inside[0].i])):
            for token in side:
                if token.tag_ in {"``", "''"}:
                    continue
                if token.text in SENTENCE_END or self._quoted(token, offset):
                    break
                source = _credited_by(token)
                if source is not None and not self._quoted(source, offset):
                    named = analyse(source, self.mentions, piece.paragraph, offset)
                    if named is None or named.kind not in {PERSON, ORGANISATION, VAGUE}:
                        return None
                    how = f"credited by “{_phrase_of(token)}” beside the quotation"
                    return self._result(named, token, source, offset, how)
                if is_cue(token):
                    break
        return None

    def _by_per(
        self, doc: Doc, inside: list[Token], offset: int, paragraph: int
    ) -> Attribution | None:
        """ "were “playing with fire near a couch” on the second floor, per CBS News": the
        source after "per", later in the same sentence, when no cue stands between."""
        for token in doc[inside[-1].i + 1 :]:
            if token.tag_ in {"``", "''"}:
                continue
            if token.text in SENTENCE_END or is_cue(token) or self._quoted(token, offset):
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
