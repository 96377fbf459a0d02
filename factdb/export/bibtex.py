"""BibTeX and BibLaTeX, written with bibtexparser from the CSL items.

Values are LaTeX-escaped (\\ { } & % $ # _ ~ ^), so no value can close its field and
open another; UTF-8 is kept as it is (biber and modern BibTeX read it). Words whose
capitals must survive a style's case change ("Kestria", "VN-001", "NATO") are wrapped in
braces, as Better BibTeX does. URLs and DOIs are written verbatim, with the only three
characters that could break out of a field ({ } \\) percent-encoded. Organisations are
wrapped in an extra pair of braces so that BibTeX never splits them into given and family.
Entry types follow the document's type, and what it carries where that decides the type
(an article needs its journal, a report its institution). A missing author is no reason to
change type: biber and BibTeX warn of it and label the entry by its title, while a @misc
would lose what the document is (a book, a newspaper article and its full date).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from factdb.export import crosswalk
from factdb.export.biblatex_model import refuses
from factdb.export.bibtex_names import NAME_LISTS, braced_lists, person_names, write_names
from factdb.export.bibtex_title import (
    LATEX_ESCAPES,
    VERBATIM_FIELDS,
    braces_paired,
    latex_escape,
    latex_unescape,
    protect_case,
)
from factdb.export.csl import MAPPED
from factdb.text import AUTHORS_TRUNCATED, KEY_ALIASES, TITLE_PROTECTED

__all__ = ["LATEX_ESCAPES", "entry", "latex_escape", "latex_unescape", "protect_case", "write"]

_URL_ESCAPES = {"{": "%7B", "}": "%7D", "\\": "%5C"}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


#: A page range as BibTeX writes it: 12--15.
_PAGE_RANGE = re.compile(r"(?<=\w)\s*(?:-\{\}-|[-\u2013])\s*(?=\w)")
_URL_TABLE = str.maketrans(_URL_ESCAPES)


def verbatim(value: str) -> str:
    """A URL or DOI as it is, except the characters that would end the field."""
    return " ".join(value.split()).translate(_URL_TABLE)


def _date(parts: dict[str, Any] | None) -> list[int]:
    return list(parts["date-parts"][0]) if parts and parts.get("date-parts") else []


def _iso(parts: list[int]) -> str:
    return "-".join(f"{part:02d}" if i else f"{part:04d}" for i, part in enumerate(parts))


def institution(item: dict[str, Any]) -> str:
    """Who issued a report: its publisher, else its outlet, else the organisation that wrote it."""
    literal = next((name["literal"] for name in item.get("author", []) if "literal" in name), "")
    return item.get("publisher") or item.get("container-title") or literal


#: CSL types whose container is a journal, magazine or newspaper (BibLaTeX journaltitle).
_PERIODICALS = {"article-newspaper", "article-magazine", "article-journal"}
#: BibLaTeX's @incollection and @collection require an editor: a chapter without one is an
#: @inbook there (and an @incollection in BibTeX), a book with editors and no author a
#: @collection.


#: Each entry type with the CSL types it takes and what it needs of the item, first match
#: first ("a|b": either; "!a": not a; "institution": the publisher or authority that issued
#: it). An item that fills none is a @misc.
_BIBLATEX_TYPES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("article", frozenset(_PERIODICALS), ("container-title",)),
    ("report", frozenset({"report"}), ("publisher|container-title",)),
    ("collection", frozenset({"book"}), ("editor", "!author")),
    ("book", frozenset({"book"}), ()),
    ("incollection", frozenset({"chapter"}), ("editor", "container-title")),
    ("inbook", frozenset({"chapter"}), ("container-title",)),
    ("inproceedings", frozenset({"paper-conference"}), ("container-title",)),
    ("thesis", frozenset({"thesis"}), ("institution",)),
    ("dataset", frozenset({"dataset"}), ()),
    ("online", frozenset({"webpage", "post", "article-newspaper"}), ("URL|DOI",)),
    ("patent", frozenset({"patent"}), ("number", "issued")),
    # An article with no journal (a preprint): biber warns, but a @misc lost its type.
    ("article", frozenset({"article-journal", "article-magazine"}), ()),
)
#: The same for BibTeX, whose plain.bst needs a year for every type but @misc.
_BIBTEX_TYPES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("article", frozenset(_PERIODICALS), ("container-title",)),
    ("techreport", frozenset({"report"}), ("institution",)),
    ("book", frozenset({"book"}), ()),
    ("incollection", frozenset({"chapter"}), ("container-title",)),
    ("inproceedings", frozenset({"paper-conference"}), ("container-title",)),
    ("phdthesis", frozenset({"thesis"}), ("institution",)),
    # Not in plain.bst (which prints it as a @misc), but what Zotero and biber read as a patent.
    ("patent", frozenset({"patent"}), ("number", "issued")),
    ("article", frozenset({"article-journal", "article-magazine"}), ()),
)


def _fills(item: dict[str, Any], need: str) -> bool:
    if need.startswith("!"):
        return not _filled(item, need[1:])
    return any(_filled(item, name) for name in need.split("|"))


def _filled(item: dict[str, Any], name: str) -> bool:
    """Whether the item has this variable (an editor only if one of them has a name)."""
    if name == "institution":
        return bool(institution(item))
    if name == "editor":
        return bool(editors(item))
    return bool(item.get(name))


def editors(item: dict[str, Any]) -> str:
    """The item's editors as a BibTeX name list ("" when an imported list names nobody)."""
    return person_names(item, "editor") if isinstance(item.get("editor"), list) else ""


