"""Find the words between quotation marks: rules, one pass over each paragraph.

News style reopens a quotation at every paragraph it runs into and closes it only at its end;
each paragraph's part becomes its own piece, and the pieces of one quotation share a `group`,
so a part without an attribution of its own takes the speaker of the whole.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factdb.intake.single_marks import in_headline, said_before
from factdb.intake.subheadings import subheading_inside

OPENERS = "“„«"
CLOSERS = "”»"
AMBIGUOUS = '"'
_MARKS = re.compile(r"''|‘‘|’’|[“„«”»\"]")
#: Two single marks set for a double one: "‘‘…’’".
_DOUBLED = {"‘‘": "“", "’’": "”"}


def with_typeset_marks(text: str) -> str:
    """The text with doubled backticks (``like this'', a typewriter's opening mark) read as
    the curly mark they stand for, the same length, so offsets still hold."""
    return text.replace("``", "“ ") if "``" in text else text


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass
class QuotePiece:
    start: int
    end: int
    paragraph: int
    group: int
    #: The quotation is still open when the paragraph ends.
    open_end: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


#: What opens a paragraph without being part of it: a page's bullets or stars ("****“I’m
#: pretty happy …"), so that a quotation after them still opens the paragraph.
_LEAD = re.compile(r"[ \t]*[*•·▪■►][ \t*•·▪■►]*")


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs are separated by a blank line or, in pasted text, by a single line break;
    one that opens with bullets or stars starts after them."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            lead = _LEAD.match(text, match.start(), match.end())
            start = lead.end() if lead is not None and lead.end() < match.end() else match.start()
            found.append(Paragraph(start, match.end()))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _double_pieces(
    text: str, paragraph: Paragraph, open_at_start: bool = False
) -> list[tuple[int, int, bool, bool]]:
    """(start, end, opens_paragraph, open_end) for each double-quoted piece of one paragraph;
    `open_at_start` when a quotation of the paragraph before runs on into this one."""
    pieces = []
    opened: int | None = paragraph.start if open_at_start else None
    opener = "“" if open_at_start else ""
    # Some sites set ” for every quotation mark: with no “ in the paragraph, ” opens and closes.
    words = text[paragraph.start : paragraph.end]
    closers_only = "“" not in words and "‘‘" not in words

    def _at_start(position: int) -> bool:
        return position == paragraph.start + 1 or (open_at_start and position == paragraph.start)

    for match in _MARKS.finditer(text, paragraph.start, paragraph.end):
        mark = _DOUBLED.get(match.group(), match.group())
        if mark in ("''", AMBIGUOUS) or (mark == "”" and closers_only):
            is_close = opened is not None and not _reopens(text, match.start(), mark)
        elif mark in CLOSERS or (mark == "“" and opener == "„"):
            is_close = opened is not None
            if not is_close:
                continue  # a closing mark with nothing open: a typo, or the previous paragraph's
        else:
            is_close = False
        if not is_close and opened is not None and _lost_break(text, match.start(), mark, opener):
            # A second opening mark of the same kind while one is open: a paragraph break was
            # lost, and the quotation that ran to it goes on in the one this mark opens.
            pieces.append((opened, match.start(), _at_start(opened), True))
        if is_close and opened is not None:
            pieces.append((opened, match.start(), _at_start(opened), False))
            opened = None
        else:
            opened, opener = match.end(), mark
    if opened is not None:
        pieces.append((opened, paragraph.end, opened <= paragraph.start + 2, True))
    return pieces


def _lost_break(text: str, position: int, mark: str, opener: str) -> bool:
    """Whether a mark that opens while a quotation is open (a second `“` or `«`, or a straight
    mark reopening a sentence) means a paragraph break inside the quotation was lost."""
    return (mark == opener and mark in "“«") or _reopens(text, position, mark)


def _reopens(text: str, position: int, mark: str) -> bool:
    """Whether a straight mark after a sentence's end, set right against a capital
    ('… a healthy future. "This will …'), opens a sentence of the quotation rather than
    closing it: a closing mark stands after the words, not before them."""
    return (
        mark == AMBIGUOUS
        and text[position + 1 : position + 2].isupper()
        and text[position - 1 : position] in (" ", "\t")
        and text[max(0, position - 3) : position].rstrip()[-1:] in (".", "!", "?")
    )


def _introduced(text: str, start: int, end: int) -> bool:
    """Whether a quotation left open at its paragraph's end opened after a colon or a
    sentence's end (`told the court: "It is …`), so it is the speaker's words to the end of
    the paragraph with the closing mark left off, not a stray mark in a sentence."""
    before = text[text.rfind("\n", 0, start) + 1 : max(0, start - 1)].rstrip()
    words = text[start:end].split()
    return before.endswith((":", ".", "!", "?")) and len(words) >= 4


def _opens_with_quote(text: str, paragraph: Paragraph) -> bool:
    head = text[paragraph.start : paragraph.start + 3].lstrip()
    return head[:1] in OPENERS + AMBIGUOUS or head.startswith(("''", "‘‘"))


def _opens_with_mark(text: str, paragraph: Paragraph) -> bool:
    """Does the paragraph open with a double quotation mark of any kind, even a closing one?"""
    return _opens_with_quote(text, paragraph) or text[
        paragraph.start : paragraph.start + 3
    ].lstrip().startswith(("”", "’’"))


def _closes_first(text: str, paragraph: Paragraph) -> bool:
    """Does the paragraph's first quotation mark close a quotation (“…appreciated that,” Zheng
    said), so that a quotation left open at the end of the paragraph before runs on here?"""
    match = _MARKS.search(text, paragraph.start, paragraph.end)
    if match is None or match.start() == paragraph.start:
        return False
    mark = _DOUBLED.get(match.group(), match.group())
    if mark in CLOSERS:
        return True
    after = text[match.end() : match.end() + 1]
    return (
        mark == AMBIGUOUS and text[match.start() - 1] in ",.!?" and (not after or after.isspace())
    )


def find_quotes(text: str, paras: list[Paragraph]) -> list[QuotePiece]:
    """Every quoted piece of the text, in order, with its paragraph and quotation group.

    A quotation still open at a paragraph's end is kept when the next paragraph reopens it, or
    when it opened the paragraph (a last quoted paragraph whose closing mark was left out);
    otherwise the stray mark is ignored.
    """
    found: list[QuotePiece] = []
    group = -1
    continuing = False
    runs_on = False
    subheads: set[int] = set()
    british = british_style(text)
    for number, paragraph in enumerate(paras):
        if continuing and number in subheads:
            continue  # a subheading inside a quotation left open: the quotation goes on after it
        pieces = _double_pieces(text, paragraph, open_at_start=runs_on)
        following = paras[number + 1] if number + 1 < len(paras) else None
        reopened = following is not None and _opens_with_quote(text, following)
        if not reopened and pieces and pieces[-1][3] and subheading_inside(text, paras, number):
            subheads.add(number + 1)
            following, reopened = paras[number + 2], True
        runs_on = _runs_on(text, pieces, following, reopened)
        carried = reopened or runs_on
        before = len(found)
        group = _add_double(found, text, pieces, number, group, continuing, carried)
        continuing = bool(pieces) and pieces[-1][3] and carried
        if not british:
            marked = following is not None and _opens_with_mark(text, following)
            single_next = following is not None and _opens_with_single(text, following)
            taken = [(piece.start, piece.end) for piece in found[before:]]
            group, runs_on_single = _add_single(
                found, text, paragraph, number, group, (marked, single_next), taken
            )
            continuing = continuing or runs_on_single
    if british:
        found = _with_single_quotations(found, text, paras, group)
    found.sort(key=lambda piece: piece.start)
    return found


def _with_single_quotations(
    found: list[QuotePiece], text: str, paras: list[Paragraph], group: int
) -> list[QuotePiece]:
    """Add the quotations in single marks, paired like double ones (a paragraph opening with a
    mark it does not close goes on in the next); drop double-quoted words inside them, which
    British style uses for a quotation inside a quotation."""
    singles: list[QuotePiece] = []
    continuing = False
    for number, paragraph in enumerate(paras):
        pieces = _single_pieces(text, paragraph)
        following = paras[number + 1] if number + 1 < len(paras) else None
        carried = following is not None and _opens_with_single(text, following)
        group = _add_double(singles, text, pieces, number, group, continuing, carried)
        continuing = bool(pieces) and pieces[-1][3] and carried
    inside_single = _Spans(singles)
    kept = [p for p in found if not inside_single.holds(p.start, p.end)]
    inside_double = _Spans(kept)
    return kept + [p for p in singles if not inside_double.holds(p.start, p.start + 1)]


class _Spans:
    """Pieces that do not overlap, looked up by position."""

    def __init__(self, pieces: list[QuotePiece]) -> None:
        self.pieces = sorted(pieces, key=lambda piece: piece.start)
        self.starts = [piece.start for piece in self.pieces]

    def holds(self, start: int, end: int) -> bool:
        """Whether start..end lies inside one of the pieces."""
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.pieces[index].end


#: A single mark that may open a quotation: at the start of a word, before a letter, not an
#: elision written with an opening mark ("‘em", "‘til", "rock ‘n’ roll").
_SINGLE_OPENER = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[—–\-\"“:]))[‘'](?=[^\W\d_])(?!(?:em|til|cause|cos|n|bout|round|tis|twas)\b)",
    re.IGNORECASE,
)
#: A single mark that may close one: after a word or a stop, before a space, a stop or the end.
_SINGLE_CLOSER = re.compile(r"(?<=[^\s‘])[’'](?=[\s,.;:!?)\]—–\-\"”]|$)")
_SINGLE_MARK = re.compile(f"{_SINGLE_OPENER.pattern}|{_SINGLE_CLOSER.pattern}", re.IGNORECASE)
_DOUBLE_OPENER = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–\-:]))(?:“|\"(?=\w))")


def british_style(text: str) -> bool:
    """Whether the text sets its quotations in single marks: they open more quotations than
    double marks do (two at least), so an apostrophe is never taken for one elsewhere."""
    singles = len(_SINGLE_OPENER.findall(text))
    return singles >= 2 and singles > len(_DOUBLE_OPENER.findall(text))


def _single_pieces(text: str, paragraph: Paragraph) -> list[tuple[int, int, bool, bool]]:
    """(start, end, opens_paragraph, open_end) for each single-quoted piece of one paragraph."""
    pieces = []
    opened: int | None = None
    for match in _SINGLE_MARK.finditer(text, paragraph.start, paragraph.end):
        position = match.start()
        closes = _SINGLE_CLOSER.match(text, position) is not None and opened is not None
        if closes and _possessive(text, position) and _closes_later(text, position, paragraph):
            continue  # "the players’ union": an apostrophe after a plural
        if closes:
            pieces.append((opened, position, opened == paragraph.start + 1, False))
            opened = None
        elif _SINGLE_OPENER.match(text, position) is not None:
            if opened is not None:
                # A second opening mark while one is open: a paragraph break was lost.
                pieces.append((opened, position, opened == paragraph.start + 1, True))
            opened = match.end()
    if opened is not None:
        pieces.append((opened, paragraph.end, opened <= paragraph.start + 2, True))
    return pieces


def _closes_later(text: str, position: int, paragraph: Paragraph) -> bool:
    """Whether a closing mark may stand later: in a headline with none later, "likened to
    ‘doomsday warnings’ over pay" closes at the mark that looked like a plural's apostrophe
    (a paragraph of text may run on into the next)."""
    later = _SINGLE_CLOSER.search(text, position + 1, paragraph.end) is not None
    return later or not in_headline(text, paragraph.start, paragraph.end)


def _possessive(text: str, position: int) -> bool:
    """An apostrophe after a plural's s before a word in lower case ("taxpayers’ money")."""
    return text[position - 1 : position] == "s" and bool(
        re.match(r"\s+[a-z]", text[position + 1 : position + 4])
    )


