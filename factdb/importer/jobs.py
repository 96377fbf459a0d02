"""Big reference files are read and written by background jobs, never inside a web request.

The preview job reads the file and matches its references (no writes) and keeps the rows the
preview page shows; the import job reads it again and writes it in one transaction, so a
file is imported whole or not at all, as in a request. A refused file fails its job with
every problem and line kept in the result, for the page to name them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.importer import ImportFailed, ImportProblem, PlanItem, apply, plan, read
from factdb.importer.same_person import merge_suggestions, same_people_summary
from factdb.importer.summary import Tally, imported, previewed
from factdb.jobs.context import JobContext
from factdb.jobs.registry import JobFailed, JobOutcome, job_kind
from factdb.models import Job, JobState, User

PREVIEW_KIND = "import.preview"
#: The preview job an import job was confirmed from (see `confirmed_by`).
PREVIEW_PARAM = "preview"
WRITE_KIND = "import.write"
#: Most references one import from the browser previews and writes (the preview lists each).
MAX_REFERENCES = 2_000
#: Files over this size (characters) are read in the background. Reading costs about 0.35 s
#: a megabyte and writing about 1.7 ms a reference (README "Speed"): 512 KB of a reference
#: manager's entries (about 500, with abstracts) took 1.2 s to read, match and write.
BACKGROUND_CHARACTERS = 512 * 1024
#: Nor is a smaller file of many short entries written at once: 2,000 entries of a title,
#: an author and a year (190 KB) held the request 2.4 s.
BACKGROUND_ENTRIES = 600
#: What opens an entry: a BibTeX `@type`, a RIS `TY  -` line, a CSL-JSON item's "type".
_ENTRY = re.compile(r'^\s*@\w|^\s*TY {1,2}-|"type"\s*:', re.MULTILINE)


def needs_background(text: str) -> bool:
    """Whether importing `text` could hold a web request for more than about two seconds."""
    if len(text) > BACKGROUND_CHARACTERS:
        return True
    return sum(1 for _ in _ENTRY.finditer(text)) > BACKGROUND_ENTRIES


def import_params(
    text: str,
    format_name: str,
    filename: str,
    skip_invalid: bool,
    recoded: dict[int, str] | None = None,
) -> dict[str, Any]:
    """What both jobs are given: the file's text, its format and name, whether to skip, and
    the lines read as Windows-1252 (JSON keys are text: line numbers as strings)."""
    return {
        "text": text,
        "format": format_name,
        "filename": filename,
        "skip_invalid": skip_invalid,
        "recoded": {str(line): word for line, word in (recoded or {}).items()},
    }


def confirmed_by(session: Session, preview_id: int) -> int | None:
    """The import job a preview was confirmed by, if any (a cancelled one aside).

    A preview is imported once: a second click or a replayed form would copy the whole
    file into another job and write it again.
    """
    return session.scalar(
        select(Job.id)
        .where(
            Job.kind == WRITE_KIND,
            Job.params[PREVIEW_PARAM].as_integer() == preview_id,
            Job.state != JobState.CANCELLED,
        )
        .limit(1)
    )


def confirm_params(preview: Job) -> dict[str, Any]:
    """The import job's parameters for a preview job's file, naming the preview."""
    return {**preview.params, PREVIEW_PARAM: preview.id}


@dataclass
class PreviewRow:
    """One entry as the preview page lists it (kept in a job's result as it is)."""

    line: int
    label: str
    title: str
    authors: str
    published: str
    notes: list[str] = field(default_factory=list)
    #: The recorded document it is the same as, and why ("DOI", "URL", "title and year").
    match_id: int | None = None
    reason: str = ""
    fills: list[str] = field(default_factory=list)
    repeats_earlier: bool = False


def preview_rows(items: list[PlanItem]) -> list[PreviewRow]:
    """The preview page's rows for a plan (a request's and a job's alike)."""
    return [
        PreviewRow(
            line=item.reference.line,
            label=item.reference.label,
            title=item.reference.document.title,
            authors="; ".join(author.name for author in item.reference.authors),
            published=item.reference.document.published,
            notes=list(item.reference.notes),
            match_id=item.match.id if item.match is not None else None,
            reason=item.reason,
            fills=list(item.fills),
            repeats_earlier=item.duplicate_of is not None,
        )
        for item in items
    ]


@dataclass
class Preview:
    """What the preview page shows: the rows, what the import will do, and what is left out."""

    rows: list[PreviewRow]
    lead: str
    people: str
    skipped: list[ImportProblem]

    @classmethod
    def of(cls, items: list[PlanItem], skipped: list[ImportProblem]) -> Preview:
        lead, people = previewed(Tally.of(items)), same_people_summary(items)
        return cls(preview_rows(items), lead, people, skipped)

    def to_storage(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_storage(cls, stored: Mapping[str, Any]) -> Preview:
        return cls(
            [PreviewRow(**row) for row in stored.get("rows", [])],
            stored.get("lead", ""),
            stored.get("people", ""),
            [ImportProblem(**problem) for problem in stored.get("skipped", [])],
        )


def refused_problems(stored: Mapping[str, Any] | None) -> tuple[list[ImportProblem], int]:
    """The problems a refused file's job kept, and how many entries could be imported."""
    stored = stored or {}
    problems = [ImportProblem(**problem) for problem in stored.get("problems", [])]
    return problems, int(stored.get("readable", 0))


def _refused(error: ImportFailed) -> JobFailed:
    return JobFailed(
        error.message[:500],
        result={
            "problems": [asdict(problem) for problem in error.problems],
            "readable": error.readable,
        },
    )


def _read(job: JobContext, params: Mapping[str, Any]) -> Any:
    job.progress(0, None, "Reading the file…", force=True)
    return read(
        str(params.get("text", "")),
        str(params.get("format", "")),
        most=MAX_REFERENCES,
        skip_invalid=bool(params.get("skip_invalid")),
        recoded={int(line): str(word) for line, word in (params.get("recoded") or {}).items()},
    )


@job_kind(PREVIEW_KIND, "Preview a reference file", asked_for=True)
def preview_file(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Read a big reference file and match its entries to the recorded documents; write nothing."""
    try:
        reading = _read(job, params)
        job.progress(
            0, None, "Looking for the references among the recorded documents…", force=True
        )
        with job.reading() as session:
            items = plan(session, reading.references)
    except ImportFailed as error:
        raise _refused(error) from error
    preview = Preview.of(items, reading.skipped)
    return JobOutcome(preview.lead, preview.to_storage())


@job_kind(WRITE_KIND, "Import a reference file", asked_for=True)
def write_file(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Import a big reference file in one transaction: all of it, or nothing when one entry fails.

    No progress is written while the transaction is open (on SQLite it holds the write lock
    that a progress report needs), so the message says how many are being written.
    """
    from factdb.export.warming import keep_after_import

    try:
        reading = _read(job, params)
        count = len(reading.references)
        job.progress(0, None, f"Writing {count:,} references in one transaction…", force=True)
        with job.writing() as session:
            user = session.get(User, job.user_id) if job.user_id is not None else None
            items = plan(session, reading.references)
            result = apply(session, user, items)
            session.flush()
            merges = merge_suggestions(session, items)
            if job.queue is not None:
                keep_after_import(job.queue, session, user, len(result.created))
    except ImportFailed as error:
        raise _refused(error) from error
    done = imported(Tally.of(items), len(reading.skipped))
    people = same_people_summary(items)
    outcome = {"created": len(result.created), "merges": merges}
    return JobOutcome(f"{done} {people}." if people else done, outcome)
