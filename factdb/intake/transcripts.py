"""Answers in a press-conference transcript written without quotation marks.

    On the injury:
    We will know more tomorrow after the scan.

A paragraph that is only a transcript's topic ("On the injury:", "ON THE DEFENCE", "(on his
future)") is followed by the answer, whoever the transcript is of; written without quotation
marks, it is still that person's words. Only paragraphs that speak in the first person ("I",
"we", "my", "our") count, up to the next topic, so that a reporter's own paragraph after a
heading is never taken for an answer.
"""

from __future__ import annotations

import re

from factdb.intake import qa
from factdb.intake.quotes import Paragraph, QuotePiece

#: Written as a sentence writes them: "US" (the country) and "ME" are no first person.
_FIRST_PERSON = re.compile(
    r"\b(?:I|I[’']m|I[’']ve|I[’']d|I[’']ll|[Mm]e|[Mm]y|[Ww]e|[Ww]e[’']re|[Ww]e[’']ve|[Uu]s|[Oo]ur)\b"
)
_QUOTATION_MARKS = re.compile(r"[\"“”«»„]")
#: Answers taken under one topic at most: a transcript's answer runs a few paragraphs.
_MOST_PARAGRAPHS = 6


def unquoted_answers(
    text: str, paragraphs: list[Paragraph], pieces: list[QuotePiece]
) -> list[QuotePiece]:
    """The answers below a topic line that carry no quotation marks, each as a quotation."""
    quoted = {piece.paragraph for piece in pieces}
    group = max((piece.group for piece in pieces), default=-1)
    found: list[QuotePiece] = []
    for number, paragraph in enumerate(paragraphs):
        words = text[paragraph.start : paragraph.end]
        if number in quoted:
            continue
        run_in = _run_in_answer(words)
        if run_in is not None:
            # "On the penalty: It was a clear foul …": the topic, then the answer
            group += 1
            found.append(QuotePiece(paragraph.start + run_in, paragraph.end, number, group))
            continue
        if qa.label(words) != qa.TOPIC or len(words) > 400:
            continue
        for following in range(number + 1, min(len(paragraphs), number + 1 + _MOST_PARAGRAPHS)):
            answer = paragraphs[following]
            words = text[answer.start : answer.end]
            if (
                following in quoted
                or qa.label(words) is not None
                or _QUOTATION_MARKS.search(words)
                or not _FIRST_PERSON.search(words)
            ):
                break
            start = answer.start + len(words) - len(words.lstrip())
            end = answer.start + len(words.rstrip())
            group += 1
            found.append(QuotePiece(start, end, following, group))
    return found


def _run_in_answer(words: str) -> int | None:
    """Where the answer starts in "On the penalty: It was a clear foul …", if it is one."""
    colon = words.find(":", 0, 200)
    if colon < 0 or qa.label(words[: colon + 1]) != qa.TOPIC:
        return None
    rest = words[colon + 1 :]
    if _QUOTATION_MARKS.search(rest) or not _FIRST_PERSON.search(rest):
        return None
    return colon + 1 + len(rest) - len(rest.lstrip())
