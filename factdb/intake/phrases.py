"""Read a noun phrase's parts: its core and apposition, the name in it, the role beside it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from factdb.intake.groups import ORGANISATION_NOUNS
from factdb.intake.honorifics import ends_honorifics, in_honorifics
from factdb.intake.peerage import title_before
from factdb.intake.roles import (
    HONORIFICS,
    ROLE_HEADS,
    SOCIAL_HONORIFICS,
    TITLE_WORDS,
    bare_word,
    is_person_noun,
    pro_tem,
)
from factdb.intake.spans import entities_from, entity_over
from factdb.intake.surnames import hyphenated_start, particle_end, particles_before
from factdb.intake.title_objects import first_name_after_place, title_of, without_place

#: "O’ Brien", "D' Souza": an Irish or Romance prefix set apart from the name by a stray space.
_SPACED_APOSTROPHE = re.compile(r"\b([A-Z]['’])\s+(?=[A-Z])")
#: "R.J.Lenard": initials written without the space before the surname.
_GLUED_INITIALS = re.compile(r"\b((?:[A-Z]\.){2,3})(?=[A-Z][a-z])")


def person_words(words: list[Token]) -> list[Token]:
    """A person's name with the first names the recogniser left out: "Amy Berman" of "Amy Berman
    Jackson" when it tagged only "Jackson"; a title, an acronym or an organisation ends it."""
    if not words:
        return words
    doc = words[0].doc
    # "Marie Le" of "Marie Le Goff": a surname's particle the recogniser cut the name after
    found = _without_role(list(doc[words[0].i : particle_end(doc, words[0].i, words[-1].i + 1)]))
    found = without_place(found)  # "Vostria Jon Harlan" after "Ambassador to"
    index = found[0].i - 1
    untagged = not doc.has_annotation("TAG")
    while index >= 0:
        token = doc[index]
        if _first_name_in_brackets(doc, index):
            # "Chief Justice (John) Roberts": the first name an editor added is part of it.
            found.insert(0, doc[index - 1])
            index -= 3
            continue
        start = min(particles_before(doc, index + 1), hyphenated_start(doc, index + 1))
        if start <= index:
            # "Pieter ter Horst", "Anna Smith-Jones": a surname's particle or hyphen
            found[:0] = list(doc[start : index + 1])
            index = start - 1
            continue
        if _ends_the_name(token, found, untagged):
            break
        found.insert(0, token)
        index -= 1
    # "Vostria Ana Maria Kowalski", the place taken in with the first names: still a place
    return without_place(found)


def _ends_the_name(token: Token, found: list[Token], untagged: bool) -> bool:
    """Whether a word before a name's words is no part of it: not a proper noun (unparsed, a
    word the recogniser gave no name), a capital, an office, a body, a rank or a place."""
    doc, index = token.doc, token.i
    return (
        # unparsed, a word of a name the recogniser gave: "Pieter" of "Defender Pieter"
        not (
            token.tag_ in {"NNP", "NNPS"}
            or (untagged and token.ent_type_ == "PERSON")
            or (untagged and first_name_after_place(token))
        )
        or not token.text[:1].isupper()
        or token.text.isupper()
        or (
            token.ent_type_ not in {"", "PERSON"}
            # "Ravi Babu Thapa", where the recogniser took "Ravi" for a place
            and not (token.ent_type_ == "GPE" and token.dep_ == "compound" and token.head in found)
        )
        or bare_word(token) in HONORIFICS
        or bare_word(token) in ROLE_HEADS
        or ends_honorifics(doc, index)
        or role_not_title(token)
        or bare_word(token) in ORGANISATION_NOUNS
        or _ends_a_rank(token)  # "Sgt. First Class Ole Brekke"
        or title_of(token) is not None  # "Minister for Foreign Affairs Lena Dovrat"
    )


def _without_role(found: list[Token]) -> list[Token]:
    """The entity's words without a role or the end of a rank the recogniser took in:
    "Defender Jan van Buren", "Chief Warrant Officer 2 Ana Ruiz", "Class Ole Brekke"."""
    while len(found) > 2 and (
        role_not_title(found[0]) or found[0].like_num or _ends_a_rank(found[0])
    ):
        found = found[1:]
    return found


