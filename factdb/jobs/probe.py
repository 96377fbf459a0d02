"""A job that does nothing but report when it ran: for `factdb jobs check` and the queue's tests."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from factdb.jobs.context import JobContext
from factdb.jobs.registry import JobFailed, JobOutcome, job_kind


@job_kind("queue.probe", "Queue check")
def probe(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Report the time the job started; optionally sleep in steps or fail, to exercise the queue."""
    started = time.time()
    steps = int(params.get("steps", 0))
    for step in range(steps):
        time.sleep(float(params.get("step_seconds", 0.0)))
        job.progress(step + 1, steps, f"Step {step + 1} of {steps}")
    if params.get("fail"):
        raise JobFailed(str(params["fail"]))
    return JobOutcome("Queue check finished.", {"started": started})
