"""Cancel a job: a waiting one never runs, a running one stops at its next progress report.

One rule for the page, the API and the command line: the person who started a job, or
an admin, may cancel it while it has not finished. A running job is only asked to stop:
`JobContext.progress` reads the request and raises `JobCancelled`, so the job's own
transaction rolls back and nothing it was writing is left half done.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.errors import Conflict, NotAllowed, NotFound
from factdb.models import Job, JobState, User, utcnow
from factdb.vocab import Role

#: What a refused cancel says about each way a job can have ended.
_ENDED = {
    JobState.DONE: "has already finished",
    JobState.FAILED: "has already failed",
    JobState.CANCELLED: "was already cancelled",
}


class JobCancelled(Exception):
    """Raised inside a running job at a progress report once someone asked to cancel it."""


class JobAlreadyEnded(Conflict):
    """The job has finished, failed or been cancelled: there is nothing left to cancel."""


def may_cancel(user: User | None, job: Job) -> bool:
    """Tell whether to offer `user` a Cancel button: owner or admin, unfinished, not yet asked."""
    if user is None or not user.active or job.state.finished or job.cancelled_at is not None:
        return False
    return job.created_by_id == user.id or user.can(Role.ADMIN)


def cancel_job(session: Session, job_id: int, user: User) -> Job:
    """Cancel a waiting job at once, or ask a running one to stop; return the job.

    The row is locked (PostgreSQL; SQLite's writer holds the write lock) so that a consumer
    taking the job at the same moment either runs it before the cancel or sees it cancelled.
    Asking twice is harmless: the first request stands.
    """
    job = session.scalar(select(Job).where(Job.id == job_id).with_for_update())
    if job is None:
        raise NotFound(f"There is no job {job_id}.")
    if job.created_by_id != user.id and not user.can(Role.ADMIN):
        raise NotAllowed("Only the person who started this job, or an admin, can cancel it.")
    if job.state.finished:
        raise JobAlreadyEnded(
            f"Job #{job.id} {_ENDED[job.state]}"
            f"{' at ' + job.finished_at.strftime('%Y-%m-%d %H:%M UTC') if job.finished_at else ''}"
            "; there is nothing left to cancel."
        )
    if job.cancelled_at is not None:
        return job
    now = utcnow()
    job.cancelled_at, job.cancelled_by_id = now, user.id
    who = user.name or user.email
    if job.state is JobState.QUEUED:
        job.state, job.finished_at = JobState.CANCELLED, now
        job.message = f"Cancelled by {who} before it started."[:500]
    else:
        job.message = f"Stopping: cancelled by {who}; it stops at its next step."[:500]
    session.flush()
    return job


def cancelled_by(session: Session, job: Job) -> str | None:
    """Return the name of whoever cancelled the job (None: nobody, or an account since removed)."""
    user = session.get(User, job.cancelled_by_id) if job.cancelled_by_id else None
    return (user.name or user.email) if user else None


def stopped_message(session: Session, job: Job) -> str:
    """Say what a job that stopped on a cancel reports: who asked, and how far it had got."""
    name = cancelled_by(session, job)
    who = f" by {name}" if name else ""
    how_far = f" after {job.done:,} of {job.total:,} steps" if job.total else ""
    return f"Cancelled{who}{how_far}."
