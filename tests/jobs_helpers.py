"""Helpers for tests that run background jobs: wait for a job, start a `factdb worker`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from flask import Flask

from factdb.models import Job
from factdb.web.database import database


def wait_for_job(app: Flask, job_id: int, timeout: float = 30.0, *, state: str = "") -> Job:
    """Poll the job's row until it has finished (or reached `state`); fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        with database(app).reader() as session:
            job = session.get(Job, job_id)
            assert job is not None
            if (job.state.value == state) if state else job.state.finished:
                return job
        assert time.monotonic() < deadline, f"job {job_id} still {job.state} after {timeout} s"
        time.sleep(0.05)


def start_worker(
    database_url: str, queue_url: str, *extra: str, log: Path, command: str = "worker"
) -> subprocess.Popen:
    """Run `factdb worker` (or another command) in its own process, its output appended to `log`."""
    env = {
        **os.environ,
        "FACTDB_DATABASE_URL": database_url,
        "FACTDB_QUEUE_URL": queue_url,
        "FACTDB_SECRET_KEY": "worker-test",
    }
    with log.open("a") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "factdb.cli", command, *extra],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen) -> None:
    """Stop a process the way Ctrl+C does (gracefully), killing it if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