#: Ordinals of a rank's class: "Sgt. First Class", "Petty Officer Second Class".
_ORDINALS = frozenset(["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"])


def _ends_a_rank(token: Token) -> bool:
    """Whether the word is "Class" of a rank ("Sgt. First Class"), never part of a name."""
    doc = token.doc
    return bare_word(token) == "class" and token.i > 0 and bare_word(doc[token.i - 1]) in _ORDINALS


def titled_name(words: list[Token]) -> bool:
    """ "Councillor Pavel Novak", "Alderman Ana Ruiz": a word for people, then two or three
    words of a name, which the recogniser may read as an organisation's."""
    return (
        3 <= len(words) <= 4
        and is_person_noun(bare_word(words[0]))
        and all(
            t.text[:1].isupper()
            and t.text[1:].islower()
            and t.text.isalpha()
            and t.tag_ in {"NNP", "NNPS", ""}  # "": a paragraph read only for names
            and not is_person_noun(t.lower_)
            and t.lower_ not in ORGANISATION_NOUNS
            for t in words[1:]
        )
    )


def role_not_title(token: Token) -> bool:
    """ "Defender", "striker": a word for people that no title or honorific rule removes."""
    word = bare_word(token)
    return is_person_noun(word) and word not in TITLE_WORDS and word not in HONORIFICS


def _first_name_in_brackets(doc: Doc, index: int) -> bool:
    """Whether `index` closes a bracketed capitalised word just before a name: "(John)"."""
    if index < 2 or doc[index].text != ")" or doc[index - 2].text != "(":
        return False
    word = doc[index - 1]
    return word.text[:1].isupper() and word.text.isalpha() and word.ent_type_ in {"", "PERSON"}


def clean_name(words: list[Token]) -> tuple[str, str]:
    """Drop honorifics, titles and a trailing possessive from a name; return (name, titles).

    "Pender County Schools Superintendent Dr. Brad Breedlove" is Brad Breedlove: whatever stands
    before the last title or honorific is the role, not the name.
    """
    words = list(words)
    while words and (words[-1].tag_ == "POS" or words[-1].is_punct):
        words = words[:-1]
    cut = max(
        (
            i
            for i, t in enumerate(words[:-1])
            if (bare_word(t) in HONORIFICS or bare_word(t) in TITLE_WORDS or _ends_a_rank(t))
            and not _hyphenated(t)  # "Sharon Bishop-Baldwin": a surname, not a bishop
        ),
        default=-1,
    )
    cut = _past_the_office(words, cut)
    if pro_tem([bare_word(t) for t in words[cut + 1 : cut + 3]]):
        cut += 2  # "(Mayor) Pro Tem Tomas Velder": the role held for the time being
    titles = tokens_text([t for t in words[: cut + 1] if bare_word(t) not in HONORIFICS])
    text = tokens_text(words[cut + 1 :])
    peerage = title_before(words, cut)
    if peerage:
        text = f"{peerage} {text}"  # "Lord Pellow", "Sir Richard": the title names them too
    text = _SPACED_APOSTROPHE.sub(r"\1", text)  # "Sean O’ Brien" is Sean O’Brien
    text = _GLUED_INITIALS.sub(r"\1 ", text)  # "R.J.Lenard" is R.J. Lenard
    return re.sub(r"['’]s$", "", text).strip(), titles


def _past_the_office(words: list[Token], cut: int) -> int:
    """ "Foreign Affairs Ivo Brandt": a word that says which office ("Foreign") is read with the
    plural word after it ("Affairs", "Relations"), which ends the office, when a name of two
    words or more still follows; "First Lady Ana Maria Ruiz" keeps her three."""
    word = bare_word(words[cut]) if cut >= 0 else ""
    if word not in TITLE_WORDS or word in ROLE_HEADS:
        return cut
    after = words[cut + 1 :]
    if len(after) >= 3 and after[0].ent_type_ != "PERSON" and after[0].tag_ == "NNPS":
        return cut + 1
    return cut