def _opens_with_single(text: str, paragraph: Paragraph) -> bool:
    head = text[paragraph.start : paragraph.start + 3].lstrip()
    return head[:1] in "‘'" and head[1:2].isalpha()


def _runs_on(
    text: str,
    pieces: list[tuple[int, int, bool, bool]],
    following: Paragraph | None,
    reopened: bool,
) -> bool:
    """Whether a quotation left open at the paragraph's end runs on into the next paragraph."""
    # A quotation left open at the paragraph's end whose closing mark comes early in the
    # next paragraph, with no reopening mark: a paragraph break inside one quotation.
    return bool(
        following is not None
        and pieces
        and pieces[-1][3]
        and not reopened
        and _closes_first(text, following)
    )


def _add_double(
    found: list[QuotePiece],
    text: str,
    pieces: list[tuple[int, int, bool, bool]],
    number: int,
    group: int,
    continuing: bool,
    carried: bool,
) -> int:
    """Add a paragraph's double-quoted pieces to `found`; the last quotation group is returned."""
    ran_on = False
    for index, (start, end, at_start, open_end) in enumerate(pieces):
        last = index == len(pieces) - 1
        if open_end and last and not (at_start or carried or _introduced(text, start, end)):
            continue
        # An open quotation continues here only if this paragraph opens with a quotation mark,
        # or if it ran on from a piece of this paragraph whose paragraph break was lost.
        if not ((continuing and index == 0 and at_start) or ran_on):
            group += 1
        ran_on = open_end and not last
        start, end = _trim(text, start, end)
        if end > start and re.search(r"\w", text[start:end]):
            found.append(QuotePiece(start, end, number, group, open_end))
    return group