def _entry_type(
    item: dict[str, Any], types: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]
) -> str:
    for entry_type, csl_types, needs in types:
        if item["type"] in csl_types and all(_fills(item, need) for need in needs):
            return entry_type
    return "misc"


def biblatex_type(item: dict[str, Any]) -> str:
    """The BibLaTeX entry type whose mandatory fields this item can fill."""
    return _entry_type(item, _BIBLATEX_TYPES)


def bibtex_type(item: dict[str, Any]) -> str:
    """The BibTeX entry type (plain.bst's required fields filled)."""
    return _entry_type(item, _BIBTEX_TYPES)


#: BibLaTeX types that take the fields of another: an edited book a book's, a chapter an inbook's.
_FIELDS_OF = {"collection": "book", "incollection": "inbook"}
#: Types whose reporter volume and page, or number, no BibLaTeX type takes: BibTeX keeps them
#: on a @misc (BibTeX styles ignore them) so that the file reads back whole.
_NO_HOME = frozenset({"legal_case", "legislation"})


def _no_place(item: dict[str, Any], entry_type: str, allowed: tuple[str, ...]) -> bool:
    """Whether biber's data model refuses this field on a BibTeX @misc or @patent (the other
    BibTeX types take what plain.bst prints)."""
    if entry_type == "patent":
        return "patent" not in allowed
    return entry_type == "misc" and "misc" not in allowed and item["type"] not in _NO_HOME


def _details(item: dict[str, Any], fields: dict[str, str], biblatex: bool, entry_type: str) -> None:
    """The declared fields the format has a name for, and the imported ones kept in extra."""
    for spec in MAPPED:
        name = spec.biblatex if biblatex else spec.bibtex
        value = item.get(spec.csl)
        if biblatex and _FIELDS_OF.get(entry_type, entry_type) not in spec.biblatex_on:
            continue
        if not biblatex and _no_place(item, entry_type, spec.biblatex_on):
            continue
        if spec.name in ("isbn", "issn") and value:
            value = _numbers(item, spec.name, str(value), biblatex)
        if name and value and name not in fields:
            value = latex_escape(str(value))
            # A range is one en dash, however the pages were typed (`10-20`, `10--20`, `10–20`).
            fields[name] = _PAGE_RANGE.sub("--", value) if spec.name == "pages" else value
    _kept(item, fields, biblatex, entry_type)


def _numbers(item: dict[str, Any], name: str, value: str, biblatex: bool) -> str:
    """An ISSN or ISBN field: the first number in BibLaTeX, whose data model takes one; in
    BibTeX every number the imported field listed, as Zotero writes them ("0036-8075, 1095-9203").

    The import keeps the numbers after the first under extra (`bibtex.issn`); BibTeX wrote
    only the first, losing the rest, though such fields are written back.
    """
    first = value.split()[0].rstrip(",")
    more = item.get("custom", {}).get("extra", {}).get(f"bibtex.{name}", "")
    if biblatex or not more.strip():
        return first
    return ", ".join([first, *(n for n in re.split(r"[,;\s]+", more) if n)])


#: A field name BibTeX, biber and pandoc read, hyphens too (BibDesk's `date-added`, `bdsk-url-1`).
_FIELD_NAME = re.compile(r"[^\W\d][\w\-:.+]*")


