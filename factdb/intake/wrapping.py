"""Read hard-wrapped copy (a line break every 50-110 characters) as running text.

Wire copy, e-mailed releases and some archives break lines inside sentences; read as they are,
every line is a paragraph, so a cue on the line after its quotation is lost and a quotation
over two lines is cut in two. A text whose line breaks mostly fall inside sentences is
unwrapped: each such break becomes a space, the same length, so every offset into the text
still points at the same character. Text with one paragraph a line (most articles) is
returned unchanged.
"""

from __future__ import annotations

import re
import statistics
from functools import lru_cache
from itertools import pairwise

from factdb.intake.sentences import full_stop_ends

#: A line that ends a sentence: a full stop, a question or an exclamation, maybe closed by a
#: quotation mark or a bracket.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$|[.!?…]?[\"”’')\]]*[.!?…]$")
#: A line that ends where a sentence cannot go on: a sentence's end, a colon or a semicolon.
_CLOSED = re.compile(r"[.!?…:;\"”’)\]]$")
#: A line that opens a quotation: an opening mark before a word.
_OPENS_QUOTE = re.compile(r"^(?:[“„«‘]|\"(?=\w)|'(?=[^\W\d_]))")
#: A bullet, a dash or a number opening a list item.
_ITEM = re.compile(r"^(?:[*•·▪–—-]\s|\d{1,2}[.)]\s)")
#: Fewest line breaks inside sentences for a text to count as hard-wrapped.
MIN_BREAKS_INSIDE = 5
#: Share of its line breaks that must fall inside sentences.
MIN_SHARE_INSIDE = 0.4


@lru_cache(maxsize=2)
def running_text(text: str) -> str:
    """The text with the line breaks of hard-wrapped copy read as spaces (same length).

    Kept for the last texts read: the review asks again for each quote of the same article."""
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return text
    # The width the copy was wrapped at: most lines reach near it.
    width = lengths[int(0.9 * (len(lengths) - 1))]
    pairs = [(a.rstrip(), b) for a, b in pairwise(lines) if a.strip() and b.strip()]
    # Breaks inside a sentence on a line that nearly fills the width (a caption or a
    # title without a full stop is short).
    inside = [len(a) for a, _ in pairs if not _CLOSED.search(a) and len(a) >= 0.6 * width]
    if (
        len(inside) < MIN_BREAKS_INSIDE
        or len(inside) < MIN_SHARE_INSIDE * len(pairs)
        or not 30 <= statistics.median(inside) <= 120
    ):
        return text
    indented = sum(1 for line in lines if line.strip() and line[:1] in " \t")
    pieces = [lines[0]]
    for line, following in pairwise(lines):
        runs_on = _runs_on(line.rstrip(), following, width, indented, len(lengths))
        pieces.append(" " if runs_on else "\n")
        pieces.append(following)
    return "".join(pieces)


def _runs_on(line: str, following: str, width: int, indented: int, count: int) -> bool:
    """Whether the sentence on `line` goes on at `following` (a break to read as a space)."""
    if not line.strip() or not following.strip():
        return False  # a blank line ends a paragraph
    if following[:1] in " \t" and indented < count / 2:
        return False  # an indented start opens one
    head = following.lstrip()
    if _ITEM.match(head) or (_heading(line) and len(line) < 0.75 * width):
        return False  # a list item, or a title or byline that stops short, stands alone
    if _heading(following) and (
        _CLOSED.search(line) or _ITEM.match(line.lstrip()) or head.startswith("By ")
    ):
        return False  # a title or a byline after a sentence, an item or a title
    if not _SENTENCE_END.search(line):
        return True
    if line.endswith(".") and not full_stop_ends(f"{line} {head}", len(line) - 1):
        return True  # "Woo v." or "Gov." then the name: no sentence ends there
    if _OPENS_QUOTE.match(head):
        return False  # a new quotation after a sentence's end opens a paragraph
    # A line that stops short of the width, though the next word would have fitted, ended
    # its paragraph there.
    next_word = head.split(maxsplit=1)[0]
    return len(line) + 1 + len(next_word) > width


def _heading(line: str) -> bool:
    """A line that may stand on its own: a title, a byline or a subheading (no sentence's end,
    no comma but in a byline, most words capitalised, the last one too)."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", line)
    if not words or _CLOSED.search(line.rstrip()) or ("," in line and words[0] != "By"):
        return False
    if not words[-1][0].isupper():
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised >= 0.6 * len(words)
