"""The speaker a noun phrase names: a person, an organisation, a country, or a role alone."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from factdb.intake.groups import BODY_ENDINGS, ORGANISATION_NOUNS, VAGUE_DETERMINERS
from factdb.intake.initials import titled_person
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mentions, Named
from factdb.intake.offices import OFFICES
from factdb.intake.phrases import (
    PLACES,
    after_a_body_noun,
    clean_name,
    described_by_manner,
    entity_in,
    entity_label,
    name_token,
    name_words,
    of_place,
    role_text,
    span_text,
    tokens_text,
    without_article,
)
from factdb.intake.roles import (
    HONORIFICS,
    PERSON_NOUNS,
    ROLE_HEADS,
    SOCIAL_HONORIFICS,
    bare_word,
    is_bare_role,
    is_person_noun,
)
from factdb.intake.who_roles import clause_role

#: "a spokeswoman for the regiment" is the role "spokeswoman for the regiment".
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)


def named_speaker(
    head: Token,
    core: list[Token],
    extra: list[Token],
    mentions: Mentions,
    paragraph: int,
    position: int,
) -> Named | None:
    """A speaker the phrase names: a person, an organisation, or a country speaking for itself."""
    token = _name_in(head, core)
    if token is None:
        alone = _organisation_alone(head, core)
        return _surname_of_person(alone, mentions, position) or _in_full(alone, mentions, position)
    words = name_words(token)
    titled = titled_person(words, entity_label(token))
    words = words[1:] if titled else words  # "Councillor Pavel Novak", "Councilor ND": people
    name, titles = clean_name(words)
    if not name:
        return None
    full = _full_name(name, token, mentions, position)
    known_person = (
        titled
        or full != name
        or any(m.name == name for m in mentions.people)
        or described_by_manner(_before_name(core, words))
    )
    other = _not_a_person(
        head, core, token, words, name, known_person, mentions, (paragraph, position)
    )
    other = _in_full(other, mentions, position) or _body_by_which(head, name, full, titled)
    if other is not None or (not titled and name.isupper() and len(name) <= 5 and " " not in name):
        return other  # an acronym alone is not a person
    role = _person_role(head, core, extra, token, words, titles) or clause_role(token)
    how = "named" if full == name else f"“{name}” is {full}, named in full elsewhere"
    return Named(
        full,
        PERSON,
        role or mentions.roles.get(full),
        how=how,
        confidence=0.9 if full == name else 0.85,
    )


def _body_by_which(head: Token, name: str, full: str, titled: bool) -> Named | None:
    """ "Kestrel Jewelers, which owns three chains, said": a name the recogniser read as a
    person's, but "which" is said of a body ("who" would be said of a person); never a name
    with a title or one given in full elsewhere."""
    if titled or full != name or not _which_of_the_name(head):
        return None
    # the recogniser's person needs more: a plural name ("Kestrel Jewelers") is nobody's
    which = entity_label(head) != "PERSON" or head.tag_ == "NNPS"
    how = "named; a clause with “which” after it is said of a body, never of a person"
    return Named(name, ORGANISATION, how=how, confidence=0.8) if which else None


def _which_of_the_name(head: Token) -> bool:
    """ "Kestrel Jewelers, which owns three chains, said": a clause with "which" closed inside
    the name's own phrase, before its verb; "said Ana Ruiz, which surprised the board" speaks
    of the whole sentence, never of her."""
    verb = head.head
    return head.i < verb.i and any(
        child.dep_ == "relcl"
        and child.right_edge.i < verb.i
        and any(c.lower_ == "which" and c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
        for child in head.rights
    )


def _surname_of_person(named: Named | None, mentions: Mentions, position: int) -> Named | None:
    """ "Reyes said", "Reyes" read as an organisation's name: the Jason Reyes named in full
    before is a person, and so is his surname alone."""
    if named is None or not named.name or " " in named.name or not named.name[:1].isupper():
        return None
    full = mentions.full_name(named.name, position)
    if " " not in full or not any(m.name == full for m in mentions.people):
        return None
    return Named(
        full,
        PERSON,
        mentions.roles.get(full),
        how=f"“{named.name}” is {full}, named in full elsewhere",
        confidence=0.8,
    )


def _in_full(named: Named | None, mentions: Mentions, position: int) -> Named | None:
    """ "the Exchange", "the Council": the organisation named before in full whose name ends so
    (the London Stock Exchange, the Nordic Water Council)."""
    if named is None or named.kind != ORGANISATION or not named.name:
        return named
    longer = mentions.longer_organisation(named.name, position)
    if longer is not None:
        named.how = f"“{named.name}” is {longer}, named in full before"
        named.name = longer
    return named


def _full_name(name: str, token: Token, mentions: Mentions, position: int) -> str:
    """The name in full: given earlier in the article, or a surname given whole in the headline."""
    full = mentions.full_name(name, position)
    if full == name and " " not in name and entity_label(token) == "PERSON":
        full = mentions.headline_name(name)
    if full == name and " " not in name and entity_label(token) in {"PERSON", ""}:
        full = mentions.other_full_name(name, position)
    return full


def _not_a_person(
    head: Token,
    core: list[Token],
    token: Token,
    words: list[Token],
    name: str,
    known_person: bool,
    mentions: Mentions,
    where: tuple[int, int],
) -> Named | None:
    """The speaker when the name is a role, an organisation or a country; None for a person."""
    paragraph, position = where
    if not known_person and is_bare_role(name) and not _surname_like_a_title(token, name):
        if any(t.dep_ == "det" and t.lower_ in VAGUE_DETERMINERS for t in core):
            # "another MP said": somebody new, never the MP named before
            return Named(span_text(core), VAGUE, how="a role, nobody named", confidence=0.5)
        return role_only(tokens_text(words), mentions, paragraph, position)
    if (
        not known_person
        and (_names_organisation(head, token) or after_a_body_noun(words))
        and not (
            entity_label(token) == "ORG" and _described_as_person(head, _before_name(core, words))
        )
    ):
        # "head coach Alvin Gentry said": a noun for people before the name makes it a
        # person's, whatever the recogniser took it for.
        whole = getattr(entity_in(core, ("ORG",)), "text", name)  # "General Motors", whole
        return _organisation(head, core, whole)
    if _nationality_described(head, token):
        # "the Texas Republican said": a person described by party or nation, named before.
        return role_only(span_text(core), mentions, paragraph, position)
    if (
        entity_label(token) in PLACES
        and not known_person
        and not _described_as_person(head, _before_name(core, words))
    ):
        return _country(head, core, token)
    return None


#: Titles that are surnames too: "union member Toby King", "Sarah Bishop".
_SURNAME_TITLES = frozenset(
    {"king", "bishop", "judge", "major", "prince", "marshal", "marshall", "dean", "pope",
     "chancellor", "sheriff", "cardinal", "deacon", "earl", "knight", "baron"}
)  # fmt: skip


def _surname_like_a_title(token: Token, name: str) -> bool:
    """ "Toby King": a person the recogniser named, whose surname is also a title, after a
    first name that is no title ("Senate Majority Leader" and "Bishop" alone are roles)."""
    words = name.split()
    return (
        entity_label(token) == "PERSON"
        and 2 <= len(words) <= 3
        and words[-1].casefold() in _SURNAME_TITLES
        and not any(is_bare_role(word) for word in words[:-1])
    )


def _name_in(head: Token, core: list[Token]) -> Token | None:
    """The token that names the speaker, or the root of a person named inside the phrase."""
    token = name_token(head)
    if token is None:
        person = entity_in(core, ("PERSON",))
        token = person.root if person is not None else None
        if token is not None and _describes(head, token):
            return None  # "the Vellmar boss": a club's boss, not a person named Vellmar
    return token


def _describes(head: Token, token: Token) -> bool:
    """Whether a proper noun is only a modifier in a description: "the Vellmar boss",
    "Tottenham Hotspur manager spoke", where a person's name never stands before a role, and
    whose the role is: "Holt's spokeswoman"."""
    if token.dep_ == "poss" and token.head == head and is_person_noun(head.lower_):
        # "Holt's spokeswoman said", "Bulger's attorneys": who speaks for Holt, never Holt
        return True
    return (
        token.dep_ == "compound"
        and token.head == head
        and head.tag_ == "NN"
        and (
            any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            or head.lower_ in ROLE_HEADS | PERSON_NOUNS
        )
    )


def _organisation_alone(head: Token, core: list[Token]) -> Named | None:
    """ "the Kestrian foreign ministry": an organisation named where no person is."""
    organisation = entity_in(core, ("ORG",))
    if organisation is not None and (
        head.lower_ in ORGANISATION_NOUNS or organisation.root == head
    ):
        return _organisation(head, core, organisation.text)
    return None


def _names_organisation(head: Token, token: Token) -> bool:
    """Whether the name is an organisation's, by the recogniser, by the noun it heads, or by
    the word that ends a body's name ("the Harwick Gazette", "Kilby Rovers")."""
    ending = head.lower_ in BODY_ENDINGS and any(c.dep_ == "compound" for c in head.lefts)
    return entity_label(token) == "ORG" or (
        token == head and (head.lower_ in ORGANISATION_NOUNS or ending)
    )