def _kept(item: dict[str, Any], fields: dict[str, str], biblatex: bool, entry_type: str) -> None:
    """The fields an imported .bib file gave that factdb has no column for, written back.

    A field biber's data model refuses on this entry type (a patent's holder on a @misc, a
    volume count on an article) stays in extra and is not written.
    """
    for key, value in item.get("custom", {}).get("extra", {}).items():
        name = key.removeprefix("bibtex.")
        if refuses(name, entry_type) or (key == crosswalk.SUBTITLE and not biblatex):
            continue  # (BibTeX has no subtitle: the title carries it)
        if key.startswith("bibtex.") and _FIELD_NAME.fullmatch(name) and name not in fields:
            verbatim = name.casefold() in VERBATIM_FIELDS and braces_paired(value)
            if verbatim:
                fields[name] = " ".join(value.split())
            elif name.casefold() in NAME_LISTS and braces_paired(value):
                fields[name] = write_names(value)
            else:
                fields[name] = latex_escape(value)
    _crossed(item, fields, entry_type)


def _crossed(item: dict[str, Any], fields: dict[str, str], entry_type: str) -> None:
    """What another format gave for a .bib file's keywords, abstract, volumes, notes (`crosswalk`)."""
    if "keywords" not in fields and (
        words := crosswalk.keywords(crosswalk.kept(item), "bibtex.keywords")
    ):
        fields["keywords"] = latex_escape(", ".join(words))
    volumes = crosswalk.volumes(item, "bibtex.volumes")
    if volumes and "volumes" not in fields and not refuses("volumes", entry_type):
        fields["volumes"] = latex_escape(volumes)
    summary = crosswalk.abstract(crosswalk.kept(item), ("bibtex.abstract",))
    if summary and "abstract" not in fields and not refuses("abstract", entry_type):
        fields["abstract"] = latex_escape(summary)
    own_notes = ("bibtex.annote", "bibtex.comment")
    if "annote" not in fields and (written := crosswalk.notes(crosswalk.kept(item), own_notes)):
        fields["annote"] = latex_escape(" ".join(written))


def _biblatex_fields(item: dict[str, Any], entry_type: str) -> dict[str, str]:
    fields = _biblatex_where(item, entry_type)
    if item["type"] in ("article-newspaper", "article-magazine") and entry_type != "article":
        # A newspaper or magazine article without a byline.
        fields["entrysubtype"] = item["type"].removeprefix("article-")
    issued = _date(item.get("issued"))
    if issued:
        fields["date"] = _iso(issued)
    accessed = _date(item.get("accessed"))
    if accessed:
        fields["urldate"] = _iso(accessed)
    if item.get("language"):
        fields["langid"] = latex_escape(item["language"])
    archive = item.get("custom", {}).get("archive-url")
    if archive:
        fields["addendum"] = f"Archived at \\url{{{verbatim(archive)}}}"
    return {key: value for key, value in fields.items() if value}


#: Where an item appeared, in the fields each BibLaTeX entry type names it with: the field and
#: what fills it ("a|b": the first not empty; ":Default" when none is).
_BIBLATEX_WHERE: dict[str, tuple[tuple[str, str], ...]] = {
    "article": (("journaltitle", "container"),),
    "inbook": (("booktitle", "container"), ("publisher", "publisher")),
    "incollection": (("booktitle", "container"), ("publisher", "publisher")),
    "inproceedings": (("booktitle", "container"), ("publisher", "publisher")),
    "thesis": (("type", "genre:Thesis"), ("institution", "institution")),
    "dataset": (("publisher", "publisher"), ("journaltitle", "container")),
    "report": (("type", "genre:Report"), ("institution", "institution")),
    "book": (("publisher", "publisher"),),
    "collection": (("publisher", "publisher"),),
    "online": (("organization", "container|publisher"),),
    "patent": (("type", "genre"),),
    "misc": (("howpublished", "container"), ("organization", "publisher"), ("type", "genre")),
}


def _biblatex_where(item: dict[str, Any], entry_type: str) -> dict[str, str]:
    """Where the item appeared, in the fields this entry type names it with."""
    values = {
        "container": latex_escape(item.get("container-title", "")),
        "publisher": latex_escape(item.get("publisher", "")),
        "genre": latex_escape(item.get("genre", "")),
        "institution": latex_escape(institution(item)),
    }
    fields: dict[str, str] = {}
    for name, source in _BIBLATEX_WHERE.get(entry_type, _BIBLATEX_WHERE["misc"]):
        choices, _, default = source.partition(":")
        fields[name] = next((values[c] for c in choices.split("|") if values[c]), default)
    if entry_type == "article" and item["type"] != "article-journal":
        fields["entrysubtype"] = item["type"].removeprefix("article-")
    return fields


