"""Read the dates reference managers write, keeping what can be kept and saying what was not.

factdb stores partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD). Files carry much more:
EDTF (`1999-uu`, `2004?`, `../2004-01`, `2004/2005`), CSL seasons (months 21-24),
RIS slashes (`2004///`, `2004/03/15/spring`), ADS zeros (`1993-00-00`), and free text
(`30-Mar-2020`, `March 15, 2026`). Each reader returns the best partial date and, when
anything was left out, a note saying what.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

MONTH_NAMES = {
    "jan": 1, "january": 1, "janv": 1, "januar": 1, "enero": 1, "janvier": 1,
    "feb": 2, "february": 2, "febr": 2, "februar": 2, "fevrier": 2, "février": 2, "febrero": 2,
    "mar": 3, "march": 3, "mär": 3, "märz": 3, "mars": 3, "marzo": 3,
    "apr": 4, "april": 4, "avril": 4, "abril": 4,
    "may": 5, "mai": 5, "mayo": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6, "junio": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7, "julio": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8, "agosto": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10, "octobre": 10, "octubre": 10,
    "nov": 11, "november": 11, "novembre": 11, "noviembre": 11,
    "dec": 12, "december": 12, "dez": 12, "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12,
}  # fmt: skip
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_WORDS = {"spring", "summer", "autumn", "fall", "winter"}


@dataclass(frozen=True)
class ReadDate:
    """A partial ISO date ("" when none could be read) and what was left out of the original."""

    value: str
    note: str = ""


def partial(year: int, month: int | None = None, day: int | None = None) -> str:
    """The longest valid partial ISO date from these parts ("" when the year is unusable)."""
    if not 1 <= year <= 9999:
        return ""
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _loss(original: str, value: str, why: str = "") -> ReadDate:
    if not value:
        return ReadDate("", f"date {original!r} could not be read and was left out")
    return ReadDate(value, f"date {original!r} read as {value}" + (f" ({why})" if why else ""))


_ISO = re.compile(r"^(-?[0-9]{4})(?:-([0-9]{1,2}|[uX]{2}))?(?:-([0-9]{1,2}|[uX]{2}))?(?:[T ].*)?$")
#: A year a range starts at, its end left open ("1999--": a project still going).
_OPEN_END = re.compile(r"^([0-9]{4})\s*(?:-{1,3}|[\u2013\u2014])\s*$")
_NUMERIC = re.compile(r"^([0-9]{4})[/.]([0-9]{1,2})(?:[/.]([0-9]{1,2}))?$")
_WORDS = re.compile(r"[^\W\d_]+\.?|[0-9]+", re.UNICODE)
#: More digits than a year, month or day is written with (a number with thousands of them,
#: which Python refuses to read, is no part of a date either).
_MOST_DIGITS = 9


def read_edtf(original: str) -> ReadDate:
    """Read an ISO/EDTF date or interval; anything else falls back to read_text_date."""
    text = original.strip()
    if not text:
        return ReadDate("")
    if open_end := _OPEN_END.match(text):
        kept = partial(int(open_end.group(1)))
        return _loss(original, kept, "a range open at its end, kept its start")
    qualified = text.rstrip("?~%")
    if "/" in qualified and not _NUMERIC.match(qualified):
        return _read_interval(original, qualified)
    match = _ISO.match(qualified)
    if not match:
        return read_text_date(original)
    return _read_iso(original, match, uncertain=qualified != text)


def _read_interval(original: str, qualified: str) -> ReadDate:
    """Keep an interval's start, or the end of one open at its start (`../2004-01`)."""
    start, _, end = qualified.partition("/")
    if start in ("", "..") and end not in ("", ".."):
        return _loss(original, read_edtf(end).value, "an open interval, kept its end")
    return _loss(original, read_edtf(start).value, "an interval, kept its start")


def _read_iso(original: str, match: re.Match[str], *, uncertain: bool) -> ReadDate:
    """Read a matched ISO date, saying when unknown digits, a season or a time were left out."""
    year_text, month_text, day_text = match.groups()
    year, month, day = int(year_text), _digits(month_text), _digits(day_text)
    if month in SEASONS:
        return _loss(original, partial(year), f"the season {SEASONS[month]} has no place in a date")
    if month == 0:
        month = day = None
    value = partial(year, month, day)
    exact = f"{year:04d}" + "".join(f"-{part}" for part in (month_text, day_text) if part)
    if value != exact:
        return _loss(original, value)
    if uncertain:
        return _loss(original, value, "uncertain or approximate")
    text = original.strip()
    return _loss(original, value) if "T" in text[4:] or " " in text else ReadDate(value)