def _hyphenated(token: Token) -> bool:
    """Whether a word is joined by a hyphen to the next or the one before ("Bishop-Baldwin")."""
    doc = token.doc
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    return after or before


def tokens_text(tokens: list[Token]) -> str:
    """The tokens as the article writes them: "Smith-Jones", never "Smith - Jones".

    Neighbouring tokens keep the spacing between them (none inside a hyphenated name); a gap
    where words were left out becomes one space.
    """
    parts: list[str] = []
    for before, token in zip([None, *tokens], tokens, strict=False):
        if before is not None:
            parts.append(before.whitespace_ if token.i == before.i + 1 else " ")
        parts.append(token.text)
    return " ".join("".join(parts).split())


def span_text(tokens: list[Token]) -> str:
    """The text the tokens cover, as written, from the first to the last."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def noun_phrase(head: Token) -> tuple[list[Token], list[Token]]:
    """The noun phrase of `head` (left modifiers, compounds) and its apposition or role phrase."""
    keep = {"compound", "amod", "det", "poss", "nmod", "nummod", "case", "quantmod", "punct"}
    core: list[Token] = []

    def walk(token: Token) -> None:
        for child in token.lefts:
            if child.dep_ in keep:
                walk(child)
        core.append(token)
        for child in token.rights:
            if child.dep_ in {"compound", "case"} or (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and token.lower_ in {"head", "chief", "secretary", "minister", "ministry"}
            ):
                for grandchild in child.subtree:
                    core.append(grandchild)

    walk(head)
    core = sorted(set(core), key=lambda t: t.i)
    while core and (core[0].is_punct or (core[0].dep_ == "det" and core[0].lower_ == "the")):
        core = core[1:]
    while core and core[-1].is_punct:
        core = core[:-1]
    extra: list[Token] = []
    for child in head.rights:
        if child.dep_ == "appos" or (
            child.dep_ == "prep" and child.lower_ in {"of", "for", "with", "at", "from"}
        ):
            if child.dep_ == "prep" and child in core:
                continue
            extra = [t for t in child.subtree if t.i not in _set_off_relatives(child)]
            break
    return core, extra


def _set_off_relatives(head: Token) -> set[int]:
    """ "head of the survey, who joined in 2019": a clause set off by a comma says more about
    the person, and is no part of the role."""
    doc = head.doc
    return {
        t.i
        for clause in head.subtree
        if clause.dep_ == "relcl" and doc[clause.left_edge.i - 1].text == ","
        for t in doc[clause.left_edge.i - 1 : clause.right_edge.i + 1]
    }


def entity_in(tokens: list[Token], labels: tuple[str, ...]) -> Span | None:
    """The first entity of the labels, in order of preference, inside the tokens."""
    if not tokens:
        return None
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    within = entities_from(doc, first, last)
    for label in labels:
        for ent in within:
            if ent.label_ == label and ent.end - 1 <= last:
                return ent
    return None


def role_text(tokens: list[Token]) -> str | None:
    """The words of a role without articles or honorifics; None when nothing is left."""
    words = [t for t in tokens if not (t.dep_ == "det" and t.lower_ in {"a", "an", "the"})]
    words = [t for t in words if bare_word(t) not in SOCIAL_HONORIFICS and not in_honorifics(t)]
    if len(words) < 2:  # "Sen." alone is how a name is addressed; "U.S. Sen." is an office
        words = [t for t in words if bare_word(t) not in HONORIFICS]
    text = span_text(words).strip(" ,") if words else ""
    return text or None


#: What may stand between "a" and a name that describes how a person was, never what they are:
#: adjectives, participles, adverbs and the pieces of "choked-up".
_MANNER_TAGS = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG", "RB", "RBR", "HYPH", "RP"})


def described_by_manner(before: list[Token]) -> bool:
    """ "an emotional Ivo Brandt", "a choked-up Ana Ruiz": "a" and an adjective before a name
    describe a person in the moment, and name no role; an organisation is never written so."""
    return (
        len(before) >= 2
        and before[0].dep_ == "det"
        and before[0].lower_ in {"a", "an"}
        and all(t.tag_ in _MANNER_TAGS for t in before[1:])
    )


_PROPER = {"NNP", "NNPS"}
PLACES = {"GPE", "LOC", "FAC", "NORP"}


def is_proper(token: Token) -> bool:
    """Whether the tagger took the token for a proper noun."""
    return token.tag_ in _PROPER


def name_token(head: Token) -> Token | None:
    """The proper noun that names the speaker: the head itself, or "Chief of Science Shannon Bennett"
    joined to "virologist", or "Luis Ortega" in "the mayor, Luis Ortega" and in "Jeff Davis
    County Commissioner, Larry Francell"."""
    beside = [c for c in head.rights if c.dep_ in {"conj", "appos"} and is_proper(c)]
    # "President and Chief Executive Officer, Steve Theroux": the person, not the second title.
    named_beside = next(
        (c for c in beside if c.ent_type_ == "PERSON"), beside[0] if beside else None
    )
    # "the mayor-elect": a word in lower case the tagger took for a proper noun names nobody
    if is_proper(head) and head.lower_ not in ORGANISATION_NOUNS and not head.text.islower():
        if named_beside is not None and bare_word(head) in ROLE_HEADS:
            return named_beside
        return head
    return named_beside


