"""Count a brace written after a backslash as BibTeX counts it, where the file needs that.

BibTeX and biber count every brace, escaped or not, so `{\\\\\\}` is a group to them; the
parser that splits the file takes `\\}` for a literal brace, and Mendeley writes a title's
line break as `{\\\\\\}` (`polygonal{\\\\\\}models`) and an ISBN as `{2171-679X|escape{\\}}`: the
entry then never closed, and one such entry refused the whole file. Only in an entry that
fails so is a backslash before a brace read as a control space before a brace that counts;
elsewhere `\\{x\\}` stays the literal braces its author wrote.
"""

from __future__ import annotations

import logging
import re

import bibtexparser

#: A brace after an odd number of backslashes: escaped for LaTeX, counted by BibTeX.
_ESCAPED_BRACE = re.compile(r"(?<!\\)((?:\\\\)*)\\([{}])")


def counted_as_bibtex(source: str) -> str:
    """The file with the escaped braces of each entry that needs them counted made countable."""
    if "\\{" not in source and "\\}" not in source:
        return source
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(source, parse_stack=[])
    lines = source.split("\n")
    for block in library.failed_blocks:
        raw = getattr(block, "raw", "") or ""
        start = getattr(block, "start_line", None)
        if start is None or not _ESCAPED_BRACE.search(raw) or not _pairs_when_counted(raw):
            continue
        count = raw.count("\n") + 1
        span = "\n".join(lines[start : start + count])
        lines[start : start + count] = _ESCAPED_BRACE.sub(r"\1\\ \2", span).split("\n")
    return "\n".join(lines)


def _pairs_when_counted(raw: str) -> bool:
    """Whether the block's braces pair up when every one counts, as BibTeX counts them."""
    depth = 0
    for char in raw:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0
