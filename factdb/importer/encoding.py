"""Read a reference file's bytes as text: refuse what is no text, and read a file that is not
UTF-8 as the encoding it declares, else as Windows-1252.

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

from factdb.file_kinds import binary_kind
from factdb.importer.model import fail

MAX_BYTES = 8 * 1024 * 1024

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
        info = codecs.lookup(name)
    except LookupError:
        return ""
    # base64, rot13, zlib are no text encodings (bytes.decode refuses them with a LookupError);
    # the escape codecs read a backslash as an escape, and a .bib file is full of LaTeX's.
    if not info._is_text_encoding or info.name in ("unicode-escape", "raw-unicode-escape"):
        return ""
    return info.name


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


#: What the import reads, named where a file is refused for being something else.
ACCEPTED = "BibTeX or BibLaTeX (.bib), RIS (.ris) or CSL-JSON (.json), as UTF-8 text"


def decode(data: bytes) -> str:
    """Read bytes as text (see `decode_file`)."""
    return decode_file(data).text


def decode_file(data: bytes) -> Decoded:
    """Read bytes as UTF-8 (a byte-order mark is fine), UTF-16 with its mark, the encoding the
    file declares, or else as Windows-1252 where they are not UTF-8, naming those lines.

    A stray NUL byte is dropped: it is no part of any reference (and PostgreSQL refuses it).
    """
    if len(data) > MAX_BYTES:
        raise fail(f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.")
    if _utf16_without_mark(data[:4096]):
        raise fail(f"The file looks like UTF-16 text: save it as UTF-8 (import reads {ACCEPTED}).")
    kind = binary_kind(data)
    if kind:
        # Said before decoding: a PDF may start as ASCII, and "not UTF-8" hides the mistake.
        raise fail(f"The file looks like {kind}, not a reference file; import reads {ACCEPTED}.")
    try:
        found = decoded(data)
    except UnicodeDecodeError as exc:
        raise fail(
            f"The file is not UTF-8 text; save it as UTF-8 and try again (import reads {ACCEPTED})."
        ) from exc
    return Decoded(found.text.replace("\x00", ""), found.recoded)


def _utf16_without_mark(sample: bytes) -> bool:
    """Whether the bytes read as UTF-16 with no byte-order mark: a NUL in every other byte."""
    if len(sample) < 4 or sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) >= 0.8 * half and min(even, odd) <= 0.1 * half
