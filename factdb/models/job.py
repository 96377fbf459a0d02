"""Background jobs as the app database sees them: what runs, for whom, and how far it got.

The queue (huey) carries only a job's id; this row is what every app server reads to
show progress, so a page served by one server can follow work done by another.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factdb.models.base import Base, enum_column, utcnow
from factdb.vocab import Labelled

if TYPE_CHECKING:
    from factdb.models.user import User


class JobState(Labelled):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class Job(Base):
    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the job does, e.g. "capture" or "recheck"; names a registered job kind.
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    state: Mapped[JobState] = mapped_column(
        enum_column(JobState, "job_state", length=11), nullable=False, default=JobState.QUEUED
    )
    #: The job's arguments, as JSON: ids, URLs, options.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    done: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: How many steps in all, when known (a bar needs it; a spinner does not).
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: What is happening now, or how it ended, in words for people.
    message: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    #: A small summary of the outcome (counts, the record made) for pages and the API.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    #: The record the job produced, as "entity:id" (e.g. "document:12"), for a link.
    result_ref: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    error: Mapped[str] = mapped_column(Text, nullable=False, default="")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: host:pid of the consumer running it, so a restarted consumer can find work it lost.
    worker: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: Moved on with every progress report: a running job whose heartbeat stops was lost.
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: When someone asked to cancel it: a running job stops at its next progress report.
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    cancelled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )

    created_by: Mapped[User | None] = relationship(
        lazy="raise_on_sql", foreign_keys=[created_by_id]
    )
    cancelled_by: Mapped[User | None] = relationship(
        lazy="raise_on_sql", foreign_keys=[cancelled_by_id]
    )

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.state}>"


Index("ix_job_state_created_at", Job.state, Job.created_at)
Index("ix_job_created_by_id_created_at", Job.created_by_id, Job.created_at)
