"""How a value read from any reference format becomes one line of text."""

from __future__ import annotations

import html
import re

from factdb.text import clean

#: A complete HTML character reference: `&amp;`, `&#38;`, `&#x26;`, `&eacute;`. The closing
#: semicolon is required, so an ampersand that is the text's own (`AT&T`, `R&D`, `&c`) stays.
CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def decode_references(value: str) -> str:
    """Read each HTML character reference in a title or name as its character, once.

    Exporters that build their files from web pages (publishers' sites, the ACM's BibTeX)
    write titles and names HTML-escaped: "Caf&eacute; &amp; Bar". A name that stands for no
    character (`&D;`) stays as written, and `&amp;amp;` becomes `&amp;`, not `&`. Addresses
    and identifiers never come here: a URL's query may hold `&copy=2`.
    """
    return CHARACTER_REFERENCE.sub(lambda match: html.unescape(match.group(0)), value)


def one_line(value: str) -> str:
    """A title, name or other text field as one line of plain text."""
    return " ".join(clean(decode_references(value)).split())