def _bibtex_fields(item: dict[str, Any], entry_type: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    container = latex_escape(item.get("container-title", ""))
    publisher = latex_escape(item.get("publisher", ""))
    if entry_type == "article":
        # No publisher: BibTeX styles ignore it on an article, and biber's data model refuses it.
        fields["journal"] = container
    elif entry_type in ("incollection", "inproceedings"):
        fields["booktitle"] = container
        fields["publisher"] = publisher
    elif entry_type == "phdthesis":
        fields["school"] = latex_escape(institution(item))
    elif entry_type == "techreport":
        fields["institution"] = latex_escape(institution(item))
    elif entry_type == "book":
        fields["publisher"] = publisher
    elif entry_type != "patent":  # a patent has its office's type and number, no outlet
        fields["howpublished"] = container
        fields["organization"] = publisher
    if item.get("genre"):
        fields["type"] = latex_escape(item["genre"])
    if item["type"] in ("article-newspaper", "article-magazine"):
        # Read by biblatex-minded tools (and factdb), ignored by styles: a newspaper or
        # magazine article, not a journal's.
        fields["entrysubtype"] = item["type"].removeprefix("article-")
    issued = _date(item.get("issued"))
    if issued:
        fields["year"] = str(issued[0])
        if len(issued) > 1:
            fields["month"] = _MONTHS[issued[1] - 1]
        if len(issued) > 2:
            fields["day"] = str(issued[2])
    accessed = _date(item.get("accessed"))
    if accessed:
        # Once, as `urldate`, which biber and pandoc read; a `note = {Accessed …}` beside it
        # was printed twice over by pandoc and left no room for a note the file gave.
        fields["urldate"] = _iso(accessed)
    if item.get("language"):
        # `langid` is what biber and pandoc read: with `language` alone pandoc put a German or
        # Russian title in title case. `language` stays for the BibTeX styles that read it
        # (biber's data model takes it on every type but a patent).
        fields["langid"] = latex_escape(item["language"])
        if entry_type != "patent":
            fields["language"] = fields["langid"]
    archive = item.get("custom", {}).get("archive-url")
    if archive:
        fields["archiveurl"] = verbatim(archive)
    return {key: value for key, value in fields.items() if value}


def entry(item: dict[str, Any], biblatex: bool) -> str:
    """One item as a .bib entry: one field a line, values braced (the month a bare macro)."""
    entry_type = biblatex_type(item) if biblatex else bibtex_type(item)
    fields: dict[str, str] = {}
    extra = item.get("custom", {}).get("extra", {})
    if item.get("author"):
        # A collaboration's list cut short ends as BibTeX says "et al.".
        fields["author"] = person_names(item) + (
            " and others" if extra.get(AUTHORS_TRUNCATED) else ""
        )
    elif entry_type in ("report", "techreport") and not editors(item) and institution(item):
        # A report needs an author (biber, BibTeX): its issuer, as APA cites a press release.
        fields["author"] = f"{{{latex_escape(institution(item))}}}"
    if editors(item):
        fields["editor"] = editors(item)
    title = crosswalk.without_subtitle(item["title"], extra) if biblatex else item["title"]
    fields["title"] = protect_case(title, _spans(extra))
    aliases = _aliases(item["id"], extra)
    if aliases:
        fields["ids"] = aliases
    fields.update(
        _biblatex_fields(item, entry_type) if biblatex else _bibtex_fields(item, entry_type)
    )
    if item.get("URL"):
        fields["url"] = verbatim(item["URL"])
    if item.get("DOI"):
        fields["doi"] = verbatim(item["DOI"])
    _details(item, fields, biblatex, entry_type)
    lines = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in (braced_lists(fields) if biblatex else fields).items()
    )
    return f"@{entry_type}{{{item['id']},\n{lines}\n}}\n"


def _spans(extra: dict[str, Any]) -> list[str] | None:
    """What the imported .bib file braced in the title (None when it was not read from one)."""
    try:
        spans = json.loads(extra[TITLE_PROTECTED])
    except (KeyError, TypeError, ValueError):
        return None
    return [span for span in spans if isinstance(span, str)] if isinstance(spans, list) else None


def _aliases(key: str, extra: dict[str, Any]) -> str:
    """The keys of entries merged into this one, as biber's `ids` (a `\\cite` of them resolves)."""
    written = [str(extra.get(KEY_ALIASES, "")), str(extra.get("bibtex.ids", ""))]
    names = [name.strip() for value in written for name in value.split(",")]
    return ", ".join(dict.fromkeys(name for name in names if name and name != key))


def write(batches: Iterable[list[dict[str, Any]]], *, biblatex: bool = False) -> Iterator[str]:
    """Render batches of CSL items as a .bib file, a batch at a time.

    Entries are formatted here, not by bibtexparser's writer: it costs 0.3 ms an entry
    (15 s for 50,000 documents) to lay out one field a line. bibtexparser and pandoc read
    every export back in the tests.
    """
    first = True
    for items in batches:
        if items:
            text = "\n".join(entry(item, biblatex) for item in items)
            yield text if first else "\n" + text
            first = False
