"""Job pages: the latest jobs, and one job's progress (reloading itself until it ends)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from factdb.jobs.progress import get_job, recent_jobs, result_link
from factdb.models import Job, JobState
from factdb.web.auth import current_user
from factdb.web.database import db

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

#: The page that shows each kind of record a job can produce.
RESULT_PAGES = {
    "document": ("documents.detail", "document_id"),
    "claim": ("claims.detail", "claim_id"),
    "source": ("sources.detail", "source_id"),
    "capture": ("capture.review", "capture_id"),
}
#: Seconds between reloads of an unfinished job's page.
REFRESH_SECONDS = 2


def result_url(job: Job) -> str | None:
    """The page of the record a finished job made, if any."""
    link = result_link(job)
    if link is None or link[0] not in RESULT_PAGES:
        return None
    endpoint, argument = RESULT_PAGES[link[0]]
    # A capture started from the bookmarklet carries the reader's selection on to the citation.
    extra = {"quote": job.params["quote"]} if job.params.get("quote") else {}
    return url_for(endpoint, **{argument: link[1]}, **extra)


@bp.route("/")
def index() -> Any:
    """List the latest jobs, newest first; `mine=1` shows only the user's own."""
    user = current_user()
    mine = request.args.get("mine") == "1"
    jobs = recent_jobs(
        db(), kind=request.args.get("kind", "")[:40], user_id=user.id if mine and user else None
    )
    return render_template("jobs/list.html", jobs=jobs, mine=mine, result_url=result_url)


@bp.route("/<int:job_id>")
def detail(job_id: int) -> Any:
    """Show a job's progress; the page reloads itself until the job has finished."""
    job = get_job(db(), job_id)
    target = result_url(job)
    if request.args.get("follow") == "1" and job.state is JobState.DONE and target:
        return redirect(target)  # the page the person was waiting for
    return render_template("jobs/detail.html", job=job, result_url=target, refresh=REFRESH_SECONDS)
