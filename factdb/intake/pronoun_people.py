"""A name read as an organisation's is a person's when "he" or "she" points back to it.

"Kranjc told the Gazette: “…”" then "“…,” he said": the recogniser often reads an unfamiliar
surname as an organisation, and the proposal then says "organisation" even where the article
calls the speaker "he". A pronoun for a person, the subject of a cue, whose nearest subject
before it is such an "organisation" with a person's name (the surname of a person-shaped name
the article gives in full, or that name itself), settles it: that name is a person's. So does
the last word of such a name alone, the subject of a later cue ("Flossy Jarred said" … "Jarred
said"): people are called again by their surname.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from spacy.tokens import Doc, Token

from factdb.intake.attribution import Attribution
from factdb.intake.cues import is_cue
from factdb.intake.mentions import ORGANISATION, PERSON, Mention, Mentions
from factdb.intake.quotes import Paragraph
from factdb.intake.roles import is_bare_role
from factdb.intake.speakers import person_shaped

_PRONOUNS = frozenset({"he", "she"})
#: How many paragraphs back the subject a pronoun points to may stand.
_REACH = 2


def people_called_he_or_she(
    docs: Mapping[int, Doc],
    parsed: set[int],
    paragraphs: list[Paragraph],
    mentions: Mentions,
    inside_quote: Callable[[int], bool],
) -> None:
    """Make people of the "organisations" a later "he said" or "she said" points back to."""
    names: set[str] = set()
    for number in sorted(parsed):
        offset = paragraphs[number].start
        for token in docs[number]:
            if (
                token.lower_ in _PRONOUNS
                and token.dep_ == "nsubj"
                and is_cue(token.head)
                and not inside_quote(token.idx + offset)
            ):
                before = _nearest_subject(mentions, token.idx + offset, number)
                if before is not None and before.kind == ORGANISATION and not before.recipient:
                    # "the Harwick Tribune reported": an outlet is nobody's "he"
                    group = _person_names(before.name, mentions, token.idx + offset)
                    if not any(m.name in group for m in mentions.people):  # a person already
                        names |= group
            elif _surname_speaking(token) and not inside_quote(token.idx + offset):
                names |= _called_by_surname(token.text, mentions, token.idx + offset)
    if names:
        _make_people(names, mentions)


def _surname_speaking(token: Token) -> bool:
    """ "Jarred said": one capitalised word alone, the subject of a cue (the tagger reads an
    unfamiliar surname such as "Garred" as a verb's participle as often as a name)."""
    return (
        (token.tag_ == "NNP" or (token.text.istitle() and token.tag_ in {"VBN", "VBD", "NN"}))
        and token.dep_ == "nsubj"
        and is_cue(token.head)
        and not any(c.dep_ == "compound" for c in token.children)
    )


def _called_by_surname(surname: str, mentions: Mentions, position: int) -> set[str]:
    """ "Flossy Jarred said" read as an organisation's words, then "Jarred said": a person is
    called again by the last word of the name, a body by its first ("Kestrel" of "Kestrel
    Holdings"), so the person-shaped "organisation" that speaks and ends with it is a person."""
    full = [
        m.name
        for m in mentions.before(mentions.organisations, position, limit=50)
        if m.subject
        and not (m.owner or m.recipient)
        and m.name.split()[-1] == surname
        and person_shaped(m.name)
    ]
    if not full or any(m.name == full[0] for m in mentions.people):
        return set()
    return _person_names(full[0], mentions, position)


def _nearest_subject(mentions: Mentions, position: int, paragraph: int) -> Mention | None:
    """The subject named last before a position, of any kind, a paragraph or two back at most."""
    found = [
        mention
        for items in (mentions.people, mentions.organisations, mentions.descriptions)
        for mention in mentions.before(items, position, limit=20)
        if mention.subject and paragraph - mention.paragraph <= _REACH
    ]
    return max(found, key=lambda m: m.position, default=None)


def _person_names(name: str, mentions: Mentions, position: int) -> set[str]:
    """The name and its full form, if it is a person's name: "Ivo Kranjc", "Kranjc" (with
    the "Ivo Kranjc" the article gives); nothing for "Rovers" of "Harwick Rovers", for
    "Nordic Fisheries Ltd", or for a word for organisations."""
    if is_bare_role(name):  # "Kanu's Lead Counsel": a role, whoever holds it is named apart
        return set()
    if " " in name:  # "Harbour Town" of "Harbour Town FC" stays a club
        if not person_shaped(name) or mentions.organisation_led_by(name):
            return set()
        return {name} | {m.name for m in mentions.organisations if m.name == name.split()[-1]}
    if (
        not name[:1].isupper()
        or name.isupper()
        or not person_shaped(f"Somebody {name}")  # "Ministry", "Council"
        or mentions.organisation_led_by(name)
    ):
        return set()
    full = {
        m.name
        for m in [*mentions.organisations, *mentions.people]
        if person_shaped(m.name)
        and m.name.split()[-1] == name
        and not mentions.organisation_led_by(m.name)
    }
    if not full and mentions.longer_organisation(name, position) is not None:
        return set()
    return {name} | full


def _make_people(names: set[str], mentions: Mentions) -> None:
    """Move every mention of the names from the organisations to the people."""
    moved = [m for m in mentions.organisations if m.name in names]
    mentions.organisations[:] = [m for m in mentions.organisations if m.name not in names]
    for mention in moved:
        mention.kind = PERSON
        mentions.add(mention)
    mentions.guessed |= names
    mentions.sort()


def unsure_of_guessed(attribution: Attribution, mentions: Mentions) -> Attribution:
    """A quotation given to a guessed person starts unticked: the recogniser said otherwise."""
    if attribution.kind != PERSON or not (
        attribution.name in mentions.guessed
        or mentions.full_name(attribution.name or "", 0) in mentions.guessed
    ):
        return attribution
    how = f"{attribution.how}; a name read as an organisation's, called “he” or “she” later"
    return replace(attribution, confidence=min(attribution.confidence, 0.5), how=how)