def _organisation(head: Token, core: list[Token], name: str) -> Named:
    """The organisation, written as the whole phrase when its head is a noun for one."""
    text = span_text(core) if head.lower_ in ORGANISATION_NOUNS else name
    place = of_place(head.doc, max(t.i for t in core) + 1) if core else None
    if place is not None and text.endswith(core[-1].text):
        text = f"{text} of {place}"  # "the Family Policy Institute of Washington", whole
    return Named(without_article(text), ORGANISATION, how="organisation named", confidence=0.85)


def _nationality_described(head: Token, token: Token) -> bool:
    """ "the Texas Republican": a party or a nation standing, with "the", for a person."""
    return (
        entity_label(token) == "NORP"
        and token == head
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    )


def _before_name(core: list[Token], words: list[Token]) -> list[Token]:
    """The words of the phrase before the name: where its role stands."""
    first = words[0].i
    return [t for t in core if t.i < first and t not in words]


def _described_as_person(head: Token, before: list[Token]) -> bool:
    """Whether a noun for people describes the name: a person then, not a place; also one
    set beside it ("Ines Okafor, a spokeswoman for the council, said")."""
    return (
        any(t.lower_ in PERSON_NOUNS for t in before)
        or head.lower_ in PERSON_NOUNS
        or any(c.dep_ == "appos" and c.lower_ in PERSON_NOUNS for c in head.rights)
    )


