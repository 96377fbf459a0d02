"""Maths kept in an imported title, written as CSL's rich text for the formats without maths.

A .bib file's `Cu$_2$O` is kept as written, so that the .bib exports give it back as maths;
CSL-JSON, and every reference pandoc formats from it, printed the dollars ("Cu$_2$O"). CSL
reads `<sub>` and `<sup>`, so a subscript or superscript becomes one, and the rest of the maths
its Unicode text where pylatexenc has it (`\\delta` is δ, `\\mathrm{eV}` is eV).
"""

from __future__ import annotations

from typing import Any

from pylatexenc.latex2text import LatexNodes2Text

from factdb.export.bibtex_title import _math_spans as math_spans

_TEXT = LatexNodes2Text(math_mode="text")
_TAGS = {"_": "sub", "^": "sup"}


def _argument_end(body: str, start: int) -> int:
    """Where the argument of a `_` or `^` at `start - 1` ends: a group, a command or a character."""
    if body[start] == "{":
        depth = 0
        for index in range(start, len(body)):
            depth += {"{": 1, "}": -1}.get(body[index], 0)
            if depth == 0:
                return index + 1
        return len(body)
    if body[start] == "\\":
        end = start + 1
        while end < len(body) and body[end].isalpha():
            end += 1
        end = max(end, start + 2)
        # A command's own argument goes with it (`_\mathrm{CUS}`).
        return _argument_end(body, end) if body[end : end + 1] == "{" else end
    return start + 1


def _text(latex: str) -> str:
    """LaTeX maths without scripts as Unicode text (as written, less its braces, if unreadable)."""
    try:
        return _TEXT.latex_to_text(latex)
    except Exception:  # (pylatexenc can fail on pathological input)
        return latex.replace("{", "").replace("}", "")


def _rich(body: str) -> str:
    """The body of a maths span as CSL rich text."""
    pieces: list[str] = []
    plain_start = index = 0
    while index < len(body):
        tag = _TAGS.get(body[index])
        if tag is None or index + 1 >= len(body):
            index += 1
            continue
        end = _argument_end(body, index + 1)
        argument = body[index + 1 : end]
        if argument.startswith("{") and argument.endswith("}"):
            argument = argument[1:-1]
        script = (
            "°"
            if (tag, argument.strip()) == ("sup", "\\circ")
            else f"<{tag}>{_rich(argument)}</{tag}>"
        )
        pieces += [_text(body[plain_start:index]), script]
        plain_start = index = end
    pieces.append(_text(body[plain_start:]))
    return "".join(pieces)


def csl_rich_title(title: str) -> str:
    """The title with each maths span (`$…$` with a command, `_` or `^`) as CSL rich text."""
    pieces = math_spans(title)
    if not any(maths for _, maths in pieces):
        return title
    return " ".join("".join(_rich(p[1:-1]) if maths else p for p, maths in pieces).split())


def with_rich_title(item: dict[str, Any]) -> dict[str, Any]:
    """The CSL item with its title's maths as rich text (the item itself when it has none)."""
    title = item.get("title")
    rich = csl_rich_title(title) if isinstance(title, str) else title
    return item if rich == title else {**item, "title": rich}
