"""Quotations that answer one another in one paragraph, with one cue after the last.

A cross-examination or an interview is often set as a run of quotations with nothing but
punctuation between them ("“You said you are calm?” “Yes.” “You threw the chair?” “No.” “Is
that calm?” the lawyer asked"). A cue after the run reaches back over every quotation in it,
but only half of them are the asker's: a quotation that ends with a question and is answered by
the next one makes the run an exchange between two people, whose turns alternate. The cue's
speaker says the last quotation and every second one before it; the others are the other
party's, whom the cue does not name.
"""

from __future__ import annotations

import re

from factdb.intake.quotes import QuotePiece

#: Words between two quotations: they are no longer one run of turns.
_WORDS = re.compile(r"\w")


def answers_in_exchange(text: str, pieces: list[QuotePiece], piece: QuotePiece, cue: int) -> bool:
    """Whether `piece` is the other party's turn in an exchange closed by the cue at `cue`."""
    line = [p for p in pieces if p.paragraph == piece.paragraph and p.start < cue]
    if piece not in line:
        return False
    run = [line[-1]]
    for earlier in reversed(line[:-1]):
        if _WORDS.search(text[earlier.end : run[0].start]):
            break  # words between two quotations: the run begins after them
        run.insert(0, earlier)
    if piece not in run or not any(_asks(text, p) for p in run[:-1]):
        return False  # no question answered: one speaker's sentences
    return (len(run) - 1 - run.index(piece)) % 2 == 1


def _asks(text: str, piece: QuotePiece) -> bool:
    return text[piece.start : piece.end].rstrip(" ,'’\"”").endswith("?")
