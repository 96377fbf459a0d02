"""Which paragraph opens an article's running text: its lede.

A page's text often starts with lines that are not sentences: a headline, a byline, a
reporter's desk ("Senior Political Reporter"). Rules that read the lede ("A magistrate said …"
opening a court report is the one the next paragraphs name) count its paragraphs from the
first one that ends as a sentence does, not from the page's first line.
"""

from __future__ import annotations

from collections.abc import Sequence

#: How many lines before the lede a page may put (headline, standfirst, byline, date).
FURNITURE_LINES = 4

_SENTENCE_ENDS = (".", "!", "?", "…", ".”", '."', ".’", "?”", '?"', "!”", '!"')


def lede_paragraph(texts: Sequence[str]) -> int:
    """The number of the first paragraph that ends like a sentence, among the first few;
    0 when none of them does (a page of headings is read as it was)."""
    for number, text in enumerate(texts[: FURNITURE_LINES + 1]):
        if text.rstrip().endswith(_SENTENCE_ENDS):
            return number
    return 0
