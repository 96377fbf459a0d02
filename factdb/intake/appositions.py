"""A role, then the name of who holds it set beside it: "the US attorney in Virginia, Dana Kerr"."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.groups import ORGANISATION_NOUNS
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mentions, Named
from factdb.intake.phrases import PLACES, clean_name, is_proper, name_words, without_article
from factdb.intake.roles import is_bare_role, is_person_noun


def apposed_person(
    head: Token, core: list[Token], mentions: Mentions, position: int
) -> Named | None:
    """The person a role phrase ends by naming, after a comma; the whole phrase before is the role.

    The parser often hangs the name on the last word of the role ("Virginia"), not on the role
    itself, so the name is looked for at the end of the phrase, wherever it hangs.
    """
    if is_proper(head) or not is_person_noun(head.lower_):
        return None
    phrase = [t for t in head.subtree]
    while phrase and phrase[-1].is_punct:
        phrase.pop()
    if not phrase or phrase[-1].dep_ != "appos" or not is_proper(phrase[-1]):
        return None
    words = name_words(phrase[-1])
    if not _names_a_person(words):
        return None
    comma = words[0].i - 1
    if comma <= core[0].i or head.doc[comma].text != ",":
        return None
    name, _titles = clean_name(words)
    if not name or is_bare_role(name):
        return None
    role = without_article(head.doc[core[0].i : comma].text)
    full = mentions.full_name(name, position)
    return Named(full, PERSON, role, how="named after the role set before it", confidence=0.85)


def _names_a_person(words: list[Token]) -> bool:
    """Whether the words beside a role name somebody: not a place, not an organisation."""
    return all(t.ent_type_ not in PLACES for t in words) and not any(
        t.lower_ in ORGANISATION_NOUNS for t in words
    )


#: Words for a part of a group: "some of the world's top scientists", "many of the
#: residents"; never a person named, nor the whole group.
PART_WORDS = frozenset({"one", "some", "many", "several", "most", "few", "dozens", "hundreds"})


def one_of(head: Token, mentions: Mentions, position: int) -> Named | None:
    """ "One of the firefighters, Lena Holt, said": the person named beside it, with the
    group as the role; "one of the residents said" is one of them, nobody named."""
    if head.lower_ not in PART_WORDS:
        return None
    group = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if group is None:
        return None
    if head.lower_ != "one":
        return _part_of(head, group)
    apposed = next((c for c in head.rights if c.dep_ == "appos" and is_proper(c)), None)
    role = without_article(head.doc[head.i : group.right_edge.i + 1].text)
    if apposed is not None and _names_a_person(words := name_words(apposed)):
        name, _titles = clean_name(words)
        if name and not is_bare_role(name):
            full = mentions.full_name(name, position)
            return Named(full, PERSON, role, how="named beside “one of …”", confidence=0.8)
    return Named(role, VAGUE, how="one of a group, not named", confidence=0.6)


def apposed_organisation(head: Token, core: list[Token]) -> Named | None:
    """ "The world's largest airline, Nordic Air Holdings, said": the organisation set beside a
    description of it after a comma, never the description ("world's largest airline")."""
    if is_proper(head) or is_person_noun(head.lower_) or head.tag_ not in {"NN", "NNS"}:
        return None
    apposed = next((c for c in head.rights if c.dep_ == "appos" and is_proper(c)), None)
    if apposed is None or apposed.ent_type_ != "ORG" or not core:
        return None
    entity = next((e for e in head.doc.ents if e.start <= apposed.i < e.end), None)
    if entity is None or entity.label_ != "ORG" or entity.start <= core[-1].i:
        return None
    if head.doc[entity.start - 1].text != "," and head.doc[entity.start - 2].text != ",":
        return None  # "the carrier Nordic Air said" is read as a name already
    name = without_article(entity.text)
    return Named(
        name, ORGANISATION, how="named after the description set before it", confidence=0.8
    )


def titled_person_at_end(
    head: Token, core: list[Token], mentions: Mentions, position: int
) -> Named | None:
    """ "Florida Clinicians for Climate Action Director Melissa Baldwin said": a body's name, a
    title and a person's name before the cue, which the parser often heads by the body. The
    person at the end is the speaker; the body and title are her role, not who spoke."""
    if not is_proper(head) or head.ent_type_ == "PERSON":
        return None
    phrase = _subject_phrase(head)
    first = _person_at_end(phrase, head)
    if first is None:
        return None
    title = phrase[first - 1]
    if not (title.text[:1].isupper() and is_person_noun(title.lower_)):
        return None
    name, _titles = clean_name(phrase[first:])
    if not name or is_bare_role(name):
        return None
    role = without_article(head.doc[phrase[0].i : title.i + 1].text)
    full = mentions.full_name(name, position)
    return Named(full, PERSON, role, how="named after a body's title before it", confidence=0.8)


def _subject_phrase(head: Token) -> list[Token]:
    """The words of the subject, a second subject of the same verb right after it included:
    the parser may split "… Air Director Karen Walsh said" into the body and the person."""
    phrase = list(head.subtree)
    after = next(
        (
            t
            for t in head.head.children
            if t.dep_ == "nsubj" and t.left_edge.i == head.right_edge.i + 1
        ),
        None,
    )
    if head.dep_ == "nsubj" and after is not None:
        phrase += list(after.subtree)
    while phrase and phrase[-1].is_punct:
        phrase.pop()
    return phrase


def _person_at_end(phrase: list[Token], head: Token) -> int | None:
    """Where the person's name the phrase ends with begins, when it is the only one in it and
    comes after the phrase's head and at least two words of a body and a title."""
    if not phrase or phrase[-1].ent_type_ != "PERSON" or phrase[-1].i <= head.i:
        return None
    first = len(phrase) - 1
    while first > 0 and phrase[first - 1].ent_type_ == "PERSON" and phrase[first].ent_iob_ != "B":
        first -= 1
    if first < 2 or any(t.ent_type_ == "PERSON" for t in phrase[:first]):
        return None
    return first


def apposed(head: Token, core: list[Token], mentions: Mentions, position: int) -> Named | None:
    """Who a phrase names by setting a name beside a role or a description of a body."""
    return (
        apposed_person(head, core, mentions, position)
        or titled_person_at_end(head, core, mentions, position)
        or apposed_organisation(head, core)
    )


def _part_of(head: Token, group: Token) -> Named | None:
    """ "Some of the world's top scientists warned": some people of a group, nobody named;
    None when the group is not one of people ("some of the money")."""
    members = [c for c in group.children if c.dep_ == "pobj"]
    if not members or not (
        is_person_noun(members[0].lower_) or members[0].lower_ in ORGANISATION_NOUNS
    ):
        return None
    phrase = without_article(head.doc[head.i : group.right_edge.i + 1].text)
    return Named(phrase, VAGUE, how="part of a group, nobody named", confidence=0.6)
