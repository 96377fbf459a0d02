"""Format every document's reference ahead of time, so that an export after a bulk write is quick.

Formatting is most of a formatted export's cost (pandoc's citeproc: about 1.5 ms a
reference, far more for an author with hundreds of works a year), and formatted
references are kept (factdb.export.kept). After a bulk write (an import) a background job
formats and keeps the whole database's references in the style and form the export page
offers first (APA, text), so the export a person then asks for reads them instead.
References still kept and current are not formatted again, and only the batches of the
documents that writes touched (noted by triggers) are read, so a small write costs little.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from itertools import chain
from typing import Any

from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from factdb.db import transaction
from factdb.export.refresh import refresh
from factdb.jobs.context import JobContext
from factdb.jobs.queue import JobQueue
from factdb.jobs.registry import JobOutcome, job_kind
from factdb.models import Document, DocumentAuthor, Job, JobState, Source, User, utcnow

logger = logging.getLogger(__name__)

JOB_KIND = "export.keep-references"
#: What a reference is formatted from: a transaction that writes any of these queues the job.
FORMATTED_FROM = (Document, DocumentAuthor, Source)
#: Where a session notes the transactions that wrote what references are formatted from.
_WROTE = "factdb.export.wrote-references"
#: A job waiting longer than this no longer stands for new writes: the queue may have lost it
#: (its file removed, its server restarted), and a lost one would otherwise block for ever.
COVERS_FOR = timedelta(minutes=10)
#: How often a job looks whether an earlier one of its kind still runs (seconds).
WAIT_SECONDS = 0.5
SUPERSEDED = "Waited too long to stand for later writes: a newer job keeps the references."
#: The style and form warmed: the export page's and the command line's first choice.
WARMED_STYLE, WARMED_FORM = "apa", "text"


def keep_references(
    session: Session,
    style: str = WARMED_STYLE,
    form: str = WARMED_FORM,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Format and keep every document's reference in `style` and `form`; how many documents.

    Only the batches that writes touched since the last run are read and checked
    (factdb.export.refresh). `progress` hears (documents done, documents).
    """
    return refresh(session, style, form, progress)


@job_kind(JOB_KIND, "Format references ahead of exports")
def keep_references_job(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Keep every document's formatted reference, in a reading session of the job's own."""
    style = str(params.get("style", WARMED_STYLE))
    form = str(params.get("as", WARMED_FORM))

    def progress(done: int, total: int) -> None:
        job.progress(done, total, f"{done:,} of {total:,} references formatted")

    _wait_for_earlier(job)
    with job.reading() as session:
        count = keep_references(session, style, form, progress)
    job.progress(count, count, force=True)
    return JobOutcome(
        f"Formatted references of {count:,} documents kept for exports.", {"documents": count}
    )


def _wait_for_earlier(job: JobContext) -> None:
    """Wait while an earlier job of this kind runs (one whose worker is gone, not long).

    Two at once could end with the earlier one keeping, last, references it read before
    a write whose note the later one handled: nothing would note them stale again. The
    wait reports progress, so that its heartbeat keeps the reaper from taking it for lost
    (COVERS_FOR is as long as a job goes unheard before it is requeued) and a cancel stops it.
    """
    deadline = time.monotonic() + COVERS_FOR.total_seconds()
    while time.monotonic() < deadline:
        job.progress(0, None, "Waiting for an earlier job keeping references to finish.")
        alive = utcnow() - COVERS_FOR
        with job.reading() as session:
            earlier = session.scalar(
                select(Job.id)
                .where(
                    Job.kind == JOB_KIND,
                    Job.state == JobState.RUNNING,
                    Job.id < job.job_id,
                    or_(Job.heartbeat_at >= alive, Job.started_at >= alive),
                )
                .limit(1)
            )
        if earlier is None:
            return
        time.sleep(WAIT_SECONDS)


def keep_after_import(queue: JobQueue, session: Session, user: User | None, created: int) -> None:
    """Queue the formatting of every reference once an import that created documents commits.

    A new document changes only its own reference and its namesakes' (kept references are
    checked against what they were formatted from), so the job formats just those.
    """
    if created:
        queue.submit(session, JOB_KIND, {}, user)


def keep_after_writes(factories: list[sessionmaker[Session]], queue: JobQueue) -> None:
    """Queue the keeping of references whenever a transaction that wrote documents commits.

    Every path that writes a document, its authors or a source (the forms, the API, the
    command line, an import, the intake, a capture) commits through these factories, so
    the export a person asks for afterwards reads kept references instead of waiting for
    pandoc. One waiting job covers any number of writes: none is queued while one waits.
    """

    def flushed(session: Session, _context: Any) -> None:
        if any(
            isinstance(row, FORMATTED_FROM)
            for row in chain(session.new, session.dirty, session.deleted)
        ):
            wrote = session.info.setdefault(_WROTE, [])
            where = session.get_nested_transaction() or session.get_transaction()
            if not any(known is where for known in wrote):
                wrote.append(where)

    def committed(session: Session) -> None:
        if session.in_nested_transaction():
            return  # a savepoint: the writes are not committed until its transaction is
        if session.info.pop(_WROTE, None):
            _submit_unless_waiting(queue)

    def rolled_back(session: Session, previous: SessionTransaction) -> None:
        """Forget the writes of the transaction rolled back (a savepoint's, or all)."""
        wrote = [t for t in session.info.get(_WROTE, []) if not _within(t, previous)]
        session.info[_WROTE] = wrote

    def ended(session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None:  # closed without a commit or a rollback too
            session.info.pop(_WROTE, None)

    for factory in factories:
        event.listen(factory, "after_flush", flushed)
        event.listen(factory, "after_commit", committed)
        event.listen(factory, "after_soft_rollback", rolled_back)
        event.listen(factory, "after_transaction_end", ended)


def _within(transaction: SessionTransaction | None, outer: SessionTransaction) -> bool:
    """Whether `transaction` is `outer` or a savepoint inside it."""
    while transaction is not None:
        if transaction is outer:
            return True
        transaction = transaction.parent
    return False


def _submit_unless_waiting(queue: JobQueue) -> None:
    """Queue the job, unless one is waiting already (a running one may have read too early).

    The write it follows is committed: a queue that cannot be reached is logged, never
    raised as if the write had failed, and the job it could not queue is marked failed,
    so that it does not stand for later writes. A job waiting past COVERS_FOR gives way
    to the new one (a consumer runs only queued jobs), so that one at most waits.
    """
    fresh = utcnow() - COVERS_FOR
    waits = (Job.kind == JOB_KIND) & (Job.state == JobState.QUEUED)
    with transaction(queue.writer) as session:
        waiting = session.scalar(select(Job.id).where(waits, Job.created_at >= fresh).limit(1))
        job = None
        if waiting is None:
            session.execute(
                update(Job)
                .where(waits, Job.created_at < fresh)
                .values(state=JobState.FAILED, message=SUPERSEDED, finished_at=utcnow())
            )
            job = queue.create(session, JOB_KIND, {}, None)
    if job is None:
        return
    try:
        queue.enqueue(job.id)
    except Exception as exc:  # any failure of the queue's backend
        logger.warning("Could not queue the keeping of references: %s", exc)
        queue.give_up([job.id], f"Could not be queued (the job queue did not answer): {exc}")
