"""Long articles are read by a background job, never inside a web request.

The job reads the text (the slow part: the parser) and keeps what it found as its result;
the review page then matches speakers and documents from that result in a few queries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from factdb.article_text import prepare
from factdb.errors import ValidationFailed
from factdb.intake.extract import extract
from factdb.intake.progress import READING_PHASES, said
from factdb.intake.quotes import find_quotes, paragraphs
from factdb.jobs.context import JobContext
from factdb.jobs.registry import JobFailed, JobOutcome, job_kind

KIND = "intake.read"
#: Texts longer than this (in words) are read in the background; shorter ones at once.
#: About 1.9 s of processor time (1.55 s per 10,000 words of news, README "Speed"), what
#: 6,000 words cost before the matrix products moved to OpenBLAS.
BACKGROUND_WORDS = 12_000
#: Nor is a text of fewer words read at once when its characters or one paragraph say it
#: would be slow: long "words" (tables, code, runs of marks) and paragraphs the parser reads
#: as one sentence cost more per word (10,000 words with no full stop held a request 9.5 s).
BACKGROUND_CHARACTERS = 100_000
BACKGROUND_PARAGRAPH_WORDS = 2_000
#: Nor is a text dense with quotations: each is weighed against its sentence and paragraph
#: (about 2 ms each beside 0.15 ms a word), so 4,000 quotations in 8,000 words held a request
#: 8.5 s. A long feature holds a hundred; 400 add well under a second.
BACKGROUND_QUOTATIONS = 400
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def needs_background(text: str) -> bool:
    """Whether reading `text` could hold a web request for more than a few seconds."""
    if len(text) > BACKGROUND_CHARACTERS or len(text.split()) > BACKGROUND_WORDS:
        return True
    if any(
        len(paragraph.split()) > BACKGROUND_PARAGRAPH_WORDS
        for paragraph in _PARAGRAPH_BREAK.split(text)
    ):
        return True
    return len(find_quotes(text, paragraphs(text))) > BACKGROUND_QUOTATIONS


@job_kind(KIND, "Read an article", asked_for=True)
def read_article(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Find the quotes, speakers and claims of a long article, reporting how far each phase is
    (parsing, names, speakers, reported speech, candidate claims: each takes its share)."""
    try:
        text = prepare(str(params.get("text", "")))
    except ValidationFailed as error:
        raise JobFailed(error.message) from error
    job.progress(0, None, "Reading the article…", force=True)
    try:
        found = extract(
            text,
            lambda done, total, phase: job.progress(
                done, total, said(done, total, phase, READING_PHASES), force=done == 0
            ),
        )
    except ValidationFailed as error:  # (a paragraph of more quotations than one can hold)
        raise JobFailed(error.message) from error
    return JobOutcome(
        f"Found {len(found.quotes)} quotes and {len(found.claims)} candidate claims.",
        {"text": text, "extraction": found.to_storage()},
    )