def _number(text: str) -> int | None:
    """Digits as a number, or None: for anything else, and for more digits than any part of a
    date has (Python refuses to read 4,300 or more, and a file may hold them)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= _MOST_DIGITS else None


def _digits(part: str | None) -> int | None:
    """A month or day written in digits (None for `uu`, `XX` or nothing)."""
    return int(part) if part and part.isdigit() else None


def read_text_date(original: str) -> ReadDate:
    """Read dates written out: "March 15, 2026", "15 Mar. 2026", "30-Mar-2020", "Spring 2004"."""
    text = original.strip()
    match = _NUMERIC.match(text)
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        value = partial(year, month, day)  # type: ignore[arg-type]
        exact = value == f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        return ReadDate(value) if exact else _loss(original, value)
    year = month = day = None
    dropped = False
    for token in _WORDS.findall(text.casefold()):
        word = token.rstrip(".")
        if word.isascii() and word.isdigit():
            number = _number(word) or 0  # thousands of digits: no part of a date
            if len(word) == 4 and year is None:
                year = number
            elif len(word) <= 2 and day is None and 1 <= number <= 31:
                day = number
            else:
                dropped = True
        elif word in MONTH_NAMES and month is None:
            month = MONTH_NAMES[word]
        else:
            dropped = True
    if year is None:
        return _loss(original, "")
    if month is None:
        day = None
    value = partial(year, month, day)
    return _loss(original, value) if dropped else ReadDate(value)


def read_csl_date(value: object, name: str) -> ReadDate:
    """Read a CSL-JSON date object: date-parts (numbers or digit strings, seasons), raw, literal."""
    original = f"{name} {_shown(value)}"
    if isinstance(value, str):
        return read_edtf(value)
    if not isinstance(value, dict):
        return ReadDate("", f"date {original} is not a CSL date object and was left out")
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return _read_date_parts(original, value, parts[0], ranged=len(parts) > 1)
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str) and value[key].strip():
            return read_edtf(value[key])
    return ReadDate("", f"date {original} has no date-parts and was left out")


def _read_date_parts(
    original: str, value: dict[str, Any], first: list[object], *, ranged: bool
) -> ReadDate:
    """Read the first date of `date-parts`: as many leading parts as are whole numbers."""
    numbers = _leading_integers(first[:3])
    year, month, day = [*numbers, None, None, None][:3]
    season = SEASONS.get(month) if month is not None else None
    if season:
        month = day = None
    result = partial(year, month, day) if year is not None else ""
    if not result:
        return ReadDate("", f"date {original} has no readable year and was left out")
    expected = len(numbers) if month is not None or len(numbers) == 1 else 1
    short = len(result.split("-")) < expected
    unread = any(part not in (None, "") for part in first[len(numbers) : 3])
    note = _date_parts_note(value, season, ranged=ranged, unread=unread, short=short)
    return _loss(original, result, note) if note else ReadDate(result)


def _leading_integers(parts: list[object]) -> list[int]:
    """The parts up to the first that is not a whole number."""
    numbers: list[int] = []
    for part in parts:
        number = _integer(part)
        if number is None:
            break
        numbers.append(number)
    return numbers


def _date_parts_note(
    value: dict[str, Any], season: str | None, *, ranged: bool, unread: bool, short: bool
) -> str:
    """What reading date-parts left out: the first of these that applies ("" for nothing)."""
    if season:
        return f"the season {season} has no place in a date"
    if value.get("season") not in (None, ""):
        return "its season was left out"
    if ranged:
        return "a date range, kept its start"
    if unread:
        return "a part that is not a number was left out"
    if short:
        return "not a real day or month"
    return "approximate" if value.get("circa") else ""


def _shown(value: object) -> str:
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _integer(part: object) -> int | None:
    if isinstance(part, bool):
        return None
    if isinstance(part, int):
        return part
    if isinstance(part, float) and part.is_integer() and abs(part) < 10_000:
        return int(part)
    if isinstance(part, str):
        return _number(part)
    return None


def read_ris_date(original: str) -> ReadDate:
    """Read RIS's YYYY/MM/DD/other (any part may be empty: `2004///`, `2004/03//Spring`)."""
    text = original.strip()
    if "/" not in text:
        return read_edtf(text)
    fields = text.split("/")
    if not (fields[0].isascii() and fields[0].isdigit() and len(fields[0]) == 4):
        return read_text_date(text)
    year = int(fields[0])
    numbers = [_number(field) for field in fields[1:3]]
    month, day = [*numbers, None, None][:2]
    value = partial(year, month, day if month else None)
    other = "/".join(fields[3:]).strip()
    lost = bool(other) or any(part.strip() and _number(part) is None for part in fields[1:3])
    if month and value.count("-") < (2 if day else 1):
        lost = True
    return _loss(original, value) if lost else ReadDate(value)


def read_bibtex_date(year: str, month: str, day: str) -> ReadDate:
    """Read BibTeX's year, month (a macro like `mar`, a number or a name) and day fields."""
    original = " ".join(part for part in (year, month, day) if part)
    read = read_edtf(year) if year.strip() else ReadDate("")
    if not read.value:
        return _loss(original, "") if original.strip() else ReadDate("")
    number: int | None = None
    month_word = month.strip().casefold().rstrip(".")
    if month_word:
        number = MONTH_NAMES.get(month_word)
        if number is None:
            number = _number(month_word)
        if number is None or not 1 <= number <= 12:
            season = month_word in _SEASON_WORDS
            return _loss(
                original, read.value, "the season has no place in a date" if season else ""
            )
    if number is None or len(read.value) > 4:
        return read if not day.strip() else _loss(original, read.value)
    day_number = _number(day)
    value = partial(int(read.value[:4]), number, day_number)
    if day.strip() and value.count("-") < 2:
        return _loss(original, value)
    return ReadDate(value, read.note)


def as_date(value: str) -> date | None:
    """A full date from a partial ISO one, or None when day or month is missing."""
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None
