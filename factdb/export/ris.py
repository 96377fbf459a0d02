"""RIS, written with rispy from the CSL items: CRLF line ends, no record numbers.

Types are the ones Zotero's RIS translator reads back as the same kind of item (a speech
as a presentation, not an audio recording); the type of work (M3) names what RIS has no
type for. Every value is folded onto one line, so no value can start a tag or a record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import rispy
from rispy.writer import RisWriter

from factdb.export import crosswalk
from factdb.export.csl import MAPPED, name_parts
from factdb.vocab import DOCUMENT_TYPES

#: CSL type -> RIS type, as Zotero maps them both ways (factdb.vocab.DOCUMENT_TYPES).
RIS_TYPES = {names.csl: names.ris for names in DOCUMENT_TYPES.values()} | {
    "report": "RPRT",
    "post-weblog": "BLOG",
}


#: RIS types whose editors are A2, as both the RIS specification and Zotero have it. Elsewhere
#: they are ED, which Zotero and Reference Manager read as the editors of any type: Zotero reads
#: a book's A2 as its series editor (and writes its editors as A3, its series editor's tag in
#: the specification), and a presentation's A2 as its presenter.
EDITORS_IN_A2 = frozenset({"CHAP", "CONF", "JOUR"})


class _Writer(RisWriter):
    """RIS as reference managers expect it: CRLF, no "1." line before each record, and ED."""

    NEWLINE = "\r\n"
    DEFAULT_MAPPING = rispy.TAG_KEY_MAPPING | {"ED": "editors"}
    DEFAULT_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED"]

    def set_header(self, count: int) -> str:
        return ""


def fold(value: str) -> str:
    """RIS values are one line each: fold line breaks (any Unicode kind) into spaces."""
    return " ".join(str(value).split())


def _date(parts: dict[str, Any] | None) -> list[int]:
    return list(parts["date-parts"][0]) if parts and parts.get("date-parts") else []


def _ris_date(parts: list[int]) -> str:
    """RIS dates are YYYY/MM/DD/ with empty parts left blank: 2024/03//."""
    padded = [f"{parts[0]:04d}"] + [f"{part:02d}" for part in parts[1:]]
    padded += [""] * (3 - len(padded))
    return "/".join(padded) + "/"


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return fold(name["literal"])
    family = " ".join(filter(None, [name.get("non-dropping-particle", ""), name["family"]]))
    parts = [family, name.get("given", "")]
    if name.get("suffix"):
        parts.append(name["suffix"])
    return fold(", ".join(parts).rstrip(", "))


def _editors(item: dict[str, Any]) -> list[dict[str, str]]:
    """The editors that have a name (an imported CSL list may hold anything)."""
    names = item.get("editor")
    return [p for p in map(name_parts, names) if p] if isinstance(names, list) else []


def reference(item: dict[str, Any]) -> dict[str, Any]:
    """One CSL item as a rispy reference dict."""
    ref: dict[str, Any] = {
        "type_of_reference": RIS_TYPES.get(item["type"], "GEN"),
        "title": fold(item["title"]),
    }
    if item.get("author"):
        ref["authors"] = [_name(name) for name in item["author"]]
    editors = [_name(name) for name in _editors(item)]
    if editors:
        in_a2 = ref["type_of_reference"] in EDITORS_IN_A2
        ref["secondary_authors" if in_a2 else "editors"] = editors
    if item.get("container-title"):
        ref["secondary_title"] = fold(item["container-title"])
    if item.get("publisher"):
        ref["publisher"] = fold(item["publisher"])
    issued = _date(item.get("issued"))
    if issued:
        ref["year"] = str(issued[0])
        ref["date"] = _ris_date(issued)
    accessed = _date(item.get("accessed"))
    if accessed:
        ref["access_date"] = _ris_date(accessed)
    if item.get("URL"):
        ref["urls"] = [fold(item["URL"])]
    if item.get("DOI"):
        ref["doi"] = fold(item["DOI"])
    if item.get("language"):
        ref["language"] = fold(item["language"])
    if item.get("genre"):
        ref["type_of_work"] = fold(item["genre"])
    archive = item.get("custom", {}).get("archive-url")
    if archive:
        # AN ("Loc. in Archive") is where Zotero keeps an archived copy's address.
        ref["accession_number"] = fold(archive)
    if ref["type_of_reference"] == "PAT" and item.get("number"):
        # A patent has no issue: IS holds its number, as the RIS specification has it.
        ref["number"] = fold(str(item["number"]))
    _details(item, ref)
    ref["id"] = fold(item["id"])
    return ref


def _details(item: dict[str, Any], ref: dict[str, Any]) -> None:
    """The declared fields RIS has a tag for, and the imported tags kept in extra."""
    for spec in MAPPED:
        value = item.get(spec.csl)
        if not spec.ris or not value:
            continue
        if spec.ris == "SP":
            start, _, end = str(value).replace("\u2013", "-").partition("-")
            ref["start_page"] = fold(start)
            if end.strip():
                ref["end_page"] = fold(end)
        else:
            ref.setdefault(rispy.TAG_KEY_MAPPING[spec.ris], fold(str(value)))
    _kept_tags(item.get("custom", {}).get("extra", {}), ref)
    summary = crosswalk.abstract(crosswalk.kept(item), ("ris.AB", "ris.N2"))
    if summary:
        ref.setdefault("abstract", fold(summary))
    if volumes := crosswalk.volumes(item, "ris.NV"):
        ref.setdefault("number_of_volumes", fold(volumes))
    if "keywords" not in ref and (words := crosswalk.keywords(crosswalk.kept(item), "ris.KW")):
        ref["keywords"] = [fold(word) for word in words]
    if "notes" not in ref and (written := crosswalk.notes(crosswalk.kept(item), ("ris.N1",))):
        ref["notes"] = [fold(note) for note in written]


def _kept_tags(extra: dict[str, Any], ref: dict[str, Any]) -> None:
    """Write back the tags an import kept in extra (`ris.N2`), where nothing else filled them."""
    for key, value in extra.items():
        name = rispy.TAG_KEY_MAPPING.get(key.removeprefix("ris."))
        values = [fold(line) for line in str(value).splitlines() if line.strip()]
        if key == "ris.SN" and name in ref and values:
            # The ISBNs or ISSNs after the first, which the import kept apart: one SN again,
            # as Zotero writes the several ISBNs of one field.
            ref[name] = " ".join([ref[name], *values])
        elif key == "ris.UR" and name in ref:
            # The web addresses after the first, which the import kept apart: a UR each.
            ref[name] = [*ref[name], *(url for value in values for url in value.split())]
        elif key.startswith("ris.") and name and name not in ref:
            ref[name] = values if key[4:] in rispy.LIST_TYPE_TAGS else " ".join(values)


def write(batches: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    for items in batches:
        if items:
            yield rispy.dumps([reference(item) for item in items], implementation=_Writer)
