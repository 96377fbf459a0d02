"""A name the parser hung on a title's "to", "of" or "for", read apart from the place before it.

`Ambassador to the U.S. Anatoly Lind said`, `Norland's new Ambassador to Vostria Petar Ilvesko
said`, `Minister of Finance Lena Dovrat`: the parser makes the name the object of the title's
preposition, and the recogniser often reads the place or the office and the name as one name
("Vostria Petar Ilvesko", or "the U.S. Anatoly Lind" as an organisation's). The person is the
name at the end; the words before it finish the title, and a place is never part of a name.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factdb.intake.groups import ORGANISATION_NOUNS
from factdb.intake.roles import ROLE_HEADS, bare_word

#: Prepositions a title's place or office follows ("Ambassador to", "Minister of", "for").
LINKS = frozenset({"to", "of", "for"})
#: What the recogniser calls a place: never part of the name after it.
_PLACES = frozenset({"GPE", "LOC", "NORP", "FAC"})
#: How many prepositions a title may chain ("Minister of State for Foreign Affairs").
_CHAIN = 3


def title_of(token: Token) -> Token | None:
    """The capitalised title whose place or office the token ends, if it is one."""
    current = token
    for _ in range(_CHAIN):
        link = current.head
        if current.dep_ != "pobj" or link.dep_ != "prep" or link.lower_ not in LINKS:
            return None
        title = link.head
        if title.text[:1].isupper() and bare_word(title) in ROLE_HEADS:
            return title
        current = title
    return None


def split_name(words: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The place or office and the person's name after it, when the words hold both: the
    name-like words at the end after a word that is not one ("the U.S." | "Anatoly Lind"), or,
    when every word looks like a name, those after the place the recogniser read ("Vostria" |
    "Ana Maria Kowalski"), or else the last two ("Vostria" | "Petar Ilvesko")."""
    tail: list[Token] = []
    for token in reversed(words):
        if not (_name_like(token) or _joins_name(token, tail)):
            break
        tail.insert(0, token)
    named = [t for t in tail if _name_like(t)]
    if len(tail) == len(words):
        if len(named) < 3:
            return None
        tail = _after_the_place(tail) or _last_words(tail, 2)
    elif len(named) < 2:
        return None
    elif len(named) > 3:
        tail = _last_words(tail, 3)
    rest = words[: len(words) - len(tail)]
    # "the" alone is no place: "the United States" is all place, and no name
    return (rest, tail) if any(t.dep_ != "det" for t in rest) else None


def without_place(words: list[Token]) -> list[Token]:
    """A name's words without the place or office of the title it follows ("Vostria Jon
    Harlan" after "Ambassador to" is Jon Harlan); other words as they are."""
    if not words or title_of(words[-1]) is None:
        return words
    split = split_name(words)
    return split[1] if split is not None else words


def titled_entity(ent: Span) -> tuple[Token, list[Token], list[Token]] | None:
    """The title, the place or office and the name an entity after a title's "to" holds."""
    title = title_of(ent.root)
    if title is None or ent.end != ent.root.i + 1:
        return None
    doc, start = ent.doc, ent.start
    while start > title.i + 2 and doc[start - 1].dep_ == "compound" and _name_like(doc[start - 1]):
        start -= 1  # "Vostria Ana" before the "Maria Kowalski" the recogniser read
    split = split_name(list(doc[start : ent.end]))
    return (title, *split) if split is not None else None


def first_name_after_place(token: Token) -> bool:
    """Unparsed, a first name the recogniser left out of a name, written between a place and
    the rest ("Vostria Ana [Maria Kowalski]"): a capitalised word it gave no label, after a
    word it read as a place."""
    doc = token.doc
    return (
        token.i > 0
        and token.ent_type_ == ""
        and _name_like(token)
        and doc[token.i - 1].ent_type_ in _PLACES
        and token.i + 1 < len(doc)
        and doc[token.i + 1].ent_type_ == "PERSON"
    )


def _after_the_place(tail: list[Token]) -> list[Token] | None:
    """The words after the last one the recogniser read as a place, when two to four words of
    a name follow it: "Vostria" | "Ana Maria Kowalski" keeps her three names."""
    places = [i for i, t in enumerate(tail) if t.ent_type_ in _PLACES]
    if not places:
        return None
    rest = tail[places[-1] + 1 :]
    named = [t for t in rest if _name_like(t)]
    return rest if 2 <= len(named) <= 4 and _name_like(rest[0]) else None


def _last_words(tail: list[Token], count: int) -> list[Token]:
    """The last `count` words of a name, with the hyphens that join them."""
    kept, seen = [], 0
    for token in reversed(tail):
        if _name_like(token):
            if seen == count:
                break
            seen += 1
        kept.insert(0, token)
    while kept and not _name_like(kept[0]):
        kept.pop(0)
    return kept


def _joins_name(token: Token, tail: list[Token]) -> bool:
    """A hyphen written tight between two words of a name ("Bhutto-Zardari")."""
    return token.text == "-" and not token.whitespace_ and bool(tail)


def _name_like(token: Token) -> bool:
    """A word of a person's name: a capital, then lower case, no office and no body."""
    word = bare_word(token)
    return (
        token.text[:1].isupper()
        and token.text[1:].islower()
        and token.text.isalpha()
        and word not in ROLE_HEADS
        and word not in ORGANISATION_NOUNS
    )
