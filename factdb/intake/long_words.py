"""Text that would take minutes to read: over-long words made plain, crowded paragraphs refused,
quotations blanked in one pass.

spaCy's tokenizer splits a prefix or suffix off a word one at a time and reads the rest of the
word again after each split, so a word of n marks costs n² (6,000 quotation marks, a few
kilobytes pasted into the form, took over a minute; "'s" repeated does the same). No word of
an article's prose is that long or that full of marks: such a word is given to the parser as
letters of the same length, one token, so that every offset still points into the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from factdb.errors import ValidationFailed
from factdb.intake.quotes import QuotePiece

#: Longest word read as written (an address or a long hyphenated name is shorter).
MAX_WORD = 200
#: Most marks (anything but a letter or digit) a word read as written may hold.
MAX_MARKS = 16
_WORD = re.compile(rf"\S{{{MAX_MARKS + 1},}}")
_MARK = re.compile(r"[\W_]")


def _plain(match: re.Match[str]) -> str:
    word = match.group()
    if len(word) <= MAX_WORD and len(_MARK.findall(word)) <= MAX_MARKS:
        return word
    return "x" * len(word)


def plain_long_words(text: str) -> str:
    """The text with every over-long or mark-laden word made letters (same length)."""
    return _WORD.sub(_plain, text)


#: Most quotations one paragraph may hold. Each quotation is read against its whole paragraph
#: (its sentence, what goes on around it), so a paragraph of thousands of them (`"a "a "a …`,
#: 9 KB) cost minutes; an article's paragraph holds a handful.
MAX_QUOTATIONS_PER_PARAGRAPH = 200


def refuse_crowded_paragraphs(pieces: Iterable[QuotePiece]) -> None:
    """Refuse the text if a paragraph holds more quotations than one can, saying so."""
    counts = Counter(piece.paragraph for piece in pieces)
    number, most = counts.most_common(1)[0] if counts else (0, 0)
    if most > MAX_QUOTATIONS_PER_PARAGRAPH:
        raise ValidationFailed(
            f"Paragraph {number + 1:,} holds {most:,} quotations; a paragraph may hold at most "
            f"{MAX_QUOTATIONS_PER_PARAGRAPH:,}. Is this an article? Break it into paragraphs.",
            {"text": "Too many quotations in one paragraph."},
        )


def blanked(text: str, offset: int, pieces: list[QuotePiece]) -> str:
    """The paragraph with its quotations blanked out, in one pass (thousands of quotations in
    one paragraph, each copying the paragraph, once cost minutes)."""
    kept, at = [], 0
    for piece in pieces:
        start, end = max(piece.start - offset, at), piece.end - offset
        if end > start:
            kept += [text[at:start], " " * (end - start)]
            at = end
    kept.append(text[at:])
    return "".join(kept)
