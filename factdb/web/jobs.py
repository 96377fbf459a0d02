"""Job pages: the latest jobs, and one job's progress (reloading itself until it ends)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField

from factdb.errors import Conflict
from factdb.jobs.app import job_queue
from factdb.jobs.cancel import cancelled_by, may_cancel
from factdb.jobs.progress import get_job, recent_jobs, result_link
from factdb.models import Job, JobState
from factdb.vocab import Role
from factdb.web.auth import current_user, role_required, safe_next
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


class CancelForm(FlaskForm):
    #: The page to go back to (the list the button was pressed in), checked against open redirects.
    next = HiddenField()
    submit = SubmitField("Cancel job")


def cancellable(jobs: list[Job]) -> set[int]:
    """The ids of the jobs the current user may cancel, for the pages' Cancel buttons."""
    user = current_user()
    return {job.id for job in jobs if may_cancel(user, job)}


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
    return render_template(
        "jobs/list.html",
        jobs=jobs,
        mine=mine,
        result_url=result_url,
        cancellable=cancellable(jobs),
        cancel=CancelForm(formdata=None, next=request.full_path),
    )


@bp.route("/<int:job_id>")
def detail(job_id: int) -> Any:
    """Show a job's progress; the page reloads itself until the job has finished."""
    job = get_job(db(), job_id)
    target = result_url(job)
    if request.args.get("follow") == "1" and job.state is JobState.DONE and target:
        return redirect(target)  # the page the person was waiting for
    return render_template(
        "jobs/detail.html",
        job=job,
        result_url=target,
        refresh=REFRESH_SECONDS,
        cancellable=cancellable([job]),
        cancel=CancelForm(formdata=None),
        cancelled_by=cancelled_by(db(), job),
    )


@bp.route("/<int:job_id>/cancel", methods=["POST"])
@role_required(Role.VIEWER)
def cancel(job_id: int) -> Any:
    """Cancel a job (its owner or an admin): a waiting one never runs, a running one stops."""
    form = CancelForm()
    if not form.validate_on_submit():
        abort(400)
    back = safe_next(form.next.data) if form.next.data else url_for("jobs.detail", job_id=job_id)
    try:
        job = job_queue().cancel(db(), job_id, current_user())  # type: ignore[arg-type]
    except Conflict as error:
        db().rollback()
        flash(error.message, "error")
        return redirect(back)
    db().commit()
    if job.state is JobState.CANCELLED:
        flash(f"Job #{job_id} cancelled: it will not run.", "success")
    else:
        flash(f"Job #{job_id} is stopping: it stops at its next step.", "success")
    return redirect(back)
