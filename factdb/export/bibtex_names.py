"""Name lists factdb keeps as a .bib file gave them (a patent's holder, a work's translator).

factdb models authors and editors; the other name lists biblatex knows are kept as text in
the document's extra. An organisation in such a list is braced in the file (`holder =
{{Gull Harbour Works} and {Tern Docks}}`) so that biber reads it as one name, not as a
person called "Works, Gull Harbour": the import keeps those braces, and the export writes
them again around the escaped name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factdb.export.bibtex_title import latex_escape

#: biblatex's name lists that factdb keeps in extra (author and editor have columns).
NAME_LISTS = frozenset({
    "holder", "editora", "editorb", "editorc", "translator", "annotator", "commentator",
    "introduction", "foreword", "afterword", "bookauthor", "namea", "nameb", "namec",
    "shortauthor", "shorteditor",
})  # fmt: skip
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_names(value: str) -> list[str]:
    """Split a name list at " and " outside braces."""
    names, depth, start, index = [], 0, 0, 0
    while index < len(value):
        char = value[index]
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char.isspace() and (match := _AND.match(value, index)):
            names.append(value[start:index])
            index = start = match.end()
            continue
        index += 1
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def _braced_whole(name: str) -> bool:
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
        "{" + text(name[1:-1]) + "}" if _braced_whole(name) else text(name)
        for name in split_names(value)
    )


def write_names(value: str) -> str:
    """A kept name list escaped for a .bib file, its organisations' braces kept."""
    return " and ".join(
        "{" + latex_escape(name[1:-1]) + "}" if _braced_whole(name) else latex_escape(name)
        for name in split_names(value)
    )
