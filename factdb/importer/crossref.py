"""`crossref` and `xdata` in a .bib file: an entry takes the fields it lacks from its parent.

A paper in proceedings names the volume with `crossref = {key}` and leaves its booktitle,
publisher and year to it; read alone it lost them (and its type with them). Inheritance
follows biber's defaults (the biblatex manual, appendix B): the child keeps what it has, a
parent's title becomes the child's `booktitle` (a book, collection or proceedings), its
`maintitle` (a multi-volume work) or its `journaltitle` (a periodical), and a few fields are
never inherited. Nor is anything that names one work rather than its container (a DOI, URL,
e-print, ISBN, file): two papers that inherited their volume's DOI read as one paper twice. The
parent may come before or after the child in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: Fields no entry inherits: biber's default `* -> *` exceptions, and the identifiers and
#: files of one work (an ISSN names the journal or series, so it stays inherited).
NOT_INHERITED = frozenset({
    "doi", "url", "urldate", "eprint", "eprinttype", "eprintclass", "archiveprefix",
    "primaryclass", "isbn", "isrn", "ismn", "pmid", "pmcid", "file", "pdf",
    "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options",
    "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand",
    "shorthandintro", "sortkey",
})  # fmt: skip
_TITLES_DROPPED = {"shorttitle": "", "sorttitle": "", "indextitle": "", "indexsorttitle": ""}
_AS_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_AS_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_AS_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}
_IN_BOOK = {"inbook", "bookinbook", "suppbook"}
_IN_COLLECTION = {"incollection", "inreference", "suppcollection"}
#: (parent types, child types, parent field -> child field; "" for not inherited).
RULES: list[tuple[set[str], set[str], dict[str, str]]] = [
    ({"mvbook"}, {"book", *_IN_BOOK}, _AS_MAIN | _TITLES_DROPPED),
    ({"mvcollection", "mvreference"}, {"collection", "reference", *_IN_COLLECTION},
     _AS_MAIN | _TITLES_DROPPED),
    ({"mvproceedings"}, {"proceedings", "inproceedings", "conference"}, _AS_MAIN | _TITLES_DROPPED),
    ({"book"}, _IN_BOOK, _AS_BOOK | _TITLES_DROPPED),
    ({"collection", "reference"}, _IN_COLLECTION, _AS_BOOK | _TITLES_DROPPED),
    ({"proceedings"}, {"inproceedings", "conference"}, _AS_BOOK | _TITLES_DROPPED),
    ({"periodical"}, {"article", "suppperiodical"}, _AS_JOURNAL | _TITLES_DROPPED),
]  # fmt: skip


@dataclass
class Entry:
    """One entry's type, key and resolved fields (by lower-case name), and where to note."""

    entry_type: str
    key: str
    fields: dict[str, str]
    note: Callable[[str], None]


def mapping(parent_type: str, child_type: str) -> dict[str, str]:
    """How the parent's fields are named in the child (biber's defaults)."""
    for parents, children, fields in RULES:
        if parent_type in parents and child_type in children:
            return fields
    return {}


def inherit(entries: Sequence[Entry], spend: Callable[[str], object] = str) -> None:
    """Fill each entry's missing fields from its `xdata` entries and its `crossref` parent.

    A parent is resolved before its children (chains work); a key that names no entry is
    noted on the child, which keeps its `crossref` as it was. A resolved `crossref` or `xdata`
    field is taken out: the child now carries the fields, and the parent may not travel with it.
    Each inherited value is passed to `spend`, which may refuse the file (a long parent with
    thousands of children would fill the memory).
    """
    by_key: dict[str, Entry] = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
        by_key.setdefault(entry.key.casefold(), entry)
    done: set[int] = set()

    def parent_of(child: Entry, field: str, key: str) -> Entry | None:
        parent = by_key.get(key) or by_key.get(key.casefold())
        if parent is None or parent is child:
            child.note(f"{field} {key!r} names no entry in the file; nothing was inherited")
            return None
        resolve(parent)
        return parent

    def resolve(entry: Entry) -> None:
        if id(entry) in done:
            return
        done.add(id(entry))
        fields = entry.fields
        keys = [key.strip() for key in fields.get("xdata", "").split(",") if key.strip()]
        found = [parent for key in keys if (parent := parent_of(entry, "xdata", key))]
        for parent in found:
            _take(fields, parent.fields, {}, spend)
        if keys and len(found) == len(keys):
            del fields["xdata"]
        key = fields.get("crossref", "").strip()
        parent = parent_of(entry, "crossref", key) if key else None
        if parent is not None:
            _take(fields, parent.fields, mapping(parent.entry_type, entry.entry_type), spend)
            del fields["crossref"]

    for entry in entries:
        resolve(entry)


def _take(
    child: dict[str, str],
    parent: dict[str, str],
    renamed: dict[str, str],
    spend: Callable[[str], object],
) -> None:
    """Copy the parent's fields the child lacks, renamed as the types say."""
    for name, value in parent.items():
        target = renamed.get(name, name)
        if name in NOT_INHERITED or not target or not value.strip():
            continue
        if not child.get(target, "").strip():
            child[target] = value
            spend(value)
