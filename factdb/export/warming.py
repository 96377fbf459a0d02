"""Format every document's reference ahead of time, so that an export after a bulk write is quick.

Formatting is most of a formatted export's cost (pandoc's citeproc: about 1.5 ms a
reference, far more for an author with hundreds of works a year), and formatted
references are kept (factdb.export.kept). After a bulk write (an import) a background job
formats and keeps the whole database's references in the style and form the export page
offers first (APA, text), so the export a person then asks for reads them instead.
References still kept and current are not formatted again, so a small import costs little.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from factdb.export import export
from factdb.jobs.context import JobContext
from factdb.jobs.queue import JobQueue
from factdb.jobs.registry import JobOutcome, job_kind
from factdb.models import User

JOB_KIND = "export.keep-references"
#: The style and form warmed: the export page's and the command line's first choice.
WARMED_STYLE, WARMED_FORM = "apa", "text"


def keep_references(
    session: Session,
    style: str = WARMED_STYLE,
    form: str = WARMED_FORM,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Format every document's reference in `style` and `form` and keep it; how many documents.

    `progress` hears (references done, documents) after each batch: entries that print
    nothing are not counted, so it may end short of the total.
    """
    result = export(session, style, output=form, keep=True)
    done = 0
    for chunk in result.chunks:  # the references are kept as each batch is formatted
        done += _entries_in(chunk, form)
        if progress is not None:
            progress(min(done, result.count), result.count)
    return result.count


def _entries_in(chunk: str, form: str) -> int:
    """How many references a piece of a bibliography holds (they never hold a blank line)."""
    if form == "html":
        return chunk.count('class="csl-entry"')
    text = chunk.strip("\n")
    return text.count("\n\n") + 1 if text else 0


@job_kind(JOB_KIND, "Format references ahead of exports")
def keep_references_job(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Keep every document's formatted reference, in a reading session of the job's own."""
    style = str(params.get("style", WARMED_STYLE))
    form = str(params.get("as", WARMED_FORM))

    def progress(done: int, total: int) -> None:
        job.progress(done, total, f"{done:,} of {total:,} references formatted")

    with job.reading() as session:
        count = keep_references(session, style, form, progress)
    job.progress(count, count, force=True)
    return JobOutcome(
        f"Formatted references of {count:,} documents kept for exports.", {"documents": count}
    )


def keep_after_import(queue: JobQueue, session: Session, user: User | None, created: int) -> None:
    """Queue the formatting of every reference once an import that created documents commits.

    A new document changes only its own reference and its namesakes' (kept references are
    checked against what they were formatted from), so the job formats just those.
    """
    if created:
        queue.submit(session, JOB_KIND, {}, user)
