"""Gather the people and organisations a paragraph names outside its quotations."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from factdb.intake.capitals import written_name
from factdb.intake.groups import BODY_ENDINGS
from factdb.intake.initials import titled_initials
from factdb.intake.mentions import ORGANISATION, PERSON, Mention
from factdb.intake.nationalities import NATIONALITY_NOUNS
from factdb.intake.offices import affiliations, titles_before
from factdb.intake.org_kinds import is_a_site
from factdb.intake.phrases import (
    after_a_body_noun,
    clean_name,
    described_by_manner,
    person_words,
    role_text,
    titled_name,
    without_article,
)
from factdb.intake.releases import is_exchange
from factdb.intake.roles import PERSON_NOUNS, ROLE_HEADS, bare_word, is_bare_role, is_person_noun
from factdb.intake.spans import after_the, reporting_paper
from factdb.intake.speakers import person_shaped
from factdb.intake.title_objects import title_of, titled_entity


def entity_mentions(
    doc: Doc, offset: int, paragraph: int, inside_quotes: Callable[[int], bool]
) -> list[Mention]:
    """Every person and organisation named in the paragraph, outside its quotations."""
    found = []
    parsed = doc.has_annotation("DEP")
    # Unparsed, the first person named is taken for the subject: "Dana Whitfield has done it
    # again, beating Petra Lund" is about Whitfield.
    first_person = next((e for e in doc.ents if e.label_ == "PERSON"), None)
    for ent in doc.ents:
        if inside_quotes(ent.start_char + offset):
            continue
        subject = (not parsed and ent == first_person) or _is_subject(ent)
        titled = titled_entity(ent)  # None for a paragraph read only for names
        if titled is not None:
            # "Ambassador to the U.S. Anatoly Lind" read as one organisation's name
            found.append(_titled_person(*titled, offset, paragraph))
        elif ent.label_ == "PERSON" and before_a_role(ent):
            # "Tottenham Hotspur manager spoke …": a club or a body a role belongs to, never
            # a person (a person's name does not stand before "manager" with nothing after).
            name = without_article(ent.text)
            found.append(
                Mention(ent.start_char + offset, paragraph, name, ORGANISATION, owner=True)
            )
        elif ent.label_ == "PERSON" and _ends_like_a_body(ent):
            # "Harbour Town FC manager Ivo Brandt", "told the Gazette", "the Harwick Tribune
            # reported": a club or a paper the recogniser took for a person
            found.append(_body_read_as_person(ent, parsed, offset, paragraph, subject))
        elif ent.label_ == "PERSON" or titled_name(list(ent)):
            # "Councillor Pavel Novak" read as an organisation's: a title, then a name
            mention = _person(ent, parsed, offset, paragraph, subject, inside_quotes)
            if mention is not None:
                found.append(mention)
        elif ent.label_ in _MISREAD_PEOPLE and _described_as_person(ent):
            # "factory owner Ivo Kranjc said …": a noun for people before the name makes it a
            # person's, whatever the recogniser took it for; a later "he said" is him.
            mention = _person(ent, parsed, offset, paragraph, subject, inside_quotes)
            if mention is not None:
                found.append(mention)
        elif ent.label_ == "ORG":
            mention = _organisation(ent, parsed, offset, paragraph, subject)
            if mention is not None:
                found.append(mention)
    return found


def _organisation(
    ent: Span, parsed: bool, offset: int, paragraph: int, subject: bool
) -> Mention | None:
    """The organisation the entity names, and whether it only received the words or is only
    where a role is held ("Ambassador to the United States": never a person)."""
    name = without_article(ent.text)
    if is_exchange(name):  # "(NASDAQ: TPCO)" lists a share, it never speaks
        return None
    mention = Mention(ent.start_char + offset, paragraph, name, ORGANISATION, None, subject)
    mention.recipient = parsed and given_the_words(ent.root)
    mention.owner = parsed and title_of(ent.root) is not None
    mention.place = is_a_site(ent)
    return mention


def _body_read_as_person(
    ent: Span, parsed: bool, offset: int, paragraph: int, subject: bool
) -> Mention:
    """A club or a paper the recogniser took for a person, and whether it only passed words on."""
    name = without_article(ent.text)
    mention = Mention(ent.start_char + offset, paragraph, name, ORGANISATION, None, subject)
    mention.recipient = parsed and reporting_paper(ent.root)
    return mention


def _ends_like_a_body(ent: Span) -> bool:
    """ "Harbour Town FC", "Lindqvist Holdings Ltd": a name of two words or more ending so;
    or one word right after "the", as no person's name stands ("told the Gazette"); or one a
    noun for an organisation stands before ("the think tank Vantor"); or a paper passing words
    on ("the Harwick Tribune reported")."""
    words = ent.text.rstrip(".").split()
    return (
        after_the(ent)
        or reporting_paper(ent.root)
        or (len(words) >= 2 and words[-1].casefold().rstrip(".") in BODY_ENDINGS)
        or after_a_body_noun(list(ent))  # "the think tank Vantor said"
    )


#: Verbs and nouns whose object after "to" or "with" is who was given the words.
_GIVING = frozenset(
    {"shared", "provided", "sent", "given", "gave", "emailed", "e-mailed", "released", "issued",
     "told", "said", "wrote", "written", "statement", "comment", "comments", "email", "remarks",
     "interview", "letter", "response"}
)  # fmt: skip
#: Verbs whose subject passes on words it was given: "the Harwick Tribune reported".
_REPORTING = frozenset({"reported", "reports"})
#: Verbs whose direct object is who was given the words: "told the Kilby Ledger".
_TELLING = frozenset({"told", "tells", "tell", "emailed", "e-mailed", "texted", "informed"})


def given_the_words(token: Token) -> bool:
    """Whether a name is only who received a statement: "shared with the Harwick Gazette", "a
    statement provided to News 8", "told the Kilby Ledger in an emailed statement"; or only
    the outlet that passes someone's words on ("…,” he said, the Harwick Tribune reported")."""
    if token.dep_ in {"dobj", "dative"} and token.head.lower_ in _TELLING:
        return True
    if token.dep_ == "nsubj" and token.head.lower_ in _REPORTING:
        return True
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ in {"to", "with"}
        and preposition.head.lower_ in _GIVING
    )


