"""`factdb worker` and `factdb jobs`: run consumers apart from the web server, list and check jobs."""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from factdb.cli import described
from factdb.cli.common import as_option, command_app, domain_errors
from factdb.db import transaction
from factdb.errors import NotAllowed
from factdb.jobs.progress import recent_jobs
from factdb.models import Job, JobState
from factdb.web.database import database
from factdb.wording import counted


def describe_queue(app: Flask) -> str:
    from factdb.jobs.queue import queue_storage

    kind, location = queue_storage(
        app.config["QUEUE_URL"], app.config["DATABASE_URL"], Path(app.instance_path)
    )
    if kind == "redis":
        return "Redis"
    return "immediate (each job runs where it is submitted)" if kind == "immediate" else location


@contextmanager
def embedded_consumer(app: Flask) -> Iterator[None]:
    """Run huey's consumer inside this process (for `factdb serve`) while the block runs."""
    from factdb.jobs.app import job_queue  # the queue (huey) only where it is used

    queue = job_queue(app)
    if queue.huey.immediate:
        yield
        return
    workers = app.config["QUEUE_WORKERS"]
    consumer = queue.consumer(workers, embedded=True)
    again = queue.recover_lost_jobs()
    consumer.start()
    click.echo(
        f"Background jobs: {counted(workers, 'worker thread')}, queue {describe_queue(app)}"
        + (f"; {counted(len(again), 'interrupted job')} queued again" if again else "")
    )
    try:
        yield
    finally:
        consumer.stop(graceful=True)


@click.command("worker")
@click.option("--workers", type=int, default=None, help="Job threads (FACTDB_QUEUE_WORKERS).")
@with_appcontext
@described("worker")
def worker_command(workers: int | None) -> None:
    app = command_app()
    from factdb.jobs.app import job_queue

    queue = job_queue(app)
    if queue.huey.immediate:
        raise click.ClickException(
            "FACTDB_QUEUE_URL=immediate runs jobs where they are submitted; "
            "a worker needs a shared queue (redis://… or a SQLite file)."
        )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    again = queue.recover_lost_jobs()
    count = workers or app.config["QUEUE_WORKERS"]
    click.echo(f"factdb worker: {counted(count, 'thread')}, queue {describe_queue(app)}")
    if again:
        click.echo(
            f"Queued again {counted(len(again), 'job')} that a stopped worker had been running."
        )
    queue.consumer(count).run()


@click.group("jobs")
@described("jobs")
def jobs_group() -> None: ...


