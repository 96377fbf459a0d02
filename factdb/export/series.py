"""Long series of year suffixes (2021a, 2021b, … 2021zz) formatted in chunks, in linear time.

citeproc gives the works whose in-text cites print alike (one author's works of one year)
their year suffixes by sorting the whole series again for each of its works: time growing
with the square of the series (one series of 1,000 works cost 13 s of pandoc, 3,500 works
minutes). A long series is therefore cut into chunks, and citeproc_groups.lua
1. renders each chunk's cites without year suffixes, with a copy of the style that adds
   none (cite_style): when every name of a work prints (fewer names than any et-al-min),
   that text depends only on the work and on its family's names, which the chunk's
   stand-ins give as in the whole list, so it is the text citeproc compares;
2. gives the works that cite alike their numbers in the list's order (citeproc's own
   order run), as citeproc does: 1 is a, 26 z, 27 aa, 52 az, 53 ba;
3. formats each chunk (with a copy of a work that is alone of its kind in its chunk, so
   that it gets a suffix there too) and writes, where citeproc put the chunk's suffix
   after the year, the suffix the work has in its whole series.
When an entry's suffix is not found exactly once where it is expected, the series is
formatted whole, as before: slower, never different.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from factdb.export.collation import WITNESS, Names, _fold, witnesses, year_of
from factdb.export.styles import style_text

#: A series is cut into chunks when it is this many times longer than a chunk (whose size is
#: the larger of a group's and the number of its names and types, which each chunk holds as
#: copies): a chunk costs about four times the square of its size, the series whole the
#: square of its length.
LONG = 5
#: Prefix of the copy of a work that stands in for its series in a chunk (dropped, as every
#: stand-in is, by its WITNESS prefix).
COPY = f"{WITNESS}copy-"


@dataclass
class Series:
    """One long series cut into chunks: its number in the batch, year, works and stand-ins."""

    number: int
    year: str
    items: list[dict[str, Any]]
    stand_ins: list[dict[str, Any]]
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class Piece:
    """What one citeproc run formats: works, the stand-ins they need, their series if any."""

    items: list[dict[str, Any]]
    stand_ins: list[dict[str, Any]]
    series: Series | None = None


@cache
def adds_year_suffix(style: str) -> bool:
    """Whether the style's cites are told apart by year suffixes."""
    found = re.search(r"<citation\b[^>]*>", style_text(style))
    return bool(found) and 'disambiguate-add-year-suffix="true"' in found.group(0)


@cache
def _et_al_min(style: str) -> int:
    """The fewest names the style ever cuts to "et al." (a huge number when it never does)."""
    found = re.findall(r'et-al-(?:subsequent-)?min="(\d+)"', style_text(style))
    return min((int(value) for value in found), default=1 << 30)


def _ties(item: dict[str, Any]) -> str:
    """What the style's sort reads of a work, loosely: two works alike here might sort tied."""
    return json.dumps(
        [item.get("author") or item.get("editor"), item.get("issued"), item.get("status"),
         _fold(str(item.get("title", ""))), item.get("volume")],
        ensure_ascii=False, sort_keys=True,
    )  # fmt: skip


def chunkable(works: list[dict[str, Any]], style: str) -> bool:
    """Whether one key's works may be formatted in chunks and give the text of one run.

    Only when the year is a number (where the suffix is looked for), every name list is
    printed whole (no et-al. that adding names could change), and no two works could sort
    tied (whose suffixes citeproc orders by what it read first).
    """
    year = year_of(works[0])
    if not year.isdigit():
        return False
    most = _et_al_min(style) - 1
    for item in works:
        names = [value for value in item.values() if isinstance(value, list) and value]
        if any(isinstance(value[0], dict) and len(value) > most for value in names):
            return False
    return len({_ties(item) for item in works}) == len(works)


def pieces(
    cut: list[list[dict[str, Any]]], keys: dict[str, Any], names: Names, style: str, size: int
) -> list[Piece]:
    """The groups of a bibliography as citeproc runs: a long chunkable series in chunks."""
    found: list[Piece] = []
    series = 0
    for group in cut:
        one_key = len({keys[item["id"]] for item in group}) == 1
        step = max(size, len({_kind(item) for item in group}))
        if len(group) <= LONG * step or not one_key or not chunkable(group, style):
            found.append(Piece(group, witnesses(group, names)))
            continue
        whole = Series(series, year_of(group[0]), group, witnesses(group, names))
        series += 1
        for start in range(0, len(group), step):
            chunk = group[start : start + step]
            stand_ins = witnesses(chunk, names) + _context(chunk, group)
            found.append(Piece(chunk, stand_ins, whole))
    return found


def _kind(item: dict[str, Any]) -> str:
    first = (item.get("author") or item.get("editor") or [{}])[0]
    return json.dumps([first, item.get("type")], ensure_ascii=False, sort_keys=True)


def _context(chunk: list[dict[str, Any]], group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of the series' works of each name and type the chunk has none of.

    citeproc adds initials to cites that print alike when they tell them apart, comparing
    the names of the works that print alike (Aiko and Leila Whitfield, 2021, are "A." and
    "L." when no Amira or Li is cited so too), so each chunk is formatted with every name
    of its series as a work of that year; the copies take suffixes in the chunk, which are
    put right with the others, and their entries are dropped.
    """
    present = {_kind(item) for item in chunk}
    context: dict[str, dict[str, Any]] = {}
    for item in group:
        kind = _kind(item)
        if kind not in present:
            context.setdefault(kind, item)
    return [
        dict(item, id=f"{WITNESS}context-{number}") for number, item in enumerate(context.values())
    ]


def cites(items: list[dict[str, Any]]) -> str:
    """Markdown citing each work in a citation of its own (stand-ins too: citeproc compares
    the names of what is cited, and a bibliography cites everything)."""
    return "\n\n".join(f"[@{item['id']}]" for item in items) + "\n"


def copies(items: list[dict[str, Any]]) -> str:
    """One line a work: its id, then a copy of it as a stand-in (CSL-JSON)."""
    return "".join(
        f"{item['id']}\t{json.dumps(dict(item, id=COPY + item['id']), ensure_ascii=False)}\n"
        for item in items
    )


_BIBLIOGRAPHY = re.compile(r"<bibliography\b.*?</bibliography>", re.DOTALL)


@cache
def cite_style(style: str) -> str:
    """The style's cites as citeproc compares them before it adds year suffixes.

    No suffixes and no names added (which change nothing when every name prints), no
    `disambiguate="true"` branch (citeproc sets it only on works left alike after the
    suffixes), and no bibliography (not read).
    """
    csl = style_text(style)
    csl = re.sub(
        r'disambiguate-add-(year-suffix|names)="true"', r'disambiguate-add-\1="false"', csl
    )
    csl = csl.replace('disambiguate="true"', 'variable="factdb-never-set"')
    return _BIBLIOGRAPHY.sub("", csl)
