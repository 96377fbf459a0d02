"""BibTeX and BibLaTeX, written with bibtexparser from the CSL items.

Values are LaTeX-escaped (\\ { } & % $ # _ ~ ^) except `url` and `doi`; UTF-8
is kept as it is (biber and modern BibTeX read it); organisations are wrapped in
an extra pair of braces so that BibTeX never splits them into given and family.
"""

from __future__ import annotations

from typing import Any

import bibtexparser
import bibtexparser.middlewares
from bibtexparser import model
from bibtexparser.writer import BibtexFormat

LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_VERBATIM_FIELDS = {"url", "doi"}

BIBTEX_TYPES = {
    "article-newspaper": "article",
    "report": "techreport",
    "book": "book",
}
BIBLATEX_TYPES = {
    "article-newspaper": "article",
    "webpage": "online",
    "post": "online",
    "report": "report",
    "book": "book",
}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def latex_escape(value: str) -> str:
    return "".join(LATEX_ESCAPES.get(char, char) for char in value)


def latex_unescape(value: str) -> str:
    """Undo latex_escape (used by the import, and by the tests' round trip)."""
    for char, escaped in sorted(LATEX_ESCAPES.items(), key=lambda item: -len(item[1])):
        value = value.replace(escaped, char)
    return value


def _names(item: dict[str, Any], role: str = "author") -> str:
    names = []
    for name in item.get(role, []):
        if "literal" in name:
            names.append("{" + latex_escape(name["literal"]) + "}")
        elif name.get("given"):
            names.append(f"{latex_escape(name['family'])}, {latex_escape(name['given'])}")
        else:
            names.append(latex_escape(name["family"]))
    return " and ".join(names)


def _date(parts: dict[str, Any]) -> list[int]:
    return list(parts["date-parts"][0]) if parts and parts.get("date-parts") else []


def _entry(item: dict[str, Any], biblatex: bool) -> model.Entry:
    csl_type = item["type"]
    fields: dict[str, str] = {}
    if item.get("author"):
        fields["author"] = _names(item)
    fields["title"] = latex_escape(item["title"])
    issued = _date(item.get("issued", {}))
    accessed = _date(item.get("accessed", {}))
    container = item.get("container-title", "")
    if biblatex:
        entry_type = BIBLATEX_TYPES.get(csl_type, "misc")
        if container:
            fields["journaltitle" if entry_type == "article" else "organization"] = latex_escape(
                container
            )
        if csl_type == "article-newspaper":
            fields["entrysubtype"] = "newspaper"
        if issued:
            fields["date"] = "-".join(
                f"{part:02d}" if i else str(part) for i, part in enumerate(issued)
            )
        if accessed:
            fields["urldate"] = "-".join(
                f"{part:02d}" if i else str(part) for i, part in enumerate(accessed)
            )
        if item.get("language"):
            fields["langid"] = latex_escape(item["language"])
    else:
        entry_type = BIBTEX_TYPES.get(csl_type, "misc")
        if container:
            fields["journal" if entry_type == "article" else "howpublished"] = latex_escape(
                container
            )
        if issued:
            fields["year"] = str(issued[0])
            if len(issued) > 1:
                fields["month"] = _MONTHS[issued[1] - 1]
            if len(issued) > 2:
                fields["day"] = str(issued[2])
        if accessed:
            fields["urldate"] = "-".join(
                f"{part:02d}" if i else str(part) for i, part in enumerate(accessed)
            )
            fields["note"] = "Accessed " + fields["urldate"]
        if item.get("language"):
            fields["language"] = latex_escape(item["language"])
    if item.get("publisher"):
        key = "institution" if entry_type in ("techreport", "report") else "publisher"
        fields[key] = latex_escape(item["publisher"])
    if item.get("genre"):
        fields["type"] = latex_escape(item["genre"])
    if item.get("URL"):
        fields["url"] = item["URL"]
    if item.get("DOI"):
        fields["doi"] = item["DOI"]
    archive = item.get("custom", {}).get("archive-url")
    if archive:
        fields["archiveurl" if biblatex else "archive_url"] = latex_escape(archive)
    # The month is a BibTeX macro (mar), written without braces so that styles expand it.
    return model.Entry(
        entry_type,
        item["id"],
        [
            model.Field(name, value, enclosing="no-enclosing" if name == "month" else None)
            for name, value in fields.items()
        ],
    )


def write(items: list[dict[str, Any]], *, biblatex: bool = False) -> str:
    """Render CSL items as a .bib file."""
    library = bibtexparser.Library()
    for item in items:
        library.add(_entry(item, biblatex))
    bibtex_format = BibtexFormat()
    bibtex_format.indent = "  "
    bibtex_format.block_separator = "\n"
    # The library is thrown away afterwards, so the writer may change it in place (much faster).
    stack = bibtexparser.middlewares.default_unparse_stack(allow_inplace_modification=True)
    return bibtexparser.write_string(library, unparse_stack=stack, bibtex_format=bibtex_format)