def _country(head: Token, core: list[Token], token: Token) -> Named | None:
    """A country as the subject speaks through its government; any other place never speaks."""
    if head.dep_.startswith("nsubj") and token == head and len(core) <= 3:
        return Named(
            without_article(span_text(core)),
            ORGANISATION,
            how="a country speaks through its government",
            confidence=0.7,
        )
    return None  # a place is never a speaker


def _person_role(
    head: Token,
    core: list[Token],
    extra: list[Token],
    token: Token,
    words: list[Token],
    titles: str,
) -> str | None:
    """The role the phrase gives its person: before the name, joined to it, or set beside it."""
    role = _role_before_name(_before_name(core, words), words, titles)
    if token != head:  # "virologist and Chief of Science Shannon Bennett"
        joined = [t for t in head.doc[core[0].i : words[0].i] if t not in words and t.dep_ != "cc"]
        role = ", ".join(filter(None, [role, role_text(joined)]))
    if extra and not (extra[0] == token or token in extra) and not _an_age(extra):
        role = _with_extra(role, extra, [t for t in [*core, *words] if t.i < token.i])
    if role:  # "judge, judge": a role found twice over is said once
        parts = (_ARTICLE.sub("", part.strip()) for part in role.split(","))
        role = ", ".join(_each_once(part for part in parts if part))
    return role


