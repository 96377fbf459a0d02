"""A file declaring at its top a codec that is no text encoding ("% Encoding: base64") or one
that reads backslashes as escapes ("unicode_escape") is read as if it declared nothing.

`bytes.decode` raises LookupError for a codec such as base64, rot13 or hex: the import page
answered 500 and `factdb import` stopped with a traceback; "unicode_escape" read `\\t` of
`\\textit` as a tab and `\\'e` as `'e`, changing every LaTeX command without a word.
"""

from __future__ import annotations

import pytest

from factdb import importer

ENTRY = "@article{k, title={M\xfcller and the \\textit{tides}}, journal={Sea}, year={2020}}\n"


@pytest.mark.parametrize("codec", ["base64", "rot13", "hex", "zlib", "unicode_escape"])
def test_a_declared_codec_that_is_no_text_encoding_is_not_used(codec):
    data = f"% Encoding: {codec}\n".encode() + ENTRY.encode("latin-1")
    found = importer.decode_file(data)
    assert "M\xfcller and the \\textit{tides}" in found.text
    assert found.recoded == {2: "M\xfcller"}


def test_a_declared_text_encoding_is_still_used():
    data = b"% Encoding: ISO8859_1\n" + ENTRY.encode("latin-1")
    found = importer.decode_file(data)
    assert "M\xfcller and the \\textit{tides}" in found.text and not found.recoded
