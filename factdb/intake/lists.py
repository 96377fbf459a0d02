"""Quotations set out as a list: each item a label, a dash and the words of the one quoted above.

Local reports list what a speaker said item by item under a line that ends in a colon:
`Other roads with damage include:` then `– County Road 8 – “One of the corners washed out.”`.
The items have no cue of their own; they go on from the speaker quoted above the list, as a
paragraph that is only a quotation does. An item with no quotation (`– Lovett Lane`) and the
line that opens the list say what the words are about, not who speaks.
"""

from __future__ import annotations

import re

#: A list item's marker: a dash or a bullet opening the line.
_MARKER = re.compile(r"^\s*[–—•*·-]\s+")
#: The longest line that may open a list or stand as an item without a quotation.
_SHORT = 14


def item_label(lead: str) -> bool:
    """Whether the words before an item's quotation are a label: a marker, a few words, a dash
    or a colon (`– County Road 8 near Dismals –`), not the start of a sentence."""
    match = _MARKER.match(lead)
    if match is None:
        return False
    label = lead[match.end() :].rstrip(" “\"‘'„«")
    return label.endswith(("–", "—", "-", ":")) and len(label.split()) <= _SHORT


def list_line(text: str) -> bool:
    """Whether a paragraph with no quotation opens a list (a short line ending in a colon) or
    is an item of one (a marker and a few words)."""
    stripped = text.strip()
    words = stripped.split()
    if not words or len(words) > _SHORT:
        return False
    return stripped.endswith(":") or _MARKER.match(stripped) is not None
