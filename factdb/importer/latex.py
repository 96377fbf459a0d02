"""LaTeX in a BibTeX value read as text: escapes, accents, maths and the spans braced against
a style's case change.

A title's maths is read into Unicode where every command in it has a character (`$\\simeq$`
is ≃, `{$\\mu$}m` is μm) and kept as it was written otherwise (`$\\alpha_2$`), so that the
export writes it back as maths. The spans a file braced (`{Evolution}`, `{HST}`) are the
ones its author protected; the export protects those again, and no other capitalised word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text, get_default_latex_context_db

from factdb.export.bibtex_title import READ_ESCAPES, latex_unescape
from factdb.importer.latex_commands import BibText
from factdb.importer.values import one_line

_latex = BibText(math_mode="verbatim")
_math_text = LatexNodes2Text(math_mode="text")
_CONTEXT = get_default_latex_context_db()
_OWN_ESCAPES = sorted(READ_ESCAPES, key=lambda item: -len(item[1]))
#: Maths in a value: `$…$` not escaped as `\$`.
_MATH = re.compile(r"(?<!\\)\$([^$]+)\$")
_COMMAND = re.compile(r"\\([A-Za-z]+|[^A-Za-z])")
#: A command just before a brace, whose argument the brace opens (`\emph{…}`, `\'{E}`).
_BEFORE_ARGUMENT = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z])\s*$")


def _math(match: re.Match[str]) -> str:
    """A maths span as Unicode when every command in it has a character, else as written."""
    body = match.group(1)
    commands = _COMMAND.findall(body)
    if (
        not commands
        or any(c in body for c in "^_{}")
        or any(_CONTEXT.get_macro_spec(command) is None for command in commands)
    ):
        return match.group(0)
    try:
        return _math_text.latex_to_text(match.group(0)).strip()
    except Exception:  # (pylatexenc can fail on pathological input: keep it as maths)
        return match.group(0)


#: What only LaTeX reads differently from plain text: a command, a brace, maths, a tie, a dash.
_LATEX = re.compile(r"[\\{}$~]|--")
#: A command whose argument is an address, read verbatim (`\url{https://example.org/~a_b}`).
_VERBATIM = re.compile(r"\\(?:url|path|nolinkurl)\s*\{([^{}]*)\}")
#: An address written out in a value: its `~` is part of it, no tie.
_ADDRESS = re.compile(r"\b(?:https?|ftp)://[^\s{}\\]+|\bwww\.[^\s{}\\]+")


def _hold_addresses(value: str, held: list[str]) -> str:
    """Put addresses out of LaTeX's reach, each as a placeholder indexing `held`."""

    def hold(text: str) -> str:
        held.append(text)
        return f"\ue002{len(held) - 1}\ue003"

    value = _VERBATIM.sub(lambda match: hold(match.group(1)), value)
    return _ADDRESS.sub(
        lambda match: hold(match.group(0)) if "~" in match.group(0) else match.group(0), value
    )


#: LaTeX's quotation marks: ``double'' and `single' (a `'` inside a word is an apostrophe).
#: The quoted text stops at the next `` too: searching on to the end from every `` took
#: quadratic time (50,000 backticks, 18 s), and a `` inside opens a quotation of its own.
_DOUBLE_QUOTED = re.compile(r"``((?:[^`']|`(?!`)|'(?!'))*)''")
_SINGLE_QUOTED = re.compile(r"`((?:[^`']|'(?=\w))*)'")


def quotation_marks(value: str) -> str:
    """LaTeX's typed quotation marks as the characters they print (“…” and ‘…’)."""
    if "`" not in value:
        return value
    value = _DOUBLE_QUOTED.sub(r"“\1”", value).replace("``", "“")
    return _SINGLE_QUOTED.sub(r"‘\1’", value)


@lru_cache(maxsize=65536)
def read_latex(value: str) -> tuple[str, tuple[str, ...]]:
    """Read a BibTeX value as text, and name the commands in it that have no text of their own.

    factdb's own escapes are read exactly, any other LaTeX via pylatexenc: `~` is a space,
    `--` and `---` are dashes, and an address (`\\url{…}`, `\\path{…}`, `https://…/~a`) is read
    verbatim. Cached: a library writes its authors' names many times over,
    each read once.
    """
    value = quotation_marks(value)
    probe = value
    for _, escaped in _OWN_ESCAPES:
        probe = probe.replace(escaped, "")
    if not _LATEX.search(probe):
        return latex_unescape(value), ()
    # Foreign LaTeX (accents, protective braces): keep our escapes and addresses out of
    # pylatexenc's way.
    held: list[str] = []
    protected = _hold_addresses(value, held)
    for index, (_, escaped) in enumerate(_OWN_ESCAPES):
        protected = protected.replace(escaped, f"\ue000{index}\ue001")
    protected = _MATH.sub(_math, protected)
    try:
        text, unknown = _latex.read(protected)
    except Exception:  # (pylatexenc can fail on pathological input: keep the raw text)
        text, unknown = protected, ()
    for index, (char, _) in enumerate(_OWN_ESCAPES):
        text = text.replace(f"\ue000{index}\ue001", char)
    for index, address in enumerate(held):
        text = text.replace(f"\ue002{index}\ue003", address)
    return text, unknown


def latex_to_text(value: str) -> str:
    """Read a BibTeX value as text (see read_latex)."""
    return read_latex(value)[0]


def text(value: str) -> str:
    """A field as one line of plain text (an HTML character reference, which some exporters
    such as the ACM's write as `\\&\\#38;`, read as its character)."""
    return one_line(latex_to_text(value))


def _closing(value: str, start: int) -> int:
    """Index of the brace closing the one at `start` (-1 when unbalanced)."""
    depth = 0
    for index in range(start, len(value)):
        char = value[index]
        if char == "\\":
            continue
        if char == "{" and (index == 0 or value[index - 1] != "\\"):
            depth += 1
        elif char == "}" and (index == 0 or value[index - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return index
    return -1


def protected_spans(value: str) -> list[str]:
    """The text of each span the value braces against a case change and that holds a capital.

    A brace that opens a command's argument (`\\emph{…}`) or a special character (`{\\'E}`)
    protects nothing; `{Evolution}`, `{HST}` and `{$\\Omega$}` do.
    """
    spans: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            index += 2
            continue
        if char != "{":
            index += 1
            continue
        end = _closing(value, index)
        if end < 0:
            break
        inner = value[index + 1 : end]
        if not _BEFORE_ARGUMENT.search(value[:index]) and not inner.startswith("\\"):
            span = text(inner).strip()
            if any(c.isupper() for c in span) and span not in spans:
                spans.append(span)
        index = end + 1
    return spans
