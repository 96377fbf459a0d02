"""Read a reference file that is not UTF-8: as the encoding it declares, else as Windows-1252.

Theses' `.bib` files kept since the 2000s are often Latin-1 (JabRef wrote `% Encoding:
ISO8859_1` or `Cp1252` at their top, LaTeX read them with `inputenc`'s `latin1`), and BibTeX
itself reads any bytes; refusing such a file cost the user every entry for want of a re-save.
What is not UTF-8 is read as Windows-1252 (Latin-1, with its curly quotes and dashes), line by
line, so that a file mostly UTF-8 with one pasted Latin-1 word keeps its UTF-8 as it is, and
every line so read is named, with a word of it, for the user to check.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

#: The encoding JabRef (and Emacs, and LaTeX's magic comment) write at a file's top.
_DECLARED = re.compile(
    rb"^\s*%+\s*(?:Encoding:|-\*-.*coding:|!TEX encoding\s*=)\s*([\w.:-]+)",
    re.IGNORECASE | re.MULTILINE,
)
#: Bytes that were not UTF-8, as `surrogateescape` keeps them (U+DC80 to U+DCFF).
_ESCAPED = re.compile("[\udc80-\udcff]+")
#: A word holding such bytes, to name in the note ("M\udcfcller").
_WORD_ESCAPED = re.compile("[^\\s{}\"',;=()]*[\udc80-\udcff][^\\s{}\"',;=()]*")
#: Byte-order marks of the UTF-16 and UTF-32 text Windows programs save as "Unicode".
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """A file's text, and the lines read as Windows-1252 (line number -> a word of it)."""

    text: str
    recoded: dict[int, str] = field(default_factory=dict)


def decoded(data: bytes) -> Decoded:
    """Read bytes as UTF-8, as a byte-order mark or the file's declared encoding says, or as
    Windows-1252 where they are not UTF-8; raise UnicodeDecodeError only for a marked
    UTF-16 or UTF-32 file that is not that."""
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            return Decoded(data.decode(encoding))
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _declared(data[:4096])
    if declared:
        try:
            return Decoded(data.decode(declared))
        except UnicodeDecodeError:
            pass  # the declaration is wrong: read it as the bytes say
    return _windows_1252_where_not_utf8(data)


def _declared(head: bytes) -> str:
    """The Python name of the encoding the file declares at its top, if Python knows it."""
    match = _DECLARED.search(head)
    if not match:
        return ""
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _windows_1252_where_not_utf8(data: bytes) -> Decoded:
    """Read each run of bytes that is not UTF-8 as Windows-1252, noting its line."""
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    recoded: dict[int, str] = {}
    for index, line in enumerate(lines):
        if not _ESCAPED.search(line):
            continue
        word = _WORD_ESCAPED.search(line)
        recoded[index + 1] = _ESCAPED.sub(_as_1252, word.group() if word else line)[:40]
        lines[index] = _ESCAPED.sub(_as_1252, line)
    return Decoded("\n".join(lines), recoded)


def _as_1252(match: re.Match[str]) -> str:
    """The characters escaped bytes are in Windows-1252 (Latin-1 where it leaves a byte unused)."""
    raw = bytes(ord(char) - 0xDC00 for char in match.group())
    return "".join(_one_byte(byte) for byte in raw)


def _one_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: Latin-1's control characters


def recoded_note(lines: dict[int, str]) -> str:
    """What a note on an entry says of its lines read as Windows-1252."""
    numbers = sorted(lines)
    where = f"line {numbers[0]}" if len(numbers) == 1 else f"lines {numbers[0]}–{numbers[-1]}"
    return (
        f"the file is not UTF-8: {where} read as Latin-1 (Windows-1252), "
        f"“{lines[numbers[0]]}”; check the accents, or save the file as UTF-8"
    )
