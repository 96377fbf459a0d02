"""Surnames written with a particle ("de la Cruz", "van der Berg", "ter Horst", "Le Goff") or
a hyphen ("Smith-Jones"): the whole surname is what a later mention writes alone, so it is
what the name is found by and what the recogniser's cut names are made whole with."""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Words that begin a surname in many languages: "van der", "de la", "ter", "bin", "Le".
PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "dello", "degli", "di", "da", "das",
        "dos", "do", "du", "des", "le", "la", "lo", "ter", "ten", "te", "bin", "ibn", "bint",
        "binti", "al", "el", "zu", "vom", "af",
    }
)  # fmt: skip
#: Particles that are also English words: taken before a surname only after a first name
#: ("Erik ten Hag"), never alone before it ("ten Dutch players").
_ENGLISH = frozenset({"do", "ten", "den", "te", "al", "el", "des", "af"})


def is_particle(token: Token) -> bool:
    """Whether a word can begin a surname: "van", "de", "La", "ter"."""
    return token.lower_ in PARTICLES and token.text.isalpha()


def surname_keys(name: str) -> set[str]:
    """The surnames with particles a full name may be mentioned by later, folded: "Carlos de la
    Cruz" gives "de la cruz" and "la cruz"; a name whose first word is a particle gives none."""
    parts = name.casefold().split()
    return {
        " ".join(parts[i:])
        for i in range(1, len(parts) - 1)
        if parts[i] in PARTICLES and parts[i].isalpha()
    }


def particles_before(doc: Doc, first: int) -> int:
    """The index where a name beginning at `first` begins with the particles written before
    it: "ter" of "ter Horst", "de la" of "de la Cruz". Particles that are English words count
    only after a first name ("Erik ten Hag", not "ten Dutch players")."""
    index = first
    while index > 0 and is_particle(doc[index - 1]) and doc[index - 1].whitespace_ == " ":
        index -= 1
    if index == first or not any(t.lower_ in _ENGLISH for t in doc[index:first]):
        return index
    before = doc[index - 1] if index > 0 else None
    if before is not None and before.text[:1].isupper() and before.text.isalpha():
        return index
    return first


def particle_end(doc: Doc, start: int, end: int) -> int:
    """The end of a name doc[start:end] whose recognised part ends in a particle: "Marie Le"
    is "Marie Le Goff" when a capitalised word follows."""
    while (
        start < end - 1
        and end < len(doc)
        and is_particle(doc[end - 1])
        and doc[end].text[:1].isupper()
        and doc[end].text.isalpha()
        and doc[end].ent_type_ in {"", "PERSON"}  # "said Thanh Le Monday": no surname
    ):
        end += 1
    return end


def hyphenated_start(doc: Doc, first: int) -> int:
    """The index where a hyphenated surname begins: "Smith" of "Smith-Jones", written with no
    space around the hyphen."""
    index = first
    while (
        index >= 2
        and doc[index - 1].text in {"-", "‐"}
        and not doc[index - 1].whitespace_
        and not doc[index - 2].whitespace_
        and doc[index - 2].text[:1].isupper()
        and doc[index - 2].text.isalpha()
    ):
        index -= 2
    return index