#: Kinds the recogniser gives a person's name by mistake ("a neighbour Darnell Pruitt": a place).
_MISREAD_AS = frozenset({"FAC", "PRODUCT", "WORK_OF_ART", "GPE", "LOC", "NORP", "EVENT"})


def misread_full_names(
    doc: Doc, offset: int, inside_quotes: Callable[[int], bool]
) -> list[tuple[int, str]]:
    """Names of two or three capitalised words the recogniser gave another kind than a
    person's: kept only so that a surname alone said later can find its first name."""
    found = []
    for ent in doc.ents:
        words = list(ent)
        if (
            ent.label_ in _MISREAD_AS
            and 2 <= len(words) <= 3
            and all(_name_like(t) for t in words)
            and not inside_quotes(ent.start_char + offset)
        ):
            found.append((ent.start_char + offset, ent.text))
    return found


def _name_like(token: Token) -> bool:
    """A word that could be part of a person's name: a capital, then lower case, no role."""
    text = token.text
    return (
        text[:1].isupper()
        and text[1:].islower()
        and text.isalpha()
        and token.tag_ in {"NNP", "NNPS"}
        and not is_bare_role(text)
    )


def before_a_role(ent: Span) -> bool:
    """Whether a name stands before a role in lower case that no name follows: "Tottenham
    Hotspur manager spoke", "the Harwick family lawyer said" (not "Rovers coach Lena Holt")."""
    doc = ent.doc
    if ent.end >= len(doc):
        return False
    role = doc[ent.end]
    after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    return (
        role.text.islower()
        and bare_word(role) in ROLE_HEADS | PERSON_NOUNS
        and (after is None or not after.text[:1].isupper())
    )


#: Kinds the recogniser gives a person's name that a noun for people beside it corrects.
_MISREAD_PEOPLE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})


def _described_as_person(ent: Span) -> bool:
    """ "club captain Tomas Brenner", "factory owner Ivo Kranjc", "Ines Okafor, a spokeswoman
    for the council,": a name of two or three words that a noun for people in lower case
    stands just before, in the same phrase, or beside, set off by a comma."""
    if is_person_noun(bare_word(ent[0])) and name_shaped(ent[1:].text):
        return True  # "Skipper JP Marlow" opening a sentence, read whole as a body's name
    if not name_shaped(ent.text):
        return False
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if (
        before is not None
        and before.text.islower()
        and bare_word(before) in ROLE_HEADS | PERSON_NOUNS
        # unparsed (a paragraph read only for names), the words beside each other suffice
        and (not doc.has_annotation("DEP") or before.head.i in range(ent.start, ent.end))
    ):
        return True
    return doc.has_annotation("DEP") and any(
        child.dep_ == "appos" and child.text.islower() and is_person_noun(child.lower_)
        for child in ent.root.rights
    )


