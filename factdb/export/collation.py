"""The order citeproc lists references in, and where a sorted list may be cut.

The items are sorted once for the whole list (accents and case folded, so "Éluard"
comes before "Whitfield") and cut only between first authors' family names, so that
the works of authors who share a name stay together for disambiguation: in batches of a
few hundred, each one pandoc process, and within a batch in groups of a few dozen, each
its own citeproc run.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from functools import lru_cache
from itertools import count
from typing import Any

#: Items one pandoc process formats, and items one citeproc run within it formats (about).
BATCH_SIZE = 500
GROUP_SIZE = 80

Key = tuple[str, ...]


def sort_key(item: dict[str, Any]) -> tuple[Key, str, Key, str]:
    """Author (or title), year, title: folded as citeproc sorts them (accents, case, punctuation)."""
    return (name_key(item), year_of(item), _fold(item.get("title", "")), item["id"])


def year_of(item: dict[str, Any]) -> str:
    """The year the item was issued ("" when it has none)."""
    return str((item.get("issued") or {}).get("date-parts", [[""]])[0][0])


def name_key(item: dict[str, Any]) -> Key:
    """The first author's family name (or the editor's, as styles cite a work with no
    author by its editor; or the work's title, when it has neither), folded.

    citeproc's disambiguation (given names, year suffixes) only ever relates works whose
    first authors share this family name, so works are formatted in groups cut between
    these names, and give the text they would give formatted all at once.
    """
    first = (item.get("author") or item.get("editor") or [{}])[0]
    return _fold(first.get("family") or first.get("literal") or item.get("title", ""))


#: Letters that the Unicode collation sorts as others, which NFKD does not take apart.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d"})
#: What citeproc splits a sort key into words at (then compared word by word).
_WORDS = re.compile(r"[\s'’,ʾʿ]+")


#: ASCII punctuation, symbols and control characters, which the collation ignores.
_ASCII_IGNORED = {code: None for code in range(128) if unicodedata.category(chr(code))[0] in "PSC"}


@lru_cache(maxsize=65536)
def _fold(text: str) -> Key:
    """Words folded for comparison as citeproc's collation compares them: accents and case
    are secondary, punctuation and symbols are ignored ("Smith-Jones" after "Smithers")."""
    if text.isascii():  # most text: the same result, without a look-up per character
        return tuple(
            word for word in _WORDS.split(text.casefold().translate(_ASCII_IGNORED)) if word
        )
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    kept = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char)[0] not in "PSC"
    )
    return tuple(word for word in _WORDS.split(kept) if word)


def batches(items: Iterable[dict[str, Any]], size: int = 0) -> Iterator[list[dict[str, Any]]]:
    """Cut sorted items into batches of about `size`, never between two items of one author."""
    size = size or BATCH_SIZE
    current: list[dict[str, Any]] = []
    last: Key = ()
    for item in items:
        name = name_key(item)
        if len(current) >= size and name != last:
            yield current
            current = []
        current.append(item)
        last = name
    if current:
        yield current


def groups(
    items: list[dict[str, Any]], size: int = 0, keys: list[Hashable] | None = None
) -> list[list[dict[str, Any]]]:
    """Cut a sorted batch into groups of at most about `size`: the works of one key (by
    default the first author's family name) whole, small keys gathered together."""
    size = size or GROUP_SIZE
    keys = keys if keys is not None else [name_key(item) for item in items]
    by_key: dict[Hashable, list[dict[str, Any]]] = {}
    for item, key in zip(items, keys, strict=True):
        by_key.setdefault(key, []).append(item)
    cut: list[list[dict[str, Any]]] = []
    for works in by_key.values():
        if cut and len(cut[-1]) + len(works) <= size:
            cut[-1] += works
        else:
            cut.append(list(works))
    return cut


#: Names of the items that stand in for a family's other authors in a group (see witnesses).
WITNESS = "factdb-witness-"
#: By name_key, each first author (by its CSL-JSON, as citeproc compares names) with one of
#: its works of each type: whether a cite prints the author depends on the type (APA cites
#: a legal case by its title).
Names = dict[Key, dict[str, dict[str, dict[str, Any]]]]


def _first_author(item: dict[str, Any]) -> dict[str, Any] | None:
    first = (item.get("author") or item.get("editor") or [None])[0]
    return first if first and first.get("family") else None


def _name_id(name: dict[str, Any]) -> str:
    return json.dumps(name, ensure_ascii=False, sort_keys=True)


def family_names(items: Iterable[dict[str, Any]]) -> Names:
    """Every first author with a family name, by name_key, with a work of each type."""
    found: Names = {}
    for item in items:
        first = _first_author(item)
        if first is not None:
            works = found.setdefault(name_key(item), {}).setdefault(_name_id(first), {})
            works.setdefault(item.get("type", ""), item)
    return found


def _letter(works: dict[str, dict[str, Any]]) -> str | None:
    """The first letter of the author's plain given name ("Ann", "Jean-Paul", "Mary Ann"),
    which its initials begin with; "" for any other given name, None for none."""
    given = ((_first_author(next(iter(works.values()))) or {}).get("given") or "").strip()
    if not given:
        return None
    words = [word for word in re.split(r"[\s.\-]+", given) if word]
    return words[0][0] if all(word.isalpha() and word[0].isupper() for word in words) else ""


def _letters(family: dict[str, dict[str, dict[str, Any]]]) -> Counter[str | None] | None:
    """How many of the family's names begin with each letter; None when a given name is
    not plain (then any two of its names might have the same initials)."""
    letters = Counter(_letter(works) for works in family.values())
    return None if "" in letters else letters


def cite_keys(items: list[dict[str, Any]], names: Names) -> list[tuple[Key, str, str]]:
    """Each item's key such that only works of one key can share a year suffix (2020a/b).

    A suffix is given to works whose in-text cites print the same names and date, and a
    cite prints the first author's family name, with initials when the style's given-name
    rule adds them: always for a name whose first letter no other name of its family
    begins with (a name of its own), never or sometimes for the others, and never for a
    name without a given name, which prints as a family name alone (one shared key).
    So works differing in family name, year or a name of their own never share a suffix
    series. `names` (family_names of the whole list) says which names are alike.
    """
    own: set[str] = set()
    for family in names.values():
        letters = _letters(family)
        if letters is not None:
            own |= {
                key
                for key, works in family.items()
                if (letter := _letter(works)) and letters[letter] == 1
            }
    keys = []
    for item in items:
        first = _first_author(item)
        name = _name_id(first) if first is not None else ""
        keys.append((name_key(item), year_of(item), name if name in own else ""))
    return keys


def _needed(present: set[str], family: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """The names of the family a group holding `present` of them is formatted with again."""
    letters = _letters(family)
    if letters is None:
        return list(family)
    shared = {_letter(family[key]) for key in present} & {
        letter for letter, number in letters.items() if letter and number > 1
    }
    needed = [key for key, works in family.items() if _letter(works) in shared]
    if not needed and len(present) == 1 < len(family):  # a name compared with others
        needed = [next(key for key in family if key not in present)]
    return needed


def witnesses(group: list[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    """Stand-ins for the names of the group's families that matter: a work of each type each.

    The given-name rule adds initials to a name by comparing it with every other name of
    its family that a cite prints, in the whole list, and that decides which cites stay
    alike (and get 2020a/b). A name is only ever like one with the same first letter (when
    the family's given names are plain; otherwise any), so a group formatted with those
    names' works (one of each type the group lacks for that name, since the type decides
    whether a cite prints the author: APA cites a legal case by its title) compares each
    name as one run over everything would. Each stand-in has a year of its own that no
    work of the group has, so its cite is like no other; its entry is dropped (by its
    WITNESS id).
    """
    present: dict[Key, dict[str, set[str]]] = {}
    for item in group:
        first = _first_author(item)
        if first is not None:
            types = present.setdefault(name_key(item), {}).setdefault(_name_id(first), set())
            types.add(item.get("type", ""))
    years = {year_of(item) for item in group}
    free = (year for year in count(1) if str(year) not in years)
    works = [
        work
        for key, held in present.items()
        for name in _needed(set(held), names[key])
        for kind, work in names[key][name].items()
        if kind not in held.get(name, set())  # the group's own work of that type does
    ]
    return [
        dict(work, id=f"{WITNESS}{number}", issued={"date-parts": [[next(free)]]})
        for number, work in enumerate(works)
    ]