def name_words(token: Token) -> list[Token]:
    """The person entity holding `token`, or else the run of proper nouns that ends with it."""
    doc = token.doc
    ent = entity_over(token)
    if ent is not None and ent.label_ == "PERSON":
        return person_words(list(ent))
    words = [token]
    index = token.i - 1
    while index >= 0:
        # "Smith-Jones", "de la Cruz": a surname's hyphen or particles before it
        start = min(hyphenated_start(doc, index + 1), particles_before(doc, index + 1))
        if start <= index:
            words[:0] = list(doc[start : index + 1])
            index = start - 1
        elif _joins_the_name(doc[index], words):
            words.insert(0, doc[index])
            index -= 1
        else:
            break
    return without_place(words)


def after_a_body_noun(words: list[Token]) -> bool:
    """Whether a noun for an organisation in lower case stands just before the name, in its
    phrase: "the think tank Vantor said", "the broadcaster Norvik" name bodies, not people."""
    first = words[0]
    if first.i < 2:
        return False
    before = first.doc[first.i - 1]
    noun = before.lower_ in ORGANISATION_NOUNS or (
        before.lower_ == "tank" and first.doc[first.i - 2].lower_ == "think"
    )
    return noun and before.text.islower() and before.head in words


def _joins_the_name(word: Token, words: list[Token]) -> bool:
    """Whether a proper noun before a name's words hangs on them: never a rank's "Class"."""
    heads = {w.i for w in words}
    return (
        is_proper(word)
        and word.head.i in heads
        and not _ends_a_rank(word)
        and not ends_honorifics(word.doc, word.i)
    )


def entity_label(token: Token) -> str:
    """What the recogniser took the token for (PERSON, ORG, GPE...), or ""."""
    return token.ent_type_


def without_article(text: str) -> str:
    """ "the ministry" is "ministry"; "Britain’s" is "Britain" (a possessive is not a name)."""
    return re.sub(r"\s*['’]s?$", "", re.sub(r"^[Tt]he\s+", "", text))


def of_place(doc: Doc, index: int) -> str | None:
    """The place in "… of Washington", "… of Oklahoma" right at `index`: part of a body's name
    ("the Family Policy Institute of Washington")."""
    if index + 1 >= len(doc) or doc[index].lower_ != "of" or not doc[index + 1].text[:1].isupper():
        return None
    over = [e for e in [entity_over(doc[index])] if e is not None]
    for ent in over + entities_from(doc, index + 1, index + 1):
        if ent.start == index + 1 and ent.label_ in {"GPE", "LOC"}:
            return ent.text
        if ent.label_ == "ORG" and ent.start < index < ent.end - 1:
            return doc[index + 1 : ent.end].text  # the recogniser read the body whole
    return None
