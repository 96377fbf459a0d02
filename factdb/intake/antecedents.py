"""Who a pronoun or a nationality points back to, where the first answer is not good enough.

`speakers.analyse` resolves "he" to the last person named as a subject and "the Argentine"
to a person with that role. News writing often does otherwise:

- "Government members were reluctant to comment, save for Culture Minister Petra Lund.
  "…," he said.": the sentence before has no person for a subject, and one person in it, so
  "he" is that person, not a subject named paragraphs earlier;
- "Prosecutors asked for less, and Brooks looked shaken. … he apologised": "Brooks" (a surname
  of someone named in full, whatever the recogniser took it for) is the subject just before;
- "the Argentine said", "The Portuguese told reporters": a nationality stands for the person the
  passage is about, named as a subject just before.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from factdb.intake.cues import is_cue
from factdb.intake.descriptions import nations_named, owned_by_person, team_named
from factdb.intake.groups import (
    LAW_NOUNS,
    ORGANISATION_NAME_WORDS,
    ORGANISATION_NOUNS,
    STATEMENT_NOUNS,
)
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mentions, Named
from factdb.intake.nationalities import NATIONALITY_NOUNS
from factdb.intake.newcomers import newcomer, people_in
from factdb.intake.offices import OFFICES, unlike
from factdb.intake.own_words import in_report, not_spoken_of, sayer
from factdb.intake.phrases import noun_phrase
from factdb.intake.reporters import described_reporter
from factdb.intake.roles import is_person_noun
from factdb.intake.spans import reporting_paper
from factdb.intake.speakers import analyse
from factdb.intake.spoke_before import again

_SINGULAR_PRONOUNS = frozenset({"he", "she"})
#: How a text's words are cited, in the present: "it says", "it reads" (a club's "it said" is
#: the club's).
_TEXT_VERBS = frozenset({"says", "reads", "states", "stipulates", "provides", "requires"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: How many sentences back a chain of the same pronoun is followed ("He … He … he said").
_CHAIN = 4


def refine(
    subject: Token,
    named: Named | None,
    mentions: Mentions,
    paragraph: int,
    offset: int,
    sentence_before: Callable[[Token, int], tuple[Span, int, int] | None],
    quoted: Callable[[int], bool],
) -> Named | None:
    """A better reading of the subject of a cue than `analyse` gave, or `named` itself."""
    word = subject.lower_
    if subject.tag_ == "PRP" and word in _SINGULAR_PRONOUNS:
        if spoken := again(subject, mentions, paragraph, offset, sentence_before, quoted):
            return spoken
        brought = newcomer(subject.sent, offset, subject, mentions, quoted)
        if brought is not None:
            how = f"“{subject.text}” resolved to {brought}, brought in just before it"
            named = _person(brought, mentions, how, 0.7)
        else:
            args = (mentions, paragraph, sentence_before, quoted)
            named = _refine_person_pronoun(subject, named, *args)
        return not_spoken_of(subject, named, mentions, paragraph, offset, sentence_before, quoted)
    if subject.tag_ == "PRP" and word in {"it", "they"}:
        return _refine_it_they(subject, named, mentions, paragraph, sentence_before, quoted)
    if word in NATIONALITY_NOUNS and _is_the_phrase(subject):
        before = sentence_before(subject, paragraph)
        found = _person_before(before[:2], mentions, quoted, subject_only=True) if before else None
        if isinstance(found, str):
            how = f"“the {subject.text}” resolved to {found}, named just before"
            return _person(found, mentions, how, 0.6)
    return named


def _refine_person_pronoun(
    subject: Token,
    named: Named | None,
    mentions: Mentions,
    paragraph: int,
    sentence_before: Callable[[Token, int], tuple[Span, int, int] | None],
    quoted: Callable[[int], bool],
) -> Named | None:
    """ "he" or "she": the person the sentence before points to, or `named`."""
    found = _pronoun_person(subject, paragraph, mentions, sentence_before, quoted)
    if isinstance(found, Named):
        return found
    if found is None:
        return named
    if named is not None and named.kind == PERSON and named.name == found:
        return named
    how = f"“{subject.text}” resolved to {found}, the person in the sentence before"
    return _person(found, mentions, how, 0.7)


def _refine_it_they(
    subject: Token,
    named: Named | None,
    mentions: Mentions,
    paragraph: int,
    sentence_before: Callable[[Token, int], tuple[Span, int, int] | None],
    quoted: Callable[[int], bool],
) -> Named | None:
    """ "it" or "they": a statement just cited, or the organisation the sentence before is about."""
    before = sentence_before(subject, paragraph)
    if before is None:
        return named
    if subject.lower_ == "it":
        statement = _statement_in(before[:2], quoted)
        if statement is not None:
            # "“…,” according to the statement. … “…,” it said.": the same statement.
            again = analyse(statement[0], mentions, paragraph, statement[1])
            if again is not None:
                return again
        law = _law_in(before[:2], quoted) if subject.head.lower_ in _TEXT_VERBS else None
        if law is not None:
            # "The union criticised the water bill. It says “…”": the bill's own words.
            again = analyse(law[0], mentions, paragraph, law[1])
            if again is not None:
                again.how = f"“it” is the {law[0].lower_} named just before; {again.how}"
                return again
    return _organisation_subject(before, mentions, quoted) or named


def _pronoun_person(
    pronoun: Token,
    paragraph: int,
    mentions: Mentions,
    sentence_before: Callable[[Token, int], tuple[Span, int, int] | None],
    quoted: Callable[[int], bool],
    depth: int = 0,
) -> str | Named | None:
    """The person "he" or "she" means, from the sentence before; when that sentence's subject
    is the same pronoun ("He has leaned on Nowak since then. "…," he said."), the person that
    pronoun means in turn, never somebody the sentence only mentions."""
    before = sentence_before(pronoun, paragraph)
    if before is None:
        return None
    sentence, offset, number = before
    same = next(
        (
            t
            for t in sentence
            if t.tag_ == "PRP"
            and t.lower_ == pronoun.lower_
            # not "he" in "Tomas said he expects …", which is Tomas
            and _is_subject(t, reported=False)
            and not quoted(t.idx + offset)
        ),
        None,
    )
    if same is None:
        found = _person_before((sentence, offset), mentions, quoted, number=number)
        other = (
            None
            if isinstance(found, Named)
            else _refers_elsewhere(sentence, offset, found, pronoun, quoted)
        )
        if other is not None:
            # a newcomer the paragraph before only spoke of is not carried on to this one
            same_paragraph = number == paragraph
            brought = (
                newcomer(sentence, offset, other, mentions, quoted) if same_paragraph else None
            )
            if brought is not None:
                return brought
            # "… his description of how he used Brenner …": who that "his" means
            if depth < _CHAIN:
                return _pronoun_person(other, number, mentions, sentence_before, quoted, depth + 1)
            return None
        unfit = isinstance(found, str) and unlike(pronoun.lower_, mentions.name_words(found))
        return None if unfit else found
    brought = newcomer(sentence, offset, same, mentions, quoted)
    if brought is not None:
        return brought
    if depth < _CHAIN:
        found = _pronoun_person(same, number, mentions, sentence_before, quoted, depth + 1)
        if found is not None:
            return found
    earlier = mentions.last_person(same.idx + offset, number, pronoun.lower_)
    if earlier is None or earlier.kind != PERSON:
        return None
    return mentions.full_name(earlier.name, same.idx + offset)


_FORMS = {"he": {"he", "him", "his", "himself"}, "she": {"she", "her", "hers", "herself"}}


def _refers_elsewhere(
    sentence: Span, offset: int, name: str | None, pronoun: Token, quoted: Callable[[int], bool]
) -> Token | None:
    """The pronoun by which the sentence before speaks of someone it does not name as its
    subject: in "… his description of how he used Brenner …", "his", so a "he" after it is
    not Brenner, named only as an object, but the one "his" means; None where there is none."""
    forms = _FORMS.get(pronoun.lower_, set())
    # not "his" inside what someone said: "Dorn, who said Holm never offered a plan of his own"
    words = [t for t in sentence if not quoted(t.idx + offset) and not in_report(t)]
    # the name's last word as written here: "Abu Zahar" of Abu Zahar Ujang ends on "Zahar"
    named = set(name.split()) if name else set()
    if named and any(t.text in named and _opens_as_subject(t, sentence) for t in words):
        return None
    return next((t for t in words if t.lower_ in forms), None)


def _opens_as_subject(token: Token, sentence: Span) -> bool:
    """The main subject, or a subject that opens the sentence, whatever the parse made of the
    rest: "Brandt, reading the remarks late (he was abroad at the time), answered back"
    ."""
    if _is_subject(token):
        return True
    return token.dep_ in _SUBJECT_DEPS and token.left_edge.i == sentence.start


def _person(name: str, mentions: Mentions, how: str, confidence: float) -> Named:
    """The person a pronoun or description was resolved to, with the role the article gave."""
    return Named(name, PERSON, mentions.roles.get(name), how=how, confidence=confidence)


def _statement_in(
    before: tuple[Span, int], quoted: Callable[[int], bool]
) -> tuple[Token, int] | None:
    """The statement a sentence cites as its source, outside quotations, if any."""
    sentence, offset = before
    for token in sentence:
        if (
            token.lower_ in STATEMENT_NOUNS
            and token.dep_ in {"nsubj", "pobj"}
            and not quoted(token.idx + offset)
        ):
            return token, offset
    return None


def _law_in(before: tuple[Span, int], quoted: Callable[[int], bool]) -> tuple[Token, int] | None:
    """A bill, a law or a contract the sentence before names as a thing ("the water bill",
    "its new contract"), outside quotations: what a following "it says" most likely means."""
    sentence, offset = before
    for token in reversed(sentence):
        if (
            token.lower_ in LAW_NOUNS
            and token.tag_ == "NN"
            and token.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos"}
            and any(c.dep_ == "poss" or c.lower_ in {"the", "this", "that"} for c in token.children)
            and not quoted(token.idx + offset)
        ):
            return token, offset
    return None


def _is_the_phrase(token: Token) -> bool:
    """ "the Dane" alone: a nationality used as a noun, with nothing else to name anyone."""
    children = list(token.children)
    return (
        token.text[:1].isupper()
        and len(children) == 1
        and children[0].dep_ == "det"
        and children[0].lower_ == "the"
    )


def _person_before(
    before: tuple[Span, int],
    mentions: Mentions,
    quoted: Callable[[int], bool],
    subject_only: bool = False,
    number: int = 0,
) -> str | Named | None:
    """The one person a singular pronoun can mean in the sentence before, if there is one.

    Its subject, when the subject names a person; else the only person named in it, when
    its subject is no person ("Government members …, save for Petra Lund").
    """
    sentence, offset = before
    people, seen = people_in(sentence, offset, mentions, quoted)
    people = [
        (name, root)
        for name, root in people
        if root.dep_ != "poss" and not reporting_paper(root)  # "the Harwick Tribune reported"
    ]
    # "The Bagan MP said Muhyiddin cannot …": the MP, who says it, not the one reported
    if reporter := described_reporter((*before, number), people, mentions, quoted, _is_subject):
        return reporter
    subjects = [name for name, root in people if _opens_as_subject(root, sentence)]
    if len(set(subjects)) > 1:
        # "Novak said Judge Haddad had agreed": who said it, not whose act it reports.
        subjects = [name for name, root in people if _is_subject(root, reported=False)]
    if len(set(subjects)) == 1:
        return subjects[0]
    if subjects:
        return None
    described = next(
        (t for t in sentence if _is_subject(t) and t.tag_ in {"NN", "JJ"} and t.i not in seen),
        None,
    )
    if described is not None:
        # Somebody unnamed for a subject: "the coach" is the person given that role, if
        # anyone was; "the 50-year-old" nobody this rule can name.
        return _described_person(described, mentions, offset, number)
    if subject_only:
        return None
    if len({name for name, _root in people}) != 1:
        # "a rebuke from Pavel Dorn, who said Holm never offered a plan": Dorn
        return sayer(people)
    return people[0][0]


def _described_person(
    token: Token, mentions: Mentions, offset: int, number: int
) -> str | Named | None:
    """The person "the coach" means when the article gave somebody that role, else None;
    "his lawyer" or "Brooks's lawyer", given nobody's name, stays somebody unnamed."""
    if token.tag_ != "NN":
        return None
    if owned_by_person(token) and is_person_noun(token.lower_):
        return _as_described(token, mentions, offset, number)
    team, places = team_named(token, noun_phrase(token)[0])
    if not any(c.lower_ == "the" for c in token.children):
        # "Tottenham Hotspur manager spoke …": the club's manager, whoever the article ties
        return _as_described(token, mentions, offset, number) if team else None
    position = token.idx + offset
    nations = nations_named(token, noun_phrase(token)[0])  # never the other side's skipper
    found, matched = mentions.described(token.lower_, position, number, team, places | nations)
    if (found is None or not matched) and (token.lower_ in OFFICES or team or places):
        # "“…,” the judge said. “…,” she added.": the judge, whoever the description is.
        return _as_described(token, mentions, offset, number)
    if found is None or not matched or found.kind != PERSON:
        return None
    return mentions.full_name(found.name, position)


