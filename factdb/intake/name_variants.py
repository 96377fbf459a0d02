"""One person's name written two ways in one article: "Rasheed" and "Rashid", "Mohammed" and
"Muhammad", "Kupchyna" and "Kupcyna", "Erdoğan" and "Erdogan", "Corbell" misspelt for Corvell,
or "Ahmad Faiz" for the Ahmad Faiz bin Rosli named before.

Transliterations differ by more than a letter, so a close spelling is not enough to find them:
two words are the same name when rapidfuzz finds them close, or when they begin alike and keep
the same consonants in the same order (vowels and doubled letters are where transliterations
differ). Accents are left out first: copy edited outside the name's country often drops them
("Yılmazoğlu" becomes "Yilmazoglu", a letter in ten changed, too far for the closeness alone).
A name given with a patronymic ("bin", "binti", "a/l", "ibn") is called later by the
given names before it; a name of three words or more with none, by the words before its last
("Hashim Rafiq" for Hashim Rafiq Yunos, as Malay names written without "bin" are), when no
other person's name opens with them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from factdb.intake.roles import HONORIFICS, is_bare_role

#: How close two spellings must be to be one name, letter by letter (rapidfuzz's ratio).
CLOSE = 86
#: How close two spellings with the same consonants must still be: "Rashid" and "Rasheed" (77)
#: or "Mohamed" and "Muhammad" (67), never "Malik" and "Molek" (60).
SAME_CONSONANTS = 65
#: Words that join a given name to the father's: what comes before is what one is called by.
PATRONYMICS = frozenset({"bin", "binti", "bte", "ibn", "bint", "a/l", "a/p", "s/o", "d/o"})
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")
#: Letters that carry their accent in themselves, not as a mark Unicode can take off.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h"})


def plain(word: str) -> str:
    """ "yılmazoğlu" is "yilmazoglu": the word in lower case with its accents left out."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_PLAIN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def consonants(word: str) -> str:
    """ "rasheed" and "rashid" are "rshd": the first letter, then the consonants, doubles once."""
    word = word.casefold()
    return _DOUBLED.sub(r"\1", word[:1] + _VOWELS.sub("", word[1:]))


def same_name_word(one: str, other: str) -> bool:
    """Whether two words are one name written two ways (both longer than three letters, unless
    they differ by accents alone)."""
    one, other = plain(one), plain(other)
    if one == other:
        return True
    if min(len(one), len(other)) <= 3:
        return False
    ratio = fuzz.ratio(one, other)
    return ratio >= CLOSE or (
        ratio >= SAME_CONSONANTS
        and min(len(one), len(other)) >= 5  # "Khan" and "Khin" share too little to tell
        and one.isalpha()
        and other.isalpha()
        and consonants(one) == consonants(other)
    )


def one_letter_apart(one: str, other: str) -> bool:
    """Whether a surname is another misspelt once: five letters or more, the same length and
    first letter, one letter changed inside ("MbBay" for McBay, "Corbell" for Corvell)."""
    one, other = plain(one), plain(other)
    return (
        len(one) == len(other) >= 5
        and one.isalpha()
        and other.isalpha()
        and one[0] == other[0]
        and sum(a != b for a, b in zip(one, other, strict=True)) == 1
    )


def misspelt(word: str, named: Mapping[str, list]) -> list[str]:
    """The one surname of the people named in full (`named`: their mentions by each word of
    their names) that `word` misspells by a letter ("MbBay" a paragraph after Ron McBay);
    none when two people's surnames would fit, or only a first name."""
    found = [
        key
        for key, mentions in named.items()
        if one_letter_apart(word, key)
        and any(m.name.casefold().split()[-1] == key for m in mentions)
    ]
    return found if len(found) == 1 else []


def misspelt_near(
    word: str, named: Mapping[str, list], text: str, paragraph_starts: list[int], position: int
) -> list:
    """The mentions of the one person named in full whose surname `word`, at `position` in
    `text`, misspells by a letter ("Corbell" for Dana Corvell): never for a surname with a
    title or role of its own ("said Mayor Carver" after Ron Carter is someone else), and only
    within two paragraphs after the full name, where a slip is likelier than a second person."""
    if titled_at(text, position):
        return []
    here = bisect.bisect_right(paragraph_starts, position) - 1
    return [
        m
        for part in misspelt(word, named)
        for m in named[part]
        if not paragraph_starts or 0 <= here - m.paragraph <= 2
    ]


