"""RIS, written with rispy from the CSL items: CRLF line ends, no record numbers."""

from __future__ import annotations

from typing import Any

import rispy
from rispy.writer import RisWriter

RIS_TYPES = {
    "article-newspaper": "NEWS",
    "webpage": "ELEC",
    "post": "ELEC",
    "report": "RPRT",
    "book": "BOOK",
    "speech": "SOUND",
    "interview": "PCOMM",
}


class _Writer(RisWriter):
    """RIS as reference managers expect it: CRLF, and no "1." line before each record."""

    NEWLINE = "\r\n"

    def set_header(self, count: int) -> str:
        return ""


def _fold(value: str) -> str:
    """RIS values are one line each: fold line breaks into spaces."""
    return " ".join(value.split())


def _date(parts: dict[str, Any]) -> list[int]:
    return list(parts["date-parts"][0]) if parts and parts.get("date-parts") else []


def _ris_date(parts: list[int]) -> str:
    """RIS dates are YYYY/MM/DD/ with empty parts left blank: 2024/03//."""
    padded = [f"{parts[0]:04d}"] + [f"{part:02d}" for part in parts[1:]]
    padded += [""] * (3 - len(padded))
    return "/".join(padded) + "/"


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return _fold(name["literal"])
    return _fold(f"{name['family']}, {name['given']}" if name.get("given") else name["family"])


def reference(item: dict[str, Any]) -> dict[str, Any]:
    """One CSL item as a rispy reference dict."""
    ref: dict[str, Any] = {
        "type_of_reference": RIS_TYPES.get(item["type"], "GEN"),
        "title": _fold(item["title"]),
    }
    if item.get("author"):
        ref["authors"] = [_name(name) for name in item["author"]]
    if item.get("container-title"):
        ref["secondary_title"] = _fold(item["container-title"])
    if item.get("publisher"):
        ref["publisher"] = _fold(item["publisher"])
    issued = _date(item.get("issued", {}))
    if issued:
        ref["year"] = str(issued[0])
        ref["date"] = _ris_date(issued)
    accessed = _date(item.get("accessed", {}))
    if accessed:
        ref["access_date"] = _ris_date(accessed)
    if item.get("URL"):
        ref["urls"] = [item["URL"]]
    if item.get("DOI"):
        ref["doi"] = item["DOI"]
    if item.get("language"):
        ref["language"] = item["language"]
    if item.get("genre"):
        ref["type_of_work"] = _fold(item["genre"])
    archive = item.get("custom", {}).get("archive-url")
    if archive:
        ref["notes"] = [f"Archived at {archive}"]
    ref["id"] = item["id"]
    return ref


def write(items: list[dict[str, Any]]) -> str:
    return rispy.dumps([reference(item) for item in items], implementation=_Writer)
