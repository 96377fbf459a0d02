"""The task queue: huey, built from settings, carrying job ids to the consumers.

SQLite storage (a file beside the database) by default, so one command runs
everything; Redis (`FACTDB_QUEUE_URL=redis://…`) when several servers share the
work. `immediate` runs each job at once in the process that submits it (tests).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.consumer import Consumer
from sqlalchemy import Engine, event, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from factdb.config import make_data_dir
from factdb.db import transaction
from factdb.errors import ValidationFailed
from factdb.jobs.cancel import JobCancelled, cancel_job, stopped_message
from factdb.jobs.context import JobContext
from factdb.jobs.registry import JobFailed, JobKind, JobOutcome
from factdb.models import Job, JobState, User, utcnow

log = logging.getLogger("factdb.jobs")

#: Where a session keeps (action, job id) for the queue until it commits: "enqueue", "revoke".
_WAITING = "factdb.jobs.waiting"


def _forget_waiting(session: Session, _transaction: Any) -> None:
    """A rolled-back job row does not exist: there is nothing to queue (a savepoint's keeps them)."""
    if not session.in_transaction():
        session.info[_WAITING] = []


def task_id(job_id: int) -> str:
    """The queue's id of a job's task, known in advance so that a waiting one can be revoked."""
    return f"factdb-job-{job_id}"


#: The one huey task: it carries a job id; the job's row says what to do.
TASK_NAME = "factdb.run_job"
#: A running job whose heartbeat is older than this was lost with its consumer.
LOST_AFTER = timedelta(minutes=10)
#: How often a lost job is started again before it is marked failed.
MAX_ATTEMPTS = 3
#: Jobs one person may keep waiting (asked for, not yet started): a script looping over
#: POST /api/v1/captures queued one per call, and everybody else's work waited behind them.
MAX_WAITING_PER_PERSON = 30
#: The longest a waiting SQLite consumer sleeps between looks at the queue (seconds).
MAX_POLL_DELAY = 0.25


def queue_storage(url: str, database_url: str, instance_path: Path) -> tuple[str, str]:
    """Return (kind, location) of the queue's storage for the `QUEUE_URL` setting."""
    if url == "immediate":
        return "immediate", ""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return "redis", url
    if url.startswith("sqlite:///"):
        return "sqlite", url.removeprefix("sqlite:///")
    if url:
        raise ValueError(
            f"FACTDB_QUEUE_URL must be redis://…, sqlite:///PATH or immediate, not {url!r}"
        )
    database = make_url(database_url)
    if database.get_backend_name() == "sqlite" and database.database not in (None, "", ":memory:"):
        database_file = Path(database.database)  # decoded: `%` and non-ASCII paths included
        return "sqlite", str(database_file.with_name(f"{database_file.stem}-queue.sqlite"))
    return "sqlite", str(instance_path / "queue.sqlite")


def build_huey(url: str, database_url: str, instance_path: Path) -> Huey:
    kind, location = queue_storage(url, database_url, instance_path)
    if kind == "immediate":
        return MemoryHuey("factdb", immediate=True, results=False)
    if kind == "redis":
        return RedisHuey("factdb", url=location, results=False)
    make_data_dir(Path(location).parent)  # it holds the jobs waiting to run
    return SqliteHuey("factdb", filename=location, results=False, timeout=10)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobQueue:
    """Submit jobs, run them, and start consumers; one per app."""

    def __init__(
        self,
        make_huey: Callable[[], Huey],
        kinds: Mapping[str, JobKind],
        *,
        engine: Engine,
        reader: sessionmaker[Session],
        writer: sessionmaker[Session],
        settings: Mapping[str, Any],
    ) -> None:
        self._make_huey = make_huey
        self._huey: Huey | None = None
        self._task: Any = None
        self._lock = threading.Lock()
        self.kinds = kinds
        self.engine = engine
        self.reader = reader
        self.writer = writer
        self.settings = settings

    @property
    def huey(self) -> Huey:
        """The queue, opened on first use: commands that never touch jobs leave no queue file."""
        with self._lock:
            if self._huey is None:
                huey = self._make_huey()
                self._task = huey.task(name=TASK_NAME)(self.execute)
                self._huey = huey
            return self._huey

    # -- submitting -------------------------------------------------------------------------

    def create(
        self, session: Session, kind: str, params: Mapping[str, Any], user: User | None
    ) -> Job:
        """Add a job row in `session` (not yet queued: call `enqueue` once it is committed)."""
        if kind not in self.kinds:
            raise ValidationFailed(f"There is no job kind {kind!r}.", {"kind": "Unknown kind."})
        job = Job(
            kind=kind,
            params=dict(params),
            created_by_id=user.id if user else None,
            message="Waiting for a worker.",
        )
        session.add(job)
        session.flush()
        return job

    def enqueue(self, job_id: int) -> None:
        """Hand a committed job to the consumers."""
        self.huey  # noqa: B018 (opens the queue and registers the task)
        self._task(job_id, id=task_id(job_id))

    def revoke(self, job_id: int) -> None:
        """Tell the consumers to skip a job's waiting task (once: a later run of it may go on)."""
        if not self.huey.immediate:
            self.huey.revoke_by_id(task_id(job_id), revoke_once=True)

    def submit(
        self, session: Session, kind: str, params: Mapping[str, Any], user: User | None
    ) -> Job:
        """Record a job in the caller's transaction; it is queued once the caller commits.

        A consumer must see the job's row, so nothing is queued before the commit, and
        nothing at all when the caller rolls back.
        """
        if user is not None and kind in self.kinds and self.kinds[kind].asked_for:
            refuse_a_full_queue(session, user)
        job = self.create(session, kind, params, user)
        self._after_commit(session, "enqueue", job.id)
        return job

    def cancel(self, session: Session, job_id: int, user: User) -> Job:
        """Cancel a job in the caller's transaction; a waiting one is revoked once it commits."""
        job = cancel_job(session, job_id, user)
        if job.state is JobState.CANCELLED:
            self._after_commit(session, "revoke", job.id)
        return job

    def _after_commit(self, session: Session, action: str, job_id: int) -> None:
        waiting = session.info.get(_WAITING)
        if waiting is None:
            waiting = session.info[_WAITING] = []
            event.listen(session, "after_commit", self._enqueue_waiting)
            event.listen(session, "after_soft_rollback", _forget_waiting)
        waiting.append((action, job_id))

    def _enqueue_waiting(self, session: Session) -> None:
        waiting = session.info.get(_WAITING) or []
        session.info[_WAITING] = []
        for action, job_id in waiting:
            (self.revoke if action == "revoke" else self.enqueue)(job_id)

    def submit_now(self, kind: str, params: Mapping[str, Any], user_id: int | None = None) -> Job:
        """Submit from outside a request, in its own transaction, on behalf of `user_id`."""
        with transaction(self.writer) as session:
            user = session.get(User, user_id) if user_id is not None else None
            job = self.create(session, kind, params, user)
        self.enqueue(job.id)
        return job

    # -- running ----------------------------------------------------------------------------

    def execute(self, job_id: int) -> None:
        """Run one job: mark it running, call its kind, record how it ended. Never raises."""
        with transaction(self.writer) as session:
            # Locked, so that a cancel at this moment comes wholly before or after the start.
            job = session.get(Job, job_id, with_for_update=True)
            if job is None or job.state.finished or job.state is JobState.RUNNING:
                return  # unknown, finished (or cancelled), or already taken by another consumer
            now = utcnow()
            job.state, job.started_at, job.heartbeat_at = JobState.RUNNING, now, now
            job.attempts += 1
            job.worker = worker_name()
            job.message = "Started."
            kind_name, params, user_id = job.kind, dict(job.params), job.created_by_id
        kind = self.kinds.get(kind_name)
        context = JobContext(
            job_id,
            user_id=user_id,
            settings=self.settings,
            reader=self.reader,
            writer=self.writer,
            queue=self,
        )
        try:
            if kind is None:
                raise JobFailed(f"This worker does not know jobs of kind “{kind_name}”.")
            outcome = kind.run(context, params) or JobOutcome()
        except JobCancelled:
            self._finish(job_id, JobState.CANCELLED, "")
        except JobFailed as failure:
            kept = JobOutcome(failure.message, failure.result) if failure.result else None
            self._finish(
                job_id, JobState.FAILED, failure.message, error=failure.message, outcome=kept
            )
        except Exception as error:
            log.exception("job %s (%s) failed", job_id, kind_name)
            self._finish(
                job_id,
                JobState.FAILED,
                "The job stopped on an unexpected error; an admin can read it in the log.",
                error="".join(traceback.format_exception_only(error)).strip()[:2000],
            )
        else:
            self._finish(job_id, JobState.DONE, outcome.message, outcome=outcome)

    def _finish(
        self,
        job_id: int,
        state: JobState,
        message: str,
        *,
        outcome: JobOutcome | None = None,
        error: str = "",
    ) -> None:
        with transaction(self.writer) as session:
            job = session.get(Job, job_id)
            if job is None:
                return
            job.state = state
            job.message = (message or stopped_message(session, job))[:500]
            job.error = error
            job.finished_at = job.heartbeat_at = utcnow()
            if outcome is not None:
                job.result = outcome.result
                job.result_ref = outcome.result_ref
                if job.total is not None:
                    job.done = job.total

    def give_up(self, job_ids: list[int], message: str) -> None:
        """Mark jobs no consumer has taken as failed, so that none is left waiting for ever.

        One UPDATE whose condition is checked again on each row as it is written, so that a
        job a consumer takes at that moment stays its own; a consumer that starts later skips
        them, since it runs only queued jobs.
        """
        with transaction(self.writer) as session:
            session.execute(
                update(Job)
                .where(Job.id.in_(job_ids), Job.state == JobState.QUEUED)
                .values(state=JobState.FAILED, message=message[:500], finished_at=utcnow())
            )

    def busy_elsewhere(self, job_ids: list[int]) -> bool:
        """Whether a consumer is running some other job now (busy, rather than absent)."""
        stale_before = utcnow() - LOST_AFTER
        with self.reader() as session:
            return (
                session.scalar(
                    select(Job.id)
                    .where(
                        Job.state == JobState.RUNNING,
                        Job.id.not_in(job_ids),
                        Job.heartbeat_at >= stale_before,
                    )
                    .limit(1)
                )
                is not None
            )

    def recover_lost_jobs(self) -> list[int]:
        """Queue again the jobs a stopped consumer was running; return their ids.

        huey takes a task off the queue before running it, so a consumer killed
        mid-job loses it. The job's row still says "running": it is lost when its
        consumer's process on this host is gone, or its heartbeat stopped long ago.
        """
        host = socket.gethostname()
        stale_before = utcnow() - LOST_AFTER
        again: list[int] = []
        with transaction(self.writer) as session:
            for job in session.scalars(select(Job).where(Job.state == JobState.RUNNING)):
                job_host, _, pid = job.worker.rpartition(":")
                dead_here = job_host == host and pid.isdigit() and not _process_alive(int(pid))
                silent = job.heartbeat_at is None or job.heartbeat_at < stale_before
                if not (dead_here or silent):
                    continue
                kind = self.kinds.get(job.kind)
                if job.cancelled_at is not None:
                    # Asked to stop, then lost: it is not started again.
                    job.state, job.finished_at = JobState.CANCELLED, utcnow()
                    job.message = stopped_message(session, job)
                elif kind is not None and kind.rerun_when_lost and job.attempts < MAX_ATTEMPTS:
                    job.state = JobState.QUEUED
                    job.message = "Queued again: the worker running it stopped."
                    again.append(job.id)
                else:
                    job.state = JobState.FAILED
                    job.finished_at = utcnow()
                    job.message = job.error = "The worker running this job stopped."
        for job_id in again:
            self.enqueue(job_id)
        return again

    # -- consumers --------------------------------------------------------------------------

    def consumer(self, workers: int, *, embedded: bool = False) -> Consumer:
        """huey's consumer with `workers` threads; `embedded` leaves signals to the host process."""
        consumer_class = EmbeddedConsumer if embedded else Consumer
        len(self.kinds)  # import every kind now, not while its first job waits
        return consumer_class(
            self.huey,
            workers=workers,
            periodic=False,
            worker_type="thread",
            initial_delay=0.05,
            backoff=1.5,
            max_delay=MAX_POLL_DELAY,
            shutdown_timeout=30,
        )


class EmbeddedConsumer(Consumer):
    """A consumer living inside the web server's process: the server keeps its own signals."""

    def _set_signal_handlers(self) -> None:
        pass


def refuse_a_full_queue(session: Session, user: User) -> None:
    """Refuse another job to a person who keeps as many waiting as one may."""
    waiting = session.scalar(
        select(func.count(Job.id)).where(Job.created_by_id == user.id, Job.state == JobState.QUEUED)
    )
    if (waiting or 0) >= MAX_WAITING_PER_PERSON:
        raise ValidationFailed(
            f"You have {MAX_WAITING_PER_PERSON} jobs waiting, the most one person may: wait for "
            "them to start, or cancel some on the Jobs page."
        )
