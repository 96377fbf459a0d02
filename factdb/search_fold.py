"""Letters searched as people type them without their marks: Aksın as aksin, Ø as o, ß as ss.

The searched text and what is typed are folded alike, on both databases. Accents that
Unicode writes as a separate mark (é, ü, Ç, ñ, ş) come off a Latin letter when the mark is
dropped: SQLite's FTS5 does that itself (`remove_diacritics 2`), PostgreSQL through
`factdb_fold` (migration 0032). The letters below have no such mark: they are replaced, as
the same words written in plain letters are spelled. Not a transliteration of whole
scripts (anyascii): Greek, Cyrillic or CJK text is searched as stored, on both databases.
"""

from __future__ import annotations

import re
import unicodedata

#: Latin letters Unicode does not decompose, and how they are written without their stroke.
#: Migration 0032 writes this table into the database's search: a change needs a migration.
LETTERS = {
    "ı": "i",
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ß": "ss",
    "ẞ": "SS",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "TH",
    "ħ": "h",
    "Ħ": "H",
    "ŧ": "t",
    "Ŧ": "T",
    "ŀ": "l",
    "Ŀ": "L",
}
_TABLE = str.maketrans(LETTERS)
#: Combining marks on a plain Latin letter (after NFD): the marks PostgreSQL drops too.
_LATIN_MARKS = re.compile(r"([A-Za-z])[\u0300-\u036f]+")


def fold_letters(text: str) -> str:
    """Replace the undecomposable letters (FTS5 takes the marks off the others itself)."""
    return text.translate(_TABLE)


def fold(text: str) -> str:
    """Fold as PostgreSQL's `factdb_fold` does: those letters, then the marks on Latin letters."""
    decomposed = unicodedata.normalize("NFD", fold_letters(text))
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub(r"\1", decomposed))


def sql_replaced(expression: str, letters: dict[str, str] = LETTERS) -> str:
    """`expression` with every letter of `letters` replaced, in SQL both databases read."""
    for letter, plain in letters.items():
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression
