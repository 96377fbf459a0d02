"""Background jobs of capture: fetch a page, recheck documents, ask an archive for a copy."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from factdb.capture.archive import ArchiveFailed, ArchiveSettings, save_page_now
from factdb.capture.fetch import FetchError
from factdb.capture.recheck import recheck, select_targets, summarise
from factdb.capture.service import capture_url, prune_pending, store_capture
from factdb.history import record_change
from factdb.jobs import JobContext, JobFailed, JobOutcome, job_kind
from factdb.models import Capture, Document, User
from factdb.wording import counted


@job_kind("capture", "Capture a web page", asked_for=True)
def capture_job(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Fetch and read a URL; keep it as a capture waiting for its document to be saved."""
    url = str(params["url"])
    job.progress(0, 2, f"Fetching {url}", force=True)
    try:
        result = capture_url(url, job.settings)
    except FetchError as error:
        raise JobFailed(error.message) from error
    job.progress(1, 2, "Keeping the evidence", force=True)
    with job.writing() as session:
        prune_pending(session)
        capture = store_capture(
            session,
            result,
            job.settings,
            user_id=job.user_id,
            document_id=params.get("document_id"),
        )
        capture_id = capture.id
    words = len(result.extracted.text.split())
    return JobOutcome(
        f"Captured “{result.extracted.title or url}”: {counted(words, 'word')} of text.",
        {"capture_id": capture_id, "words": words, "final_url": result.page.final_url},
        f"capture:{capture_id}",
    )


@job_kind("recheck", "Recheck documents", asked_for=True)
def recheck_job(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Visit documents' URLs again and record what became of each."""
    older = params.get("older_than_days")
    with job.reading() as session:
        targets = select_targets(
            session,
            older_than=timedelta(days=float(older)) if older is not None else None,
            document_ids=[int(i) for i in params.get("document_ids", [])],
        )
    job.progress(0, len(targets), f"Checking {counted(len(targets), 'document')}", force=True)
    counts = recheck(
        job.writer,
        targets,
        job.settings,
        job_id=job.job_id,
        progress=lambda done, total: job.progress(done, total, f"Checked {done} of {total}"),
    )
    summary = summarise(counts)
    ids = params.get("document_ids") or []
    return JobOutcome(
        f"Checked {counted(len(targets), 'document')}: {summary or 'nothing to check'}.",
        dict(counts),
        f"document:{ids[0]}" if len(ids) == 1 else "",
    )


@job_kind("archive", "Request an archive copy")
def archive_job(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Ask the Internet Archive for a copy of a captured page; record the copy or the failure."""
    capture_id = int(params["capture_id"])
    with job.reading() as session:
        capture = session.get(Capture, capture_id)
        if capture is None:
            raise JobFailed(f"Capture {capture_id} no longer exists.")
        url = capture.final_url
    # Reported before the capture is marked, so that a cancel here leaves it as it was.
    job.progress(0, 1, f"Asking the archive to keep {url}", force=True)
    with job.writing() as session:
        capture = session.get(Capture, capture_id)
        if capture is None:
            raise JobFailed(f"Capture {capture_id} no longer exists.")
        capture.archive_state, capture.archive_message = "requested", "Waiting for the archive."
    try:
        copy = save_page_now(url, ArchiveSettings.from_settings(job.settings))
    except ArchiveFailed as failure:
        with job.writing() as session:
            capture = session.get(Capture, capture_id)
            if capture is not None:
                capture.archive_state, capture.archive_message = "failed", failure.message[:500]
        raise JobFailed(failure.message) from failure
    with job.writing() as session:
        capture = session.get(Capture, capture_id)
        if capture is None:
            raise JobFailed(f"Capture {capture_id} no longer exists.")
        capture.archive_state = "done"
        capture.archive_message = copy.url[:500]
        document = session.get(Document, capture.document_id) if capture.document_id else None
        if document is not None and not document.archive_url:
            user = session.get(User, job.user_id) if job.user_id else None
            before = {"archive_url": document.archive_url}
            document.archive_url = copy.url[:2000]
            record_change(
                session, entity="document", entity_id=document.id, action="updated",
                before=before, after={"archive_url": document.archive_url}, user=user,
            )  # fmt: skip
    return JobOutcome(
        f"Archived as {copy.url}",
        {"archive_url": copy.url},
        f"document:{document.id}" if document is not None else "",
    )