def _as_described(token: Token, mentions: Mentions, offset: int, number: int) -> Named | None:
    """Whoever a description just before means, read as the description itself is read:
    "his lawyer" or "the judge" that nobody was named for stays somebody unnamed."""
    phrase = token.doc[token.left_edge.i : token.i + 1].text
    named = analyse(token, mentions, number, offset)
    if named is not None and named.kind == VAGUE:
        how = f"the pronoun means “{phrase}” just before, whom nobody named"
        return Named(named.name, VAGUE, how=how, confidence=0.5)
    return named


def _organisation_subject(
    before: tuple[Span, int, int], mentions: Mentions, quoted: Callable[[int], bool]
) -> Named | None:
    """What "it" or "they" means after a sentence whose subject is an organisation: "Harwick
    United confirmed … “…,” it said", even where the recogniser took the club for a person."""
    sentence, offset, number = before
    for token in sentence:
        if not _is_subject(token, reported=False) or quoted(token.idx + offset):
            continue
        if token.tag_ == "NN" and token.lower_ in ORGANISATION_NOUNS and token.head.tag_ != "VBN":
            # "The mayor's office sent a statement to the Gazette. “…,” it said.": the office,
            # never the newspaper it was sent to
            named = analyse(token, mentions, number, offset)
            if named is None or not named.name or named.kind not in {ORGANISATION, VAGUE}:
                return None
            how = f"“it”: {named.name}, the subject just before"
            return Named(named.name, named.kind, how=how, confidence=min(named.confidence, 0.6))
        if token.tag_ not in {"NNP", "NNPS"}:
            continue
        if any(c.dep_ == "conj" for c in token.children):
            return None  # "Jan and Eva Berg": people
        named = analyse(token, mentions, number, offset)
        if named is None or not named.name or named.kind not in {PERSON, ORGANISATION}:
            return None
        if named.kind == PERSON and not ORGANISATION_NAME_WORDS & set(
            named.name.casefold().split()
        ):
            return None  # "it" may be something a person did
        how = f"“it” or “they”: {named.name}, the subject just before"
        return Named(named.name, ORGANISATION, how=how, confidence=0.6)
    return None


def _is_subject(token: Token, reported: bool = True) -> bool:
    """The subject of the sentence's main clause (or one joined to it), not of a clause inside
    it: in "the 50-year-old denied the suggestion Rooney could benefit", not Rooney. With
    `reported`, also the subject of what the main clause reports ("Abramoff appeared
    disappointed, the agency says")."""
    if token.dep_ in {"appos", "conj"} and token.head.dep_ in _SUBJECT_DEPS:
        token = token.head
    if token.dep_ not in _SUBJECT_DEPS:
        return False
    clause = token.head
    for _ in range(4):  # "…, and Abramoff appeared disappointed, the news agency says"
        if clause.dep_ == "conj" or (reported and clause.dep_ == "ccomp" and is_cue(clause.head)):
            clause = clause.head
        else:
            break
    return clause.dep_ == "ROOT"
