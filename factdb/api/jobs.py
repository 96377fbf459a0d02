"""API endpoints for background jobs: pages and programs poll a job's progress here."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from factdb.api.routing import api_route
from factdb.api.spec import Endpoint, one, ref
from factdb.jobs.app import job_queue
from factdb.jobs.progress import get_job, recent_jobs
from factdb.models import User
from factdb.serializers import job_data
from factdb.web.database import db

_LIST = {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": ref("Job")}}}  # fmt: skip


@api_route(Endpoint("/jobs", "GET", "list_jobs", "The latest 50 background jobs", "Jobs", "read",
                    responses={200: _LIST}, query=(("kind", {"type": "string"}, "Only jobs of this kind"),
                                                   ("mine", {"type": "string", "enum": ["1"]}, "Only your own jobs"))))  # fmt: skip
def list_jobs(user: User) -> Any:
    mine = request.args.get("mine") == "1"
    jobs = recent_jobs(
        db(), kind=request.args.get("kind", "")[:40], user_id=user.id if mine else None
    )
    return jsonify({"data": [job_data(job, user) for job in jobs]})


@api_route(Endpoint("/jobs/<int:job_id>", "GET", "get_job", "One job and its progress", "Jobs", "read",
                    responses={200: one(ref("Job"))}))  # fmt: skip
def get_job_endpoint(user: User, job_id: int) -> Any:
    return jsonify({"data": job_data(get_job(db(), job_id), user)})


@api_route(Endpoint("/jobs/<int:job_id>/cancel", "POST", "cancel_job",
                    "Cancel a job: a waiting one never runs, a running one stops at its next step (its owner or an admin)",
                    "Jobs", "write", "viewer", responses={200: one(ref("Job"))}))  # fmt: skip
def cancel_job_endpoint(user: User, job_id: int) -> Any:
    """Cancel a job; 409 when it has already ended, 403 when it is not the user's own."""
    job = job_queue().cancel(db(), job_id, user)
    return jsonify({"data": job_data(job, user)})
