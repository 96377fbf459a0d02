"""How far a reading is, phase by phase, for the page of a background reading and the command.

Parsing is not the only slow part of a long text: gathering its names, finding each
quotation's speaker and matching the speakers to sources each take a good share of the
time too (a 300,000-character text: 14 s of 48 after the parse). Each phase says what it
does and how far it is, so a bar never stands still while work goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Told (steps done, steps in all, what is being done) as each phase goes on.
Progress = Callable[[int, int, str], None]

READING = "Reading paragraphs"
NAMES = "Gathering the names"
SPEAKERS = "Finding the speakers"
REPORTED = "Finding reported speech"
CLAIMS = "Finding candidate claims"
MATCHING = "Matching speakers to sources"
#: Every phase of proposing, in order; a background reading does all but the matching, which
#: the review page does with the sources recorded when it is shown.
PHASES = (READING, NAMES, SPEAKERS, REPORTED, CLAIMS, MATCHING)
READING_PHASES = PHASES[:-1]
#: What a phase counts, for "1,200 of 3,400 quotations".
UNITS = {
    READING: "paragraphs",
    NAMES: "paragraphs",
    SPEAKERS: "quotations",
    REPORTED: "paragraphs",
    CLAIMS: "sentences",
    MATCHING: "quotations",
}
#: Steps between reports: a report may write to the database (a job's progress).
EVERY = 50


def said(done: int, total: int, phase: str, phases: tuple[str, ...] = PHASES) -> str:
    """ "Finding the speakers: 1,200 of 3,400 quotations (step 3 of 6)"."""
    step = phases.index(phase) + 1 if phase in phases else 0
    of = f" (step {step} of {len(phases)})" if step else ""
    return f"{phase}: {done:,} of {total:,} {UNITS.get(phase, 'steps')}{of}"


class Phase:
    """Counts the steps of one phase, telling `progress` at its start, every EVERY steps
    and at its end (each report is also where a cancelled job stops)."""

    def __init__(self, progress: Progress | None, phase: str, total: int) -> None:
        self.progress, self.phase, self.total, self.done = progress, phase, total, 0
        if progress is not None:
            progress(0, total, phase)

    def step(self) -> None:
        self.done += 1
        if self.progress is not None and (self.done % EVERY == 0 or self.done >= self.total):
            self.progress(min(self.done, self.total), self.total, self.phase)

    def each(self, items: Iterable[T]) -> Iterator[T]:
        """The items, each counted once the loop has done its work on it."""
        for item in items:
            yield item
            self.step()


def counted(progress: Progress | None, phase: str, items: Sequence[T]) -> Iterator[T]:
    """The items of one phase, told to `progress` as they are done."""
    return Phase(progress, phase, len(items)).each(items)
