"""Name lists in .bib files: authors and editors, and those kept as a file gave them.

factdb models authors and editors; the other name lists biblatex knows are kept as text in
the document's extra. An organisation in such a list is braced in the file (`holder =
{{Gull Harbour Works} and {Tern Docks}}`) so that biber reads it as one name, not as a
person called "Works, Gull Harbour": the import keeps those braces, and the export writes
them again around the escaped name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from factdb.export.bibtex_title import latex_escape
from factdb.export.csl import name_parts

#: biblatex's name lists that factdb keeps in extra (author and editor have columns).
NAME_LISTS = frozenset({
    "holder", "editora", "editorb", "editorc", "translator", "annotator", "commentator",
    "introduction", "foreword", "afterword", "bookauthor", "namea", "nameb", "namec",
    "shortauthor", "shorteditor",
})  # fmt: skip
AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_names(value: str) -> list[str]:
    """Split a name list at " and " outside braces."""
    names, depth, start, index = [], 0, 0, 0
    while index < len(value):
        char = value[index]
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char.isspace() and (match := AND.match(value, index)):
            names.append(value[start:index])
            index = start = match.end()
            continue
        index += 1
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def braced_whole(name: str) -> bool:
    """Whether one pair of braces holds the whole name (`{Gull Harbour Works}`)."""
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(name):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(name) - 1:
            return False
    return True


def read_names(value: str, text: Callable[[str], str]) -> str:
    """A name list as text, each organisation still in its braces."""
    return " and ".join(
        "{" + text(name[1:-1]) + "}" if braced_whole(name) else text(name)
        for name in split_names(value)
    )


def write_names(value: str) -> str:
    """A kept name list escaped for a .bib file, its organisations' braces kept."""
    return " and ".join(
        "{" + latex_escape(name[1:-1]) + "}" if braced_whole(name) else latex_escape(name)
        for name in split_names(value)
    )


#: What BibTeX splits a name list or a name at: the word "and" in any case, and a comma.
_SPLITS_A_NAME = re.compile(r"(?<!\S)and(?!\S)|,", re.IGNORECASE)


def _name_part(value: str) -> str:
    """One part of a name, escaped; braced where BibTeX would split it (`{And Vell}`)."""
    escaped = latex_escape(value)
    return "{" + escaped + "}" if _SPLITS_A_NAME.search(value) else escaped


def person_names(item: dict[str, Any], variable: str = "author") -> str:
    """A CSL item's authors (or editors) as a BibTeX name list: `von Last, Jr., First`."""
    names = []
    for raw in item.get(variable) or []:
        name = name_parts(raw)
        if name is None:
            continue
        if "literal" in name:
            names.append("{" + latex_escape(name["literal"]) + "}")
            continue
        family = " ".join(filter(None, [name.get("non-dropping-particle", ""), name["family"]]))
        parts = [_name_part(family)]
        if name.get("suffix"):
            parts.append(_name_part(name["suffix"]))
        if name.get("given"):
            parts.append(_name_part(name["given"]))
        elif name.get("suffix"):
            parts.append("")
        names.append(", ".join(parts))
    return " and ".join(names)


#: Literal fields biblatex reads as lists, split at "and" (BibTeX reads them as plain text).
BIBLATEX_LISTS = frozenset({"institution", "publisher", "organization", "location"})


def _one_of_a_list(value: str) -> str:
    """A value biblatex would split at "and" ("Institute of Weirs and Sluices"), braced whole.

    Without the braces biber and pandoc made it two: "Institute of Weirs; Sluices".
    """
    if not AND.search(value) or braced_whole(value):
        return value
    return f"{{{value}}}"


def braced_lists(fields: dict[str, str]) -> dict[str, str]:
    """The fields, each of biblatex's literal lists that holds "and" braced whole."""
    return {
        name: _one_of_a_list(value) if name in BIBLATEX_LISTS else value
        for name, value in fields.items()
    }
