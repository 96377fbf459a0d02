"""Keywords and notes a reference manager gave, written by each format's own field.

factdb keeps the fields it has no column for under the name of the format they came in
(`bibtex.keywords`, `ris.KW`, `csl.keyword`), and an export in that format writes them back
as they were. Keywords and notes mean the same in every format, so an export in another
format writes them too, in its own field: a library moved from BibTeX to a reference
manager that reads RIS keeps its keywords. A format's own kept field always wins.
"""

from __future__ import annotations

import re
from typing import Any

_KEYWORDS = ("bibtex.keywords", "ris.KW", "csl.keyword")
#: How many volumes a multi-volume work has, in each format's own name.
VOLUMES = ("bibtex.volumes", "csl.number-of-volumes", "ris.NV")
_NOTES = ("bibtex.annote", "bibtex.comment", "ris.N1", "csl.note")
#: An abstract, in each format's own name (RIS has two tags for one).
ABSTRACTS = ("bibtex.abstract", "ris.AB", "ris.N2", "csl.abstract")
#: BibTeX and CSL separate keywords with commas or semicolons; RIS gives one a line.
_KEYWORD_SEPARATOR = re.compile(r"\s*[;,\n]\s*")


def kept(item: dict[str, Any]) -> dict[str, Any]:
    """The fields an exported item carries from the files its document was imported from."""
    return item.get("custom", {}).get("extra", {})


def split_keywords(value: str) -> list[str]:
    return [word for word in _KEYWORD_SEPARATOR.split(value.strip()) if word]


def keywords(extra: dict[str, Any], own: str) -> list[str]:
    """The keywords another format gave, for a format whose own kept field `own` is absent."""
    if extra.get(own):
        return []
    for key in _KEYWORDS:
        value = extra.get(key)
        if key != own and isinstance(value, str) and value.strip():
            return split_keywords(value)
    return []


def notes(extra: dict[str, Any], own: tuple[str, ...]) -> list[str]:
    """The notes other formats gave, for a format none of whose own kept fields `own` is there."""
    if any(extra.get(key) for key in own):
        return []
    return [
        value.strip()
        for key in _NOTES
        if key not in own and isinstance(value := extra.get(key), str) and value.strip()
    ]


def same(extra: dict[str, Any], names: tuple[str, ...], own: str) -> str:
    """A value another format gave under its name for the same field (`names`), for a format
    whose own kept field `own` is absent ("" when none did)."""
    if extra.get(own) not in (None, ""):
        return ""
    for key in names:
        value = extra.get(key)
        if key != own and isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return ""


def abstract(extra: dict[str, Any], own: tuple[str, ...]) -> str:
    """The abstract another format gave, on one line, for a format none of whose own kept
    fields `own` is there ("" when none did)."""
    if any(extra.get(key) for key in own):
        return ""
    for key in ABSTRACTS:
        value = extra.get(key)
        if key not in own and isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def volumes(item: dict[str, Any], own: str) -> str:
    """How many volumes the exported item's work has, for a .bib or RIS export whose own kept
    field `own` is absent: another format's kept field, or the CSL variable already on it."""
    found = same(kept(item), VOLUMES, own)
    if found or kept(item).get(own):
        return found
    counted = item.get("number-of-volumes")
    return str(counted).strip() if isinstance(counted, str | int) else ""


#: A .bib file's subtitle, kept as it came: CSL, RIS and BibTeX have no field for one.
SUBTITLE = "bibtex.subtitle"


def subtitle(extra: dict[str, Any]) -> str:
    """The subtitle an imported .bib entry gave ("" when none)."""
    value = extra.get(SUBTITLE)
    return " ".join(value.split()) if isinstance(value, str) else ""


def with_subtitle(title: str, extra: dict[str, Any]) -> str:
    """The title with its subtitle, as formats with no subtitle field write them:
    "Title: Subtitle" (biblatex joins them so too), or after the title's own ? or !."""
    below = subtitle(extra)
    if not below or title.endswith(below):
        return title
    return (
        f"{title} {below}" if title.rstrip().endswith(("?", "!", ":", ".")) else f"{title}: {below}"
    )


def without_subtitle(title: str, extra: dict[str, Any]) -> str:
    """The main title of one joined by `with_subtitle`, for a format that has a subtitle field."""
    below = subtitle(extra)
    if not below or not title.endswith(below) or title == below:
        return title
    return title[: -len(below)].rstrip().removesuffix(":").rstrip()