def titled_at(text: str, position: int, surname: str = "") -> bool:
    """Whether the surname at `position` comes with a title or role of its own ("said Health
    Minister Jansen"): a person of their own, not a close spelling of someone named before.
    The name found may start at a role the recogniser took in ("leader Jansen"): the title is
    looked for before the surname itself."""
    if surname:
        found = text[position : position + 60].casefold().find(surname.casefold())
        position += max(found, 0)
    return _titled(text[max(0, position - 40) : position])


def _titled(before: str) -> bool:
    """Whether the word just before a surname is a title or role: "Mayor", "Mr", "leader"."""
    words = before.split()
    if not words or before[-1:] not in " \t":
        return False
    word = words[-1].rstrip(".").casefold()
    return word in HONORIFICS or is_bare_role(word)


def close_words(word: str, words: Iterable[str]) -> list[str]:
    """The words of `words` that are `word` written another way: "Kupcyna" for Kupchyna."""
    return [other for other in words if same_name_word(other, word)]


def variants(
    word: str,
    named: Mapping[str, list],
    resolved: dict[str, list],
    article: tuple[str, list[int]],
    position: int,
) -> list:
    """The mentions of the people named in full (`named`) whose name `word`, at `position` in
    the article, writes another way: "Kupchyna" for Kupcyna (kept in `resolved`, a word at a
    time), else a misspelling nearby ("Corbell" for Dana Corvell). A surname with a title or
    role of its own ("said Health Minister Jansen" after Anna Jensen) is someone else, as with
    a misspelling, unless it differs by its accents alone ("said Minister Yilmazoglu")."""
    text, starts = article
    if titled_at(text, position, word):
        same = [part for part in close_words(word, named) if plain(part) == plain(word)]
        return [m for part in same for m in named[part]]
    if word not in resolved:
        resolved[word] = [m for part in close_words(word, named) for m in named[part]]
    return resolved[word] or misspelt_near(word, named, text, starts, position)


@dataclass
class NameForms:
    """The names in full of the people an article names, by their shape (how many words, and
    the letter each begins with), so that a name is compared only with those it could be."""

    _forms: dict[tuple[str, ...], dict[str, None]] = field(default_factory=dict)
    #: Given names before a patronymic ("ahmad faiz"), by shape, with the names they begin.
    _given: dict[tuple[str, ...], dict[str, None]] = field(default_factory=dict)

    def add(self, name: str) -> str:
        """Remember a person's name in full; return the form already kept where this is
        another way of writing it ("Sheikh Rashid Malik" and "Sheikh Rasheed Malik" are one
        person, given one name throughout the article)."""
        name = self._variant(name) or name
        parts = name.casefold().split()
        self._forms.setdefault(_shape(parts), {})[name] = None
        patronymic = next((i for i in range(2, len(parts)) if parts[i] in PATRONYMICS), None)
        if patronymic is not None:
            self._given.setdefault(_shape(parts[:patronymic]), {})[name] = None
        elif len(parts) > 2:  # "Ismail Sabri" for Ismail Sabri Yaakob: called by the names before
            self._given.setdefault(_shape(parts[:-1]), {})[name] = None
        return name

    def written_as(self, name: str) -> str | None:
        """The name in full of the one person `name` writes another way word for word, or by
        the given names before a patronymic ("Ahmad Faiz" for Ahmad Faiz bin Rosli); None
        when nobody, or when two different people would fit."""
        variant = self._variant(name)
        if variant is not None:
            return variant
        words = name.casefold().split()
        given = [
            full
            for full in self._given.get(_shape(words), {})
            if full.casefold().split()[: len(words)] == words
        ]
        return given[0] if len(given) == 1 else None

    def _variant(self, name: str) -> str | None:
        words = name.casefold().split()
        found = [
            full
            for full in self._forms.get(_shape(words), {})
            if full != name and all(map(same_name_word, full.casefold().split(), words))
        ]
        return found[0] if len(found) == 1 else None


def _shape(words: list[str]) -> tuple[str, ...]:
    return tuple(plain(word[:1]) for word in words)
