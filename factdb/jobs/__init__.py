"""Background jobs: one task queue (huey) for all long work, with progress kept in the database.

A module defines a job kind with `@job_kind("name", "Label")` over a function
`(job: JobContext, params) -> JobOutcome`, and lists itself in
`registry.KIND_MODULES`. Views, the API and the command line submit jobs with
`factdb.jobs.app.job_queue().submit(...)`; `factdb serve` runs a consumer inside
the web server and `factdb worker` runs consumers on their own. Nothing here
needs Flask: the app wiring lives in `factdb.jobs.app`.
"""

from __future__ import annotations

from factdb.jobs.context import JobContext
from factdb.jobs.registry import JobFailed, JobOutcome, job_kind

__all__ = ["JobContext", "JobFailed", "JobOutcome", "job_kind"]
