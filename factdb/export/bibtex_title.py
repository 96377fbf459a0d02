"""Text for a .bib value: LaTeX-escaped, maths kept as maths, capitals protected as the file did.

BibTeX counts every brace, escaped or not, to find where a value ends: a value whose braces
do not pair up (`B }} {{ C`) is written with `\\textbraceleft{}` and `\\textbraceright{}`, so
the field cannot close early and biber keeps the entry.
"""

from __future__ import annotations

import re

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
_UNPAIRED_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
#: A hyphen before another, written `-{}` so that LaTeX makes no dash of typed `--dry-run`.
_HYPHEN_BEFORE_HYPHEN = re.compile(r"-(?=-)")
#: Every escape this module writes, as (character, escape): what the import reads exactly.
READ_ESCAPES = [*LATEX_ESCAPES.items(), *_UNPAIRED_BRACES.items(), ("-", "-{}")]
#: Fields biblatex reads verbatim (addresses, identifiers, paths): written and read as they
#: are, `~` and `_` and all.
VERBATIM_FIELDS = frozenset({
    "url", "doi", "eprint", "file", "pdf", "urlraw", "verba", "verbb", "verbc", "archiveurl",
    "archive_url", "bdsk-url-1", "bdsk-url-2", "bdsk-url-3",  # BibDesk's links
})  # fmt: skip
_TABLE = str.maketrans(LATEX_ESCAPES)
_UNPAIRED_TABLE = str.maketrans(LATEX_ESCAPES | _UNPAIRED_BRACES)
#: Maths kept from an imported title (`$\alpha_2$`): a command, `^` or `_` between dollars.
_MATH = re.compile(r"\$[^$]*?(?:\\[A-Za-z]|[\^_])[^$]*?\$")
#: Straight quotation marks around words: opened after a space or bracket, closed before one.
_OPENS, _CLOSES = r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013/]))", r"(?=$|[\s.,;:!?)\]\u2014\u2013/])"
_DOUBLE_QUOTED = re.compile(_OPENS + r'"(?=\S)([^"]*?\S)"' + _CLOSES)
#: An apostrophe that opens a word ('t Hooft, 'tis, '90s) opens no quotation.
_ELISION = r"(?!(?:[tTnNsS]|[eE]m|[tT]is|[tT]was|[cC]ause|[tT]il|\d\d)\b)"
_SINGLE_QUOTED = re.compile(
    _OPENS + "'" + _ELISION + r"(?=\S)((?:[^']|(?<=\w)'(?=\w))*?[^\s'])'" + _CLOSES
)
#: A word with the punctuation around it: ("(", "NATO", "),").
_PUNCTUATED = re.compile(r"([^\w]*)(.*?)([^\w]*)", re.DOTALL)


def braces_paired(value: str) -> bool:
    """Whether BibTeX, counting every brace, finds this value's braces paired."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def quote_marks(value: str) -> str:
    """Paired straight quotation marks as LaTeX writes them: ``double'' and `single'.

    LaTeX and pandoc read a straight `'` as a closing mark and keep `"` straight, so a
    headline's 'playing politics' printed as ’playing politics’. An apostrophe ("O'Brien",
    "'t Hooft", "the 1990s'") has no partner and stays as it is.
    """
    if '"' not in value and "'" not in value:
        return value
    value = _DOUBLE_QUOTED.sub(lambda match: f"``{match.group(1)}''", value)
    return _SINGLE_QUOTED.sub(lambda match: f"`{match.group(1)}'", value)


def latex_escape(value: str) -> str:
    """Escape LaTeX's special characters, so that no value can close its field."""
    value = quote_marks(" ".join(value.split()))
    escaped = value.translate(_TABLE)
    return _hyphens(escaped if braces_paired(escaped) else value.translate(_UNPAIRED_TABLE))


def _hyphens(escaped: str) -> str:
    """Keep typed hyphens hyphens: LaTeX reads `--` as an en dash and `---` as an em dash."""
    return _HYPHEN_BEFORE_HYPHEN.sub("-{}", escaped)


def latex_unescape(value: str) -> str:
    """Undo latex_escape (used by the import, and by the tests' round trip)."""
    for char, escaped in sorted(READ_ESCAPES, key=lambda item: -len(item[1])):
        value = value.replace(escaped, char)
    return value


def _math_spans(title: str) -> list[tuple[str, bool]]:
    """The title cut into (text, is maths); maths only when its braces pair up."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    for match in _MATH.finditer(title):
        if braces_paired(match.group(0)):
            pieces.append((title[start : match.start()], False))
            pieces.append((match.group(0), True))
            start = match.end()
    pieces.append((title[start:], False))
    return [piece for piece in pieces if piece[0]]


def _protected(text: str, spans: list[str]) -> list[tuple[str, bool]]:
    """The text cut into (text, protected by the file), each span taken where it is a whole word."""
    pieces: list[tuple[str, bool]] = [(text, False)]
    for span in sorted(spans, key=len, reverse=True):
        found = re.compile(rf"(?<!\w){re.escape(span)}(?!\w)")
        cut: list[tuple[str, bool]] = []
        for piece, kept in pieces:
            if kept:
                cut.append((piece, kept))
                continue
            start = 0
            for match in found.finditer(piece):
                cut += [(piece[start : match.start()], False), (match.group(0), True)]
                start = match.end()
            cut.append((piece[start:], False))
        pieces = [piece for piece in cut if piece[0]]
    return pieces


def _must_brace(word: str, first: bool, spans: list[str] | None) -> bool:
    """Whether a style's case change would spoil this word's capitals.

    Without what the file protected, any capitalised word but the title's first is braced, as
    Better BibTeX does; with it, only acronyms and words with a capital inside (`NATO`,
    `VN-001`, `iPhone`), since the file's author braced the proper nouns.
    """
    if word.islower() or not any(char.isupper() for char in word):
        return False
    if spans is not None:
        return any(char.isupper() for char in word[1:])
    return not (first and word[0].isupper() and not any(char.isupper() for char in word[1:]))


def _words(text: str, first: bool, spans: list[str] | None, table: dict[int, str]) -> str:
    out = []
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace():
            out.append(" " if token else "")
            continue
        lead, core, tail = _PUNCTUATED.fullmatch(token).groups()  # type: ignore[union-attr]
        if core and _must_brace(core, first, spans):
            out.append(
                lead.translate(table) + "{" + core.translate(table) + "}" + tail.translate(table)
            )
        else:
            out.append(token.translate(table))
        first = False
    return "".join(out)


def _title(title: str, spans: list[str] | None, table: dict[int, str]) -> str:
    out = []
    # Dollars typed in factdb are money, not maths: maths is kept only as a .bib file gave it.
    pieces = _math_spans(title) if spans is not None else [(title, False)]
    for piece, maths in pieces:
        if maths:
            out.append("{" + piece + "}")
            continue
        for part, kept in _protected(piece, spans or []):
            first = not out
            written = (
                "{" + part.translate(table) + "}" if kept else _words(part, first, spans, table)
            )
            out.append(_hyphens(written))
    return "".join(out)


def protect_case(title: str, spans: list[str] | None = None) -> str:
    """LaTeX-escape a title, bracing what a style must not lower-case, keeping maths as maths.

    `spans` are the parts an imported file braced (None when the title was not read from a
    .bib file): those are braced again, with acronyms and words with an inner capital.
    """
    title = quote_marks(" ".join(title.split()))
    written = _title(title, spans, _TABLE)
    return written if braces_paired(written) else _title(title, spans, _UNPAIRED_TABLE)