def _add_single(
    found: list[QuotePiece],
    text: str,
    paragraph: Paragraph,
    number: int,
    group: int,
    next_opens: tuple[bool, bool],
    taken: list[tuple[int, int]],
) -> tuple[int, bool]:
    """Add a paragraph's closed single-quoted pieces of three words or more outside the
    double-quoted ones `taken` (a text quoting in double marks uses single ones inside).

    Returns the group, and whether a quotation goes on in the next paragraph: one opening the
    paragraph with a single mark when the next opens with a double one (marks mixed up), or
    one a colon opens with a single mark ("He told reporters: ‘…") when the next reopens it so."""
    reopened, reopened_single = next_opens
    runs_on = False
    for start, end, at_start, open_end in _single_pieces(text, paragraph):
        if any(a <= start < b for a, b in taken):
            continue
        after_colon = text[: start - 1].rstrip().endswith(":")
        if open_end and not (
            (at_start and reopened and not taken) or (after_colon and reopened_single)
        ):
            continue
        short = not open_end and len(text[start:end].split()) < 3
        if (
            short
            and not in_headline(text, paragraph.start, paragraph.end)
            and not said_before(text, start)
        ):
            continue
        group += 1
        runs_on = open_end
        start, end = _trim(text, start, end)
        found.append(QuotePiece(start, end, number, group, open_end))
    return group, runs_on


def only_quoted_before(
    text: str, pieces: list[QuotePiece], piece: QuotePiece, paras: list[Paragraph]
) -> bool:
    """Whether nothing but quotations stands before the piece in its paragraph: a heading
    above names who speaks there, never inside a paragraph of narrative."""
    start = paras[piece.paragraph].start
    lead = list(text[start : piece.start])
    for other in pieces:
        if other.paragraph == piece.paragraph and other.end <= piece.start:
            lead[other.start - start : other.end - start] = " " * (other.end - other.start)
    return not re.search(r"\w", "".join(lead))