def _role_before_name(before: list[Token], words: list[Token], titles: str) -> str | None:
    """The words before the name and the title its run holds, read on as one role: "former
    U.S. District Judge Ana Ruiz" is a former U.S. District Judge."""
    role = None if described_by_manner(before) else role_text(before)
    if titles and not role:
        return titles
    if titles and role and before[-1].i + 1 == words[0].i and titles not in role:
        return f"{role} {titles}"
    return role


def _with_extra(role: str | None, extra: list[Token], before: list[Token]) -> str:
    """The role with the phrase set beside the name: "Det. Sgt. Ann Roe of the county police"
    is one role, a rank and the body it serves (a rank written short goes with it too: "Sgt.
    Ivo Stroud with the police", never a courtesy: "Dr."); an apposition is another part."""
    phrase = span_text(extra).strip(" ,")
    if extra[0].dep_ != "prep":
        return ", ".join(filter(None, [role, phrase]))
    if not role:
        ranks = [t for t in before if bare_word(t) in HONORIFICS - SOCIAL_HONORIFICS]
        role = tokens_text(sorted(set(ranks), key=lambda t: t.i))
    # "Sen. Ana Ruiz of Harwick": where she is from, kept apart; "Sen. of Harwick" is unwritten
    return (", " if _a_place(extra[0]) else " ").join(filter(None, [role, phrase]))


def _a_place(preposition: Token) -> bool:
    """Whether "of …" names a place, not a body a rank serves ("of the county police")."""
    places = [c for c in preposition.children if c.dep_ == "pobj"]
    if not places:
        return False
    place = places[0]
    if any(c.dep_ == "det" and c.lower_ == "the" for c in place.children):
        return False  # "Judge Ana Ruiz of the Northern District": the area the office serves
    if place.ent_type_ in {"GPE", "LOC"}:
        return True
    return (
        place.tag_ == "NNP"
        and place.ent_type_ != "ORG"
        and place.lower_ not in ORGANISATION_NOUNS
        and not any(c.dep_ in {"det", "compound", "poss"} for c in place.children)
    )


def _each_once(parts: Iterable[str]) -> list[str]:
    """The parts of a role, each said once: "Chairman" goes where "Chairman and Chief
    Executive Officer" is said too."""
    unique = list(dict.fromkeys(parts))
    return [p for p in unique if not any(p != q and f" {p} " in f" {q} " for q in unique)]


def _an_age(extra: list[Token]) -> bool:
    """ "Otto Brenner, 84": a number beside the name is an age, not a role."""
    words = [t for t in extra if not t.is_punct]
    return bool(words) and all(t.like_num for t in words)


def role_only(role: str, mentions: Mentions, paragraph: int, position: int) -> Named:
    """ "the TMC MP said", "President said": the person named with that role, or named just before."""
    word = role.split()[-1].casefold().rstrip(".")
    found, matched = mentions.described(word, position, paragraph)
    how = ", named just before"
    if not matched and word in OFFICES:
        # "The ministry's Spokesperson said": whoever the article gave that office, or else
        # the one quoted just before or named just after, not whoever was named last.
        found, how = mentions.office_holder(word, position, paragraph)
    if found is not None and found.kind == PERSON and (matched or paragraph - found.paragraph <= 1):
        name = mentions.full_name(found.name, position)
        return Named(
            name,
            PERSON,
            mentions.roles.get(name) or role,
            how=f"“{role}” resolved to {name}" + ("" if matched else how),
            confidence=0.7 if matched else 0.55,
        )
    return Named(role, VAGUE, how=f"“{role}” is a role, and nobody is named for it", confidence=0.5)
