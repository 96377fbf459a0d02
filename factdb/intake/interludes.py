"""Lines a page sets between the paragraphs of one speaker's quotation: a newsletter's or an
advertisement's notice, a link to another story, a pull quote repeating the speaker's words.
They do not end the quotation's run, so an uncued paragraph after them keeps its speaker."""

from __future__ import annotations

import re

from factdb.intake.quotes import Paragraph, QuotePiece

#: A comma after the closing mark, then words: "« … », a lancé un conseiller".
UNREAD_CUE = re.compile(r"[\s»”\"'’]*,[\s»”\"'’]*(?:[—–-]\s*)?[^\W\d_]")
#: Most paragraphs of page text one run of quotation paragraphs may pass over.
_MOST = 3
#: Most words a notice or a link may hold.
_LONGEST_NOTICE = 10
#: What a page's own notices say; any other short line, a subheading above all ("What the
#: critics say"), ends the run, since the words after it may be somebody else's.
_NOTICE = re.compile(
    r"\b(?:advertisement|advert|hide ad|sponsored|newsletters?|sign up|subscribe|subscription|read more"
    r"|related|recommended|listen|watch|share|follow us|story continues|continue reading"
    r"|click here|download|skip|more on this|see also|also read|read also)\b",
    re.IGNORECASE,
)


def unread_cue(text: str, piece: QuotePiece, paragraph: Paragraph) -> bool:
    """Whether the quotation's sentence goes on after its closing mark ("…,” then words)."""
    return UNREAD_CUE.match(text[piece.end : paragraph.end]) is not None


def only_page_lines(
    text: str, paras: list[Paragraph], pieces_in: dict[int, list[QuotePiece]], first: int, last: int
) -> bool:
    """Whether every paragraph strictly between `first` and `last` (two paragraphs of
    quotation) is page text: a short notice that ends in no stop and names nobody (`Sign up for
    our newsletter`, `SKIP ADVERTISEMENT`), or a pull quote, a sentence set without marks that
    the quotation before or after holds word for word. A sentence of narrative is neither."""
    between = range(first + 1, last)
    if not 1 <= len(between) <= _MOST or any(n in pieces_in for n in between):
        return False
    run = pieces_in.get(first, []) + pieces_in.get(last, [])
    words = " ".join(" ".join(text[p.start : p.end].split()) for p in run)
    return all(_page_line(text, paras[n], words) for n in between)


def _page_line(text: str, paragraph: Paragraph, quoted_words: str) -> bool:
    line = " ".join(text[paragraph.start : paragraph.end].split())
    words = line.split()
    if len(words) <= _LONGEST_NOTICE and not line.endswith((".", "!", "?", ":", ",")):
        # a caption naming someone ("Ana Ruiz at the depot") may be whom the next words are by;
        # the notice's own words name nobody ("Hide Ad")
        notice = _NOTICE.search(line)
        rest = line[: notice.start()].split() + line[notice.end() :].split() if notice else []
        named = any(w[:1].isupper() and not w.isupper() for w in rest[1:])
        return notice is not None and not named
    bare = line.rstrip(".!?")
    return len(bare.split()) >= 4 and bare in quoted_words
