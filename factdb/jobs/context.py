"""What a running job gets: its arguments, database sessions, and a way to report progress."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from factdb.db import transaction
from factdb.jobs.cancel import JobCancelled
from factdb.models import Job, utcnow

if TYPE_CHECKING:
    from factdb.jobs.queue import JobQueue

#: Progress is written at most this often (seconds): every write takes SQLite's write lock.
PROGRESS_INTERVAL = 0.5


class JobContext:
    """Handed to a job function; nothing in it depends on Flask."""

    def __init__(
        self,
        job_id: int,
        *,
        user_id: int | None,
        settings: Mapping[str, Any],
        reader: sessionmaker[Session],
        writer: sessionmaker[Session],
        queue: JobQueue | None = None,
    ) -> None:
        self.job_id = job_id
        self.user_id = user_id
        self.settings = settings
        self.reader = reader
        self.writer = writer
        #: The queue running the job, for a job that queues follow-up work once it commits.
        self.queue = queue
        self._last_report = 0.0

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose work is committed together (SQLite: the write lock is taken at once)."""
        with transaction(self.writer) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.reader() as session:
            yield session

    def progress(
        self,
        done: int,
        total: int | None = None,
        message: str | None = None,
        *,
        force: bool = False,
    ) -> None:
        """Record how far the job got; throttled, except for the last step or with `force`.

        Raises JobCancelled when someone asked to cancel the job: each report is where a
        job may stop, so a job reports only between whole pieces of its work. Never at the
        last step: the work is done then, and is kept rather than thrown away.
        """
        now = time.monotonic()
        last_step = total is not None and done >= total
        if not (force or last_step) and now - self._last_report < PROGRESS_INTERVAL:
            return
        self._last_report = now
        values: dict[str, Any] = {"done": done, "heartbeat_at": utcnow()}
        if total is not None:
            values["total"] = total
        if message is not None:
            values["message"] = message[:500]
        with self.writing() as session:
            cancelled_at = session.scalar(
                update(Job)
                .where(Job.id == self.job_id)
                .values(**values)
                .returning(Job.cancelled_at)
            )
        if cancelled_at is not None and not last_step:
            raise JobCancelled(f"job {self.job_id} was cancelled")