#: Initials standing for a first name: "JP", "A.B.", "M.S.".
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]{2,3}")


def name_shaped(name: str) -> bool:
    """ "Ivo Kranjc", and with initials for the first name "JP Marlow", "A.B. Kessler": the
    words of a person's name (an acronym alone is no first name, but initials are written so)."""
    first, _, rest = name.partition(" ")
    if not _INITIALS.fullmatch(first):
        return person_shaped(name)
    return 1 <= len(rest.split()) <= 2 and person_shaped(f"Initials {rest}")


def _is_subject(ent: Span) -> bool:
    """ "the judge, Ines H. Brannock, said": a name in apposition to the subject is the subject."""
    root = ent.root
    return root.dep_ in {"nsubj", "nsubjpass"} or (
        root.dep_ in {"appos", "conj"} and root.head.dep_ in {"nsubj", "nsubjpass"}
    )


def _person(
    ent: Span,
    parsed: bool,
    offset: int,
    paragraph: int,
    subject: bool,
    inside_quotes: Callable[[int], bool],
) -> Mention | None:
    """The person the entity names, with the role written before or beside the name."""
    tokens = person_words(list(ent))
    initials = titled_initials(tokens)  # "Councilor ND": the role, then the name
    name, titles = clean_name(tokens[1:] if initials else tokens)
    if not name or (name.isupper() and len(name) <= 5 and not initials) or is_bare_role(name):
        return None
    if (
        name.casefold() in NATIONALITY_NOUNS
        and ent.start
        and ent.doc[ent.start - 1].lower_ == "the"
    ):
        return None  # "the Scot offered his congratulations": a description, not a name
    if name.isupper() and not initials:
        name = written_name(name)  # "ANNA BERG" of a heading is the Anna Berg of the text

    def quoted(index: int) -> bool:
        return inside_quotes(index + offset)

    # "Lt. Col. Jane Doe, a spokeswoman for the regiment": the rank and the role, both kept
    parts = [_role_before(ent, tokens), _apposed_role(ent, quoted)] if parsed else []
    role = ", ".join(part for part in parts if part) or titles
    # "Councillor Pavel Novak", "Defender Jan van Buren": a role the recogniser took in
    role = role or role_text([t for t in ent if t.i < tokens[0].i])
    start = tokens[0].idx + offset
    return Mention(
        start, paragraph, name, PERSON, role, subject, titles_before(ent), affiliations(ent)
    )


def _titled_person(
    title: Token, _place: list[Token], words: list[Token], offset: int, paragraph: int
) -> Mention:
    """The person named after a title and its place: the title and the place are the role."""
    name, _titles = clean_name(words)
    role = role_text(list(title.doc[title.i : words[0].i]))
    subject = title.dep_ in {"nsubj", "nsubjpass"}
    start = words[0].idx + offset
    return Mention(start, paragraph, name, PERSON, role, subject, frozenset({bare_word(title)}))


def _role_before(ent: Span, tokens: list[Token]) -> str | None:
    """ "Finance Minister Jane Doe": the role written before the name, in the same phrase."""
    first = tokens[0].i
    before = [
        t for t in ent.root.lefts if t.i < first and t.dep_ in {"compound", "amod", "poss", "nmod"}
    ]
    if not before:
        return None
    words = sorted({w for t in before for w in t.subtree}, key=lambda t: t.i)
    article = [t for t in ent.root.lefts if t.dep_ == "det"]
    return None if described_by_manner(article + words) else role_text(words)


def _apposed_role(ent: Span, quoted: Callable[[int], bool]) -> str | None:
    """ "The minister of information, Mohammed Idris," and "Alam, chief financial officer at
    Square Pharma": the role set beside a name."""
    root = ent.root
    if root.dep_ == "appos" and root.head.tag_ in {"NN", "NNS"} and root.head.i < ent.start:
        words = [t for t in root.head.subtree if t.i < ent.start and not t.is_punct]
        return role_text(words)
    for child in root.rights:
        if quoted(child.idx):
            continue  # "Mira Castellano: “A victory …”": quoted words are never a role
        if child.dep_ == "appos" and child.tag_ in {"NN", "NNS"}:
            words = [
                t
                for t in child.subtree
                if not (t.is_punct and t.i in {child.left_edge.i, child.right_edge.i})
            ]
            return role_text(words)
    return None
