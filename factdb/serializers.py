"""One JSON shape per resource, shared by the API and the JSON twins of the pages.

Each serializer has its JSON Schema beside it; the OpenAPI document is built from
these schemas and the tests validate every API response against them.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from factdb.audit.findings import FINDING_FIELDS
from factdb.declarations.claim import CLAIM
from factdb.declarations.document import DOCUMENT
from factdb.declarations.source import SOURCE
from factdb.json_schema import INT, NULLABLE_INT, STRING, TIMESTAMP, enum_of, json_object
from factdb.models import (
    Change,
    Citation,
    Claim,
    Document,
    Job,
    JobState,
    Source,
    StatusChange,
    User,
)
from factdb.vocab import QuoteType, Relation, SourceKind, Status


def _time(value) -> str | None:
    return value.isoformat() + "Z" if value else None


def _plain(record: Any, names: str) -> dict[str, Any]:
    """The attributes JSON holds as they are, each named once: a vocabulary by its value, a time in UTC."""
    values = {}
    for name in names.split():
        value = getattr(record, name)
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, datetime):
            value = _time(value)
        values[name] = value
    return values


def source_ref(source: Source | None) -> dict[str, Any] | None:
    return (
        None
        if source is None
        else {"id": source.id, "name": source.name, "kind": source.kind.value}
    )


def document_ref(document: Document) -> dict[str, Any]:
    return {"id": document.id, "title": document.title}


def citation_data(citation: Citation) -> dict[str, Any]:
    return {
        **_plain(citation, "id version claim_id"),
        "document": document_ref(citation.document),
        "speaker": source_ref(citation.speaker),
        **_plain(citation, "relation quote quote_type locator speaker_role"),
    }


def claim_data(
    claim: Claim, *, citations: bool = True, tags: list[str] | None = None
) -> dict[str, Any]:
    """A claim as the API gives it; `tags` when they were read apart (a list's rows)."""
    data: dict[str, Any] = {
        **_plain(claim, "id version"),
        **CLAIM.data(claim),
        "rating": claim.status.rating,
        "tags": [tag.name for tag in claim.tags] if tags is None else tags,
        **_plain(claim, "created_at updated_at created_by_id"),
    }
    if citations:
        data["citations"] = [citation_data(c) for c in claim.citations]
    return data


def source_data(source: Source, *, aliases: bool = True) -> dict[str, Any]:
    data = {"id": source.id, "version": source.version, **SOURCE.data(source)}
    if aliases:
        data["aliases"] = [alias.name for alias in source.aliases]
    return data


def document_data(document: Document, *, full_text: bool = False) -> dict[str, Any]:
    data = {
        "id": document.id,
        "version": document.version,
        **DOCUMENT.data(document),
        # Each author as the document writes the name; the source keeps its own.
        "authors": [
            {**source_ref(author.source), "name": author.written_name}
            for author in document.authors
        ],
        "has_text": bool(document.text_hash),
    }
    if full_text:
        data["full_text"] = document.full_text
    return data


def status_change_data(change: StatusChange) -> dict[str, Any]:
    return {
        **_plain(change, "id claim_id from_status to_status note reviewer_id at"),
        "evidence": [citation.id for citation in change.evidence],
        #: Set on a step back to review that an edit of the judged words caused.
        "cause_change_id": change.cause_change_id,
    }


def change_data(change: Change) -> dict[str, Any]:
    return _plain(change, "id entity entity_id action fields user_id at")


def job_data(job: Job, viewer: User) -> dict[str, Any]:
    """A job as `viewer` may see it: its result (an article read, a page fetched) only if
    theirs, as the pages show a background reading to the person who pasted it alone."""
    return {
        **_plain(job, "id kind state"),
        "finished": job.state.finished,
        **_plain(job, "done total percent message"),
        "result": job.result if job.created_by_id == viewer.id else None,
        "result_ref": job.result_ref or None,
        **_plain(job, "error created_by_id created_at started_at finished_at"),
        **_plain(job, "cancelled_at cancelled_by_id"),
    }


SOURCE_REF = {
    "oneOf": [
        {"type": "null"},
        json_object({"id": INT, "name": STRING, "kind": enum_of(SourceKind)}),
    ]
}
CITATION = json_object({
    "id": INT, "version": INT, "claim_id": INT,
    "document": json_object({"id": INT, "title": STRING}),
    "speaker": SOURCE_REF, "relation": enum_of(Relation), "quote": STRING,
    "quote_type": enum_of(QuoteType), "locator": STRING, "speaker_role": STRING,
})  # fmt: skip
_CLAIM_PROPERTIES = {
    "id": INT, "version": INT, **CLAIM.response_properties(), "rating": NULLABLE_INT,
    "tags": {"type": "array", "items": STRING}, "created_at": TIMESTAMP, "updated_at": TIMESTAMP,
    "created_by_id": NULLABLE_INT,
}  # fmt: skip
SCHEMAS: dict[str, dict[str, Any]] = {
    "Citation": CITATION,
    "ClaimSummary": json_object(_CLAIM_PROPERTIES),
    "Claim": json_object(
        {
            **_CLAIM_PROPERTIES,
            "citations": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}},
        }
    ),
    "Source": json_object(
        {
            "id": INT,
            "version": INT,
            **SOURCE.response_properties(),
            "aliases": {"type": "array", "items": STRING},
        }
    ),
    "Document": json_object(
        {
            "id": INT,
            "version": INT,
            **DOCUMENT.response_properties(),
            "authors": {"type": "array", "items": SOURCE_REF},
            "has_text": {"type": "boolean"},
            "full_text": STRING,
        },
        required=["id", "version", "title", "doc_type", "authors", "url", "published", "has_text"],
    ),
    "StatusChange": json_object(
        {
            "id": INT,
            "claim_id": INT,
            "from_status": enum_of(Status),
            "to_status": enum_of(Status),
            "note": STRING,
            "reviewer_id": NULLABLE_INT,
            "at": TIMESTAMP,
            "evidence": {"type": "array", "items": INT},
            "cause_change_id": NULLABLE_INT,
        }
    ),
    "Change": json_object(
        {
            "id": INT,
            "entity": STRING,
            "entity_id": INT,
            "action": STRING,
            "fields": {"type": "object"},
            "user_id": NULLABLE_INT,
            "at": TIMESTAMP,
        }
    ),
    "Finding": {
        "type": "object",
        "required": list(FINDING_FIELDS),
        "properties": {
            "rule": STRING,
            "severity": {"type": "string", "enum": ["error", "warning", "info"]},
            "claim_id": NULLABLE_INT,
            "citation_id": NULLABLE_INT,
            "document_id": NULLABLE_INT,
            "source_id": NULLABLE_INT,
            "message": STRING,
            "why": STRING,
            "fix": STRING,
            "details": {"type": "object"},
        },
    },
    "Error": json_object(
        {
            "status": INT,
            "code": STRING,
            "message": STRING,
            "fields": {
                "type": "object",
                "additionalProperties": STRING,
                "description": "What is wrong with each field, by its path in the body: `text`, "
                "`citations[0].document` (a citation sent on its own: `document`)",
            },
            "current": {"type": "object"},
        },
        required=["status", "code", "message", "fields"],
    ),
    "Job": json_object(
        {
            "id": INT,
            "kind": STRING,
            "state": enum_of(JobState),
            "finished": {"type": "boolean"},
            "done": INT,
            "total": NULLABLE_INT,
            "percent": NULLABLE_INT,
            "message": STRING,
            "result": {
                "type": ["object", "null"],
                "description": "What the job found; null to anyone but the person who started it",
            },
            "result_ref": {"type": ["string", "null"]},
            "error": STRING,
            "created_by_id": NULLABLE_INT,
            "created_at": TIMESTAMP,
            "started_at": {"type": ["string", "null"], "format": "date-time"},
            "finished_at": {"type": ["string", "null"], "format": "date-time"},
            "cancelled_at": {
                "type": ["string", "null"],
                "format": "date-time",
                "description": "When someone asked to cancel it (a running job stops at its next step)",
            },
            "cancelled_by_id": NULLABLE_INT,
        }
    ),
    "PageMeta": json_object(
        {
            "page": INT,
            # Null past a filtered list's count bound (10,000; a text search 1,000): then
            # `total_bounded` is true and `total_at_least` says how many were counted; the
            # cursors still page through all.
            "pages": NULLABLE_INT,
            "total": NULLABLE_INT,
            "per_page": INT,
            "total_bounded": {"type": "boolean"},
            "total_at_least": INT,
            # Cursors of the next and previous pages, where the list pages by its sort key.
            "next_after": STRING,
            "previous_before": STRING,
        },
        required=["page", "pages", "total", "per_page"],
    ),
}
