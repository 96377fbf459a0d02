"""What a file that is no text looks like, said where the import or the intake refuses it.

People pick a picture or a PDF by mistake; "not UTF-8" hides that mistake, so both readers of
files name the kind first.
"""

from __future__ import annotations

#: The opening bytes of files people pick by mistake, and what each is.
_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
)


#: Bytes no text file holds (C0 controls but tab, line feed, vertical tab, form feed and
#: return; and DEL): a tenth of them or more, and the file is no text.
_CONTROL = frozenset({*range(9), *range(14, 32), 127})


def binary_kind(data: bytes) -> str:
    """What a file that is no text looks like ("" for text): by its signature, else its bytes.

    A NUL byte alone is no sign: a .bib with one stray NUL is text, a program is mostly not.
    """
    head = data[:8]
    riff_image = head.startswith(b"RIFF") and data[8:12] == b"WEBP"
    named = next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), "")
    if named or riff_image:
        return named or "a WebP image"
    sample = data[:4096]
    if b"\x00" not in sample or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ""  # (UTF-16 with its mark is text: "not UTF-8" says what to do)
    controls = sum(byte in _CONTROL for byte in sample)
    binary = controls * 10 >= len(sample)
    return "a binary file (an image, a program or an archive)" if binary else ""
