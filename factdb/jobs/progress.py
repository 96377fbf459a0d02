"""Read jobs back: one job, or the latest ones, for pages, the API and the command line."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.errors import NotFound
from factdb.models import Job
from factdb.text import clean


def get_job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"There is no job {job_id}.")
    return job


def recent_jobs(
    session: Session, *, kind: str = "", user_id: int | None = None, limit: int = 50
) -> list[Job]:
    """The newest jobs first, optionally of one kind or one user.

    The kind is cleaned as typed text is (PostgreSQL refuses a NUL byte in a query's text).
    """
    kind = clean(kind)
    query = select(Job).order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)
    if kind:
        query = query.where(Job.kind == kind)
    if user_id is not None:
        query = query.where(Job.created_by_id == user_id)
    return list(session.scalars(query))


def result_link(job: Job) -> tuple[str, int] | None:
    """The (entity, id) a finished job made, from its "entity:id" reference."""
    entity, _, raw_id = job.result_ref.partition(":")
    return (entity, int(raw_id)) if raw_id.isascii() and raw_id.isdigit() else None
