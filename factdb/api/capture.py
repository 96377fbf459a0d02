"""Capture and recheck through the API: the same background jobs as the document pages' buttons."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, url_for

from factdb import documents as document_service
from factdb.api.parsing import created, get_field, refuse_unknown
from factdb.api.routing import api_route, json_body
from factdb.api.spec import Endpoint, one, ref
from factdb.capture.service import (
    create_from_capture,
    get_capture,
    recorded_document,
    warc_bytes,
)
from factdb.errors import NotFound, ValidationFailed
from factdb.jobs.app import job_queue
from factdb.models import Capture, Job, User
from factdb.serializers import document_data, job_data
from factdb.text import is_web_url
from factdb.web.database import db

CAPTURE_BODY = {
    "type": "object",
    "required": ["url"],
    "additionalProperties": False,
    "properties": {
        "url": {"type": "string", "maxLength": 2000, "description": "An http(s) address"}
    },
}
CAPTURE = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "document_id": {"type": ["integer", "null"]},
        "requested_url": {"type": "string"},
        "final_url": {"type": "string"},
        "http_status": {"type": "integer"},
        "content_type": {"type": "string"},
        "fetched_at": {"type": "string"},
        "body_sha256": {"type": "string"},
        "text_sha256": {"type": "string"},
        "metadata": {"type": "object"},
        "warc_url": {"type": ["string", "null"]},
    },
}


def _started(job: Job, user: User) -> Any:
    """202 Accepted: the job runs in the background; poll its Location for progress."""
    response = jsonify({"data": job_data(job, user)})
    response.status_code = 202
    response.headers["Location"] = url_for("api.get_job", job_id=job.id)
    return response


def _capture_data(capture: Capture) -> dict[str, Any]:
    kept = bool(capture.warc_size) and not capture.warc_note
    return {
        "id": capture.id,
        "document_id": capture.document_id,
        "requested_url": capture.requested_url,
        "final_url": capture.final_url,
        "http_status": capture.http_status,
        "content_type": capture.content_type,
        "fetched_at": capture.fetched_at.isoformat() + "Z",
        "body_sha256": capture.body_sha256,
        "text_sha256": capture.text_sha256,
        "metadata": capture.page_metadata,
        "warc_url": url_for("api.get_capture_warc", capture_id=capture.id) if kept else None,
    }


@api_route(Endpoint("/captures", "POST", "start_capture", "Fetch and read a web page or PDF in the background (then save it as a document)",
                    "Capture", "write", "editor", request=CAPTURE_BODY, responses={202: one(ref("Job"))}))  # fmt: skip
def start_capture(user: User) -> Any:
    body = json_body()
    refuse_unknown(body, CAPTURE_BODY)
    url = (get_field(body, "url", str, None, required=True) or "").strip()
    if not is_web_url(url) or len(url) > 2000:
        raise ValidationFailed(
            "The address is not a web address.",
            {"url": "Give a full web address starting with http:// or https://, under 2,000 characters."},
        )  # fmt: skip
    return _started(job_queue().submit(db(), "capture", {"url": url}, user), user)


@api_route(Endpoint("/captures/<int:capture_id>", "GET", "get_capture", "One capture: what the page said of itself, its hashes and its WARC",
                    "Capture", "read", responses={200: one(CAPTURE)}))  # fmt: skip
def get_capture_endpoint(user: User, capture_id: int) -> Any:
    return jsonify({"data": _capture_data(get_capture(db(), capture_id))})


@api_route(Endpoint("/captures/<int:capture_id>/warc", "GET", "get_capture_warc", "The capture's WARC file: the response as it was received",
                    "Capture", "read", responses={200: {"description": "The WARC file (gzipped)"}}, media_types=("application/warc",)))  # fmt: skip
def get_capture_warc(user: User, capture_id: int) -> Any:
    capture = get_capture(db(), capture_id)
    content = warc_bytes(capture, current_app.config)
    if content is None:
        raise NotFound(capture.warc_note or "The WARC file of this capture is not kept.")
    name = f"factdb-capture-{capture_id}.warc.gz"
    return Response(content, mimetype="application/warc",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


@api_route(Endpoint("/captures/<int:capture_id>/document", "POST", "save_capture", "Save a capture as a document, filled as the page describes itself",
                    "Capture", "write", "editor", responses={200: one(ref("Document")), 201: one(ref("Document"))}))  # fmt: skip
def save_capture(user: User, capture_id: int) -> Any:
    """Save a capture as a new document (201), or as evidence of the recorded one it is of (200)."""
    capture = get_capture(db(), capture_id)
    if capture.document_id is not None:
        raise ValidationFailed(
            f"Capture {capture_id} is already the evidence of document {capture.document_id}.",
            {"capture_id": "Already saved as a document."},
        )
    known = recorded_document(db(), capture)
    document = create_from_capture(db(), user, capture)
    db().flush()
    document = document_service.get_document(db(), document.id)
    if known is not None:
        return jsonify({"data": document_data(document)})
    return created(
        document_data(document),
        url_for("api.get_document", document_id=document.id),
    )


@api_route(Endpoint("/documents/<int:document_id>/recheck", "POST", "recheck_document", "Visit a document's address again now (a background job)",
                    "Capture", "write", "editor", responses={202: one(ref("Job"))}))  # fmt: skip
def recheck_document(user: User, document_id: int) -> Any:
    document = document_service.get_document(db(), document_id)
    if not document.url.startswith(("http://", "https://")):
        raise ValidationFailed(
            "This document has no web address to check.", {"url": "Give the document a web address first."}
        )  # fmt: skip
    return _started(
        job_queue().submit(db(), "recheck", {"document_ids": [document_id]}, user), user
    )