@jobs_group.command("list")
@click.option("--kind", default="", help="Only jobs of this kind.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@with_appcontext
def list_command(kind: str, limit: int) -> None:
    """Show the latest jobs, newest first."""
    from factdb.jobs.registry import load_kinds

    if kind and kind not in (kinds := load_kinds()):
        raise click.BadParameter(
            f"{kind}; the kinds are: {', '.join(sorted(kinds))}", param_hint="--kind"
        )
    app = command_app()
    with database(app).reader() as session:
        for job in recent_jobs(session, kind=kind, limit=limit):
            progress = f"{job.done}/{job.total}" if job.total else ""
            click.echo(
                f"#{job.id:<6} {job.kind:<14} {job.state.value:<9} {progress:>11}  {job.message}"
            )


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
@as_option
@with_appcontext
def cancel_command(job_id: int, as_email: str | None) -> None:
    """Cancel job JOB_ID: a waiting one never runs, a running one stops at its next step.

    Its owner or an admin may: jobs started here belong to the command line's account;
    another person's job needs `--as` an admin's address.
    """
    app = command_app()
    from factdb.jobs.app import job_queue
    from factdb.users import acting_user

    try:
        with domain_errors(), transaction(database(app).writer) as session:
            state = job_queue(app).cancel(session, job_id, acting_user(session, as_email)).state
    except click.ClickException as error:
        if isinstance(error.__cause__, NotAllowed):
            error.message += " To cancel someone else's job, add --as with an admin's address."
        raise
    if state is JobState.CANCELLED:
        click.echo(f"Job #{job_id} cancelled: it will not run.")
    else:
        click.echo(f"Job #{job_id} is stopping: it stops at its next step.")


@jobs_group.command("check")
@click.option("--count", default=50, show_default=True, type=click.IntRange(1, 100_000))
@click.option(
    "--with-worker",
    is_flag=True,
    help="Run a consumer in this command (otherwise a running `factdb serve` or `factdb worker` must).",
)
@click.option(
    "--spacing",
    default=0.0,
    show_default=True,
    help="Seconds between submissions: 0 measures throughput; 1 measures pick-up by an idle worker.",
)
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for the jobs.")
@click.option(
    "--start-within",
    default=15.0,
    show_default=True,
    help="Give up when no job has started after this many seconds (no worker running).",
)
@with_appcontext
def check_command(
    count: int, with_worker: bool, spacing: float, timeout: float, start_within: float
) -> None:
    """Submit COUNT no-op jobs and report how fast the consumers start and finish them."""
    app = command_app()
    from factdb.jobs.app import job_queue

    queue = job_queue(app)
    with embedded_consumer(app) if with_worker else _nothing():
        began = time.time()
        submitted: dict[int, float] = {}
        for _ in range(count):
            at = time.time()
            submitted[queue.submit_now("queue.probe", {}).id] = at
            time.sleep(spacing)
        ids = list(submitted)
        finished = _wait_for(app, ids, timeout, start_within)
        busy = not with_worker and not finished and queue.busy_elsewhere(ids)
        if busy:
            # A worker is there but busy with a longer job: wait for it as long as asked.
            click.echo("A worker is busy with another job; waiting for it…", err=True)
            finished = _wait_for(app, ids, timeout, timeout)
        elapsed = time.time() - began
    if not with_worker and not busy and not finished and not _any_started(app, ids):
        queue.give_up(list(submitted), "No worker picked it up; `factdb jobs check` gave up.")
        raise click.ClickException(
            f"No worker started any of the {counted(count, 'job')} within {start_within:g} s. "
            "Start one in another terminal (`factdb worker`, or `factdb serve`, which runs its "
            "own), or measure with a worker inside this command: `factdb jobs check --with-worker`."
        )
    delays = [
        job.result["started"] - submitted[job.id] for job in finished if job.result is not None
    ]
    failed = count - len(delays)
    click.echo(f"queue: {describe_queue(app)}")
    click.echo(
        f"{len(delays)} of {counted(count, 'job')} ran in {elapsed:.2f} s: {len(delays) / elapsed:.1f} jobs/s"
    )
    if delays:
        delays.sort()
        p95 = delays[min(len(delays) - 1, int(0.95 * len(delays)))]
        click.echo(
            f"submitted -> started: median {statistics.median(delays) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms"
        )
    if failed:
        raise click.ClickException(
            f"{counted(failed, 'job')} did not finish within {timeout:.0f} s."
        )


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _wait_for(app: Flask, ids: list[int], timeout: float, start_within: float) -> list[Job]:
    """The jobs that finished in time; stop early when none has even started (no worker)."""
    began = time.monotonic()
    while True:
        with database(app).reader() as session:
            jobs = list(session.scalars(select(Job).where(Job.id.in_(ids))))
        waited = time.monotonic() - began
        idle = all(job.state is JobState.QUEUED for job in jobs)
        if (
            all(job.state.finished for job in jobs)
            or waited > timeout
            or (idle and waited > start_within)
        ):
            return [job for job in jobs if job.state.finished]
        time.sleep(0.1)


def _any_started(app: Flask, ids: list[int]) -> bool:
    with database(app).reader() as session:
        return any(
            state is not JobState.QUEUED
            for state in session.scalars(select(Job.state).where(Job.id.in_(ids)))
        )


COMMANDS = [worker_command, jobs_group]
