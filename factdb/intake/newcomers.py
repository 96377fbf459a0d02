"""A person a sentence brings in, whom its pronoun then means rather than the last speaker.

"“…,” Tom Alder said. In what became the last match for Lars Lindqvist at the club, he said …
“…,” he said.": both pronouns are Lindqvist, the person the narrative turned to, not Alder.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from factdb.intake.mentions import Mentions
from factdb.intake.nationalities import NATIONALITY_NOUNS
from factdb.intake.offices import unlike
from factdb.intake.phrases import clean_name, person_words
from factdb.intake.spans import after_the, entities_within

#: Prepositions by which a phrase is about a person: "the end for X", "the career of X".
_ABOUT = frozenset({"of", "for"})
#: Nouns for a person's own role, career or play, the only phrases that bring a newcomer in:
#: "the last match for X, he said" is X; "the arrest of X", "the funeral of X", "the campaign
#: for X" or "a show of support for X" are events or feelings someone else speaks about.
_OWN = frozenset(
    {"career", "match", "game", "tenure", "debut", "time", "season", "spell", "stint", "reign",
     "innings", "appearance", "performance", "outing", "farewell", "comeback", "end"}
)  # fmt: skip
#: Words opening a question put to the speaker: "Asked about the arrest of X, she said" is the
#: one answering, never the person the question names.
_ASKED = frozenset({"asked", "questioned", "pressed", "quizzed", "challenged"})
#: The other sex's forms: "… the career of Nina Sorel, he said of her" is not Sorel.
_OTHER = {"he": {"she", "her", "hers", "herself"}, "she": {"he", "him", "his", "himself"}}


def newcomer(
    sentence: Span, offset: int, pronoun: Token, mentions: Mentions, quoted: Callable[[int], bool]
) -> str | None:
    """The person a sentence brings in before its pronoun subject, whom that pronoun means:
    in "In the last match for Lars Lindqvist at the club, he said …", Lindqvist, named here for
    the first time, not whoever "he" meant before. Only a phrase about the newcomer's own role
    counts ("the career of", "the end for"); "after a meeting with Karl Moen, he said" or
    "Asked about the arrest of Karl Moen, she said" keeps the pronoun's earlier person."""
    if any(t.lower_ in _ASKED and t.i < pronoun.i for t in sentence):
        return None
    people, _seen = people_in(sentence, offset, mentions, quoted)
    about = {name for name, root in people if _own_phrase(root, pronoun)}
    others = {name for name, _root in people} - about
    if len(about) != 1 or others:
        return None
    other = _OTHER.get(pronoun.lower_, set())
    if any(t.lower_ in other and not quoted(t.idx + offset) for t in sentence):
        return None  # the newcomer is spoken of as somebody else than the pronoun
    name = next(iter(about))
    start = sentence.start_char + offset
    if any(m.name == name for m in mentions.before(mentions.people, start)):
        return None  # named before: no newcomer
    called = mentions.called.get(name, set())
    if (called and pronoun.lower_ not in called) or unlike(
        pronoun.lower_, mentions.role_words(name)
    ):
        return None
    return name


def _own_phrase(root: Token, pronoun: Token) -> bool:
    """Whether a name before the pronoun ends a phrase about that person's own role or play."""
    noun = root.head.head
    return (
        root.i < pronoun.i
        and root.dep_ == "pobj"
        and root.head.lower_ in _ABOUT
        and noun.tag_ in {"NN", "NNS"}
        and noun.lower_ in _OWN
    )


def people_in(
    sentence: Span, offset: int, mentions: Mentions, quoted: Callable[[int], bool]
) -> tuple[list[tuple[str, Token]], set[int]]:
    """The people a sentence names outside quotations, in full, with the tokens they cover:
    those the recogniser found, then surnames of people named in full before."""
    people: list[tuple[str, Token]] = []
    seen: set[int] = set()
    for ent in entities_within(sentence):
        if ent.label_ == "PERSON" and not quoted(ent.start_char + offset) and not after_the(ent):
            # "Treasurer Ruth Adeyemi" of a paragraph read only for names is Ruth Adeyemi
            name = clean_name(person_words(list(ent)))[0] or ent.text
            if name.casefold() in NATIONALITY_NOUNS:
                # "the Scot": whom a cue's reading took it for, if any, never a person "Scot"
                taken = [m for m in mentions.people if m.position == ent.start_char + offset]
                if not taken:
                    continue
                name = taken[-1].name
            if mentions.organisation_led_by(name):
                continue  # "Harbour Town would go on to equalise": the club, never "he"
            name = mentions.full_name(name, ent.start_char + offset)
            if mentions.organisation_led_by(name):
                continue  # "Villa" of "Harwick Villa boss Ana Lee": the club in full
            people.append((name, ent.root))
            seen.update(range(ent.start, ent.end))
    for token in sentence:
        if token.i in seen or not _proper(token) or token.dep_ == "compound":
            continue
        if quoted(token.idx + offset):
            continue
        written = _hyphenated(token)
        full = mentions.full_name(written, token.idx + offset)
        if mentions.organisation_led_by(full):
            continue  # "Emery and Villa were left frustrated": the club, never "he"
        if " " in full and written in {full.split()[0], full.split()[-1]}:
            # a surname, or a first name ("Man-of-the-Match Tomas"), of someone named in full
            people.append((full, token))
    return people, seen


def _proper(token: Token) -> bool:
    """A proper noun, or a capitalised word the tagger took for a common noun where it opens
    the sentence ("Emery was pleased …"), which only a name named in full before may match."""
    return token.tag_ == "NNP" or (
        token.tag_ == "NN" and token.i == token.sent.start and token.text.istitle()
    )


def _hyphenated(token: Token) -> str:
    """A surname as written, hyphen and all: "Villas-Boas", which the tokenizer splits in three
    and the recogniser may take for an organisation."""
    doc = token.doc
    start = token.i
    while (
        start >= 2
        and doc[start - 1].tag_ == "HYPH"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].text[:1].isupper()
    ):
        start -= 2
    return doc[start : token.i + 1].text
