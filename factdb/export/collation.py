"""The order citeproc lists references in, and where a sorted list may be cut.

The items are sorted once for the whole list (accents and case folded, so "Éluard"
comes before "Whitfield") and cut only between first authors' family names, so that
the works of authors who share a name stay together for disambiguation: in batches of a
few hundred, each one pandoc process, and within a batch in groups of a few dozen, each
its own citeproc run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

#: Items one pandoc process formats, and items one citeproc run within it formats (about).
BATCH_SIZE = 500
GROUP_SIZE = 80

Key = tuple[str, ...]


def sort_key(item: dict[str, Any]) -> tuple[Key, str, Key, str]:
    """Author (or title), year, title: folded as citeproc sorts them (accents, case, punctuation)."""
    year = str((item.get("issued") or {}).get("date-parts", [[""]])[0][0])
    return (name_key(item), year, _fold(item.get("title", "")), item["id"])


def name_key(item: dict[str, Any]) -> Key:
    """The first author's family name (or the work's title, when it has no author), folded.

    citeproc's disambiguation (given names, year suffixes) only ever relates works whose
    first authors share this family name, so works are formatted in groups cut between
    these names, and give the text they would give formatted all at once.
    """
    first = (item.get("author") or [{}])[0]
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


def groups(items: list[dict[str, Any]], size: int = 0) -> list[list[dict[str, Any]]]:
    """Cut a sorted batch into groups of at most about `size`: one name's works whole, small
    names gathered together."""
    size = size or GROUP_SIZE
    names: list[list[dict[str, Any]]] = []
    last = None
    for item in items:
        name = name_key(item)
        if name != last:
            names.append([])
            last = name
        names[-1].append(item)
    cut: list[list[dict[str, Any]]] = []
    for works in names:
        if cut and len(cut[-1]) + len(works) <= size:
            cut[-1] += works
        else:
            cut.append(list(works))
    return cut
