"""Which BibLaTeX entry types take which fields, as biber's default data model says.

A field kept from an imported file (factdb has no column for it) is written back only on an
entry type that takes it: biber's `--validate-datamodel` warns of any other, and biblatex
ignores it there. Only the fields some types refuse are listed; every other field (`keywords`,
`annotation`, `langid`, a field the model does not know) is taken by every type. The table
covers the entry types factdb writes; `tests/test_biblatex_model.py` checks it against the
data model biblatex ships (blx-dm.def).
"""

from __future__ import annotations

_ARTICLE_BOOKS = ("article", "book", "collection", "inbook", "incollection")
_BOOKS = ("book", "collection", "inbook", "incollection", "inproceedings")
_ALL_BUT_PATENT = ("dataset", "inproceedings", "misc", "online", "report", "thesis")

#: Field -> the entry types (of those factdb writes) that take it.
_GROUPS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("inproceedings",), (
        "eventday", "eventendday", "eventendhour", "eventendminute", "eventendmonth",
        "eventendsecond", "eventendtimezone", "eventendyear", "eventendyeardivision",
        "eventhour", "eventminute", "eventmonth", "eventsecond", "eventtimezone", "eventtitle",
        "eventtitleaddon", "eventyear", "eventyeardivision", "venue")),
    (_ARTICLE_BOOKS, (
        "annotator", "commentator", "editora", "editoratype", "editorb", "editorbtype",
        "editorc", "editorctype", "origlanguage", "translator")),
    (("article",), (
        "issn", "issue", "issuesubtitle", "issuetitle", "issuetitleaddon", "journalsubtitle",
        "journaltitle", "journaltitleaddon")),
    (_BOOKS, ("isbn", "mainsubtitle", "maintitle", "maintitleaddon", "part", "volumes")),
    (_ARTICLE_BOOKS[1:], ("afterword", "foreword", "introduction")),
    (("inbook", "incollection", "inproceedings"), ("booksubtitle", "booktitle", "booktitleaddon")),
    (("article", *_BOOKS[:4], "dataset", "inproceedings", "misc", "online"), ("editor", "editortype")),
    ((*_BOOKS, "article", "report", "thesis"), ("eid", "pages")),
    (("inbook",), ("bookauthor",)),
    ((*_ARTICLE_BOOKS[:2], *_ARTICLE_BOOKS[3:], *_ALL_BUT_PATENT, "patent"), ("author",)),
    ((*_BOOKS, "report", "thesis"), ("chapter",)),
    (("book", "collection", "dataset", "inbook", "incollection"), ("edition",)),
    (("patent",), ("holder",)),
    (("misc",), ("howpublished",)),
    (("report", "thesis"), ("institution",)),
    (("report",), ("isrn",)),
    ((*_ARTICLE_BOOKS, *_ALL_BUT_PATENT), ("language",)),
    ((*_BOOKS, "dataset", "misc", "patent", "report", "thesis"), ("location",)),
    ((*_ARTICLE_BOOKS, "dataset", "inproceedings", "patent", "report"), ("number",)),
    (("dataset", "inproceedings", "misc", "online"), ("organization",)),
    (("book", "collection", "report", "thesis"), ("pagetotal",)),
    ((*_BOOKS, "dataset"), ("publisher",)),
    ((*_BOOKS, "article", "dataset"), ("series",)),
    (("dataset", "misc", "patent", "report", "thesis"), ("type",)),
    (("article", "dataset", "misc", "online", "patent", "report"), ("version",)),
    ((*_BOOKS, "article"), ("volume",)),
)  # fmt: skip
TAKEN_BY: dict[str, frozenset[str]] = {
    field: frozenset(types) for types, fields in _GROUPS for field in fields
}
#: The types factdb writes that the table covers (a type outside it is not checked).
WRITTEN_TYPES = frozenset(
    ("article", "dataset", "misc", "online", "patent", "report", "thesis", *_BOOKS)
)
#: BibTeX's names for the same types and fields, as biber reads them.
_TYPE_ALIASES = {"techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis"}
_FIELD_ALIASES = {"journal": "journaltitle", "address": "location", "school": "institution"}


def refuses(field: str, entry_type: str) -> bool:
    """Whether biber's data model refuses this field on this entry type (BibTeX names too)."""
    entry_type = _TYPE_ALIASES.get(entry_type, entry_type)
    name = field.casefold()
    taken = TAKEN_BY.get(_FIELD_ALIASES.get(name, name))
    return entry_type in WRITTEN_TYPES and taken is not None and entry_type not in taken
