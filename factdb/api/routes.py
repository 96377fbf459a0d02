"""The API's endpoints: parse the JSON, call one domain function, serialize the result."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, current_app, jsonify, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from factdb import claims as claim_service
from factdb import documents as document_service
from factdb import review
from factdb import sources as source_service
from factdb.api import api_route, bp, json_body
from factdb.api.spec import Endpoint, one, openapi, page_of, ref
from factdb.audit import RULES
from factdb.claims import CitationInput, ClaimFilters, ClaimInput
from factdb.documents import DocumentInput
from factdb.errors import NotFound, StaleEdit, ValidationFailed
from factdb.export import FORMATS, ExportSettings, export
from factdb.history import changes_for_claim
from factdb.models import Citation, Document, Source, User
from factdb.models.base import MAX_ID
from factdb.pagination import Page
from factdb.serializers import (
    change_data,
    citation_data,
    claim_data,
    document_data,
    source_data,
    status_change_data,
)
from factdb.sources import SourceInput, find_source
from factdb.text import clean
from factdb.vocab import DocumentType, QuoteType, Relation, Reliability, SourceKind, Status
from factdb.web.audit import kept_audit
from factdb.web.database import db

MAX_PER_PAGE = 100
EXPORT_MEDIA_TYPES = tuple(
    sorted({f.mimetype for f in FORMATS.values()} | {"text/html", "text/markdown"})
)
_STR = {"type": "string"}
_INT = {"type": "integer"}
_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
PAGING = (
    ("page", {"type": "integer", "minimum": 1, "maximum": 10**9}, "Page number"),
    (
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "Rows per page (25 by default)",
    ),
)
CLAIM_FILTERS = (
    ("q", _STR, "Full-text search in claims and quotes"),
    ("status", {"type": "string", "enum": [s.value for s in Status]}, "Only claims with this status"),
    ("tag", _STR, "Only claims with this tag"),
    ("source", _ID, "Only claims attributed to this source"),
    ("document", _ID, "Only claims cited from this document"),
    ("sort", {"type": "string", "enum": list(claim_service.SORTS)}, "Order"),
    *PAGING,
)  # fmt: skip

CITATION_BODY = {
    "type": "object",
    "required": ["document"],
    "additionalProperties": False,
    "properties": {
        "document": {"oneOf": [{"type": "integer"}, {"type": "string", "minLength": 1}], "description": "A document id, or the title or URL of one (created when new)"},
        "speaker": {"oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}], "description": "A source id or name (created when new); empty when the document asserts it"},
        "relation": {"type": "string", "enum": [r.value for r in Relation]},
        "quote": _STR,
        "quote_type": {"type": "string", "enum": [q.value for q in QuoteType]},
        "locator": _STR,
        "version": {"type": "integer", "description": "For an update: the version you read"},
    },
}  # fmt: skip
CLAIM_BODY = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {"text": {"type": "string", "minLength": 1}, "context": _STR, "tags": {"type": "array", "items": _STR},
                   "citations": {"type": "array", "items": CITATION_BODY}},
}  # fmt: skip
CLAIM_PATCH = {
    "type": "object",
    "required": ["version"],
    "additionalProperties": False,
    "properties": {"version": _INT, "text": {"type": "string", "minLength": 1}, "context": _STR, "tags": {"type": "array", "items": _STR}},
}  # fmt: skip
STATUS_BODY = {
    "type": "object",
    "required": ["version", "status"],
    "additionalProperties": False,
    "properties": {"version": _INT, "status": {"type": "string", "enum": [s.value for s in Status]}, "note": _STR,
                   "evidence": {"type": "array", "items": _INT}},
}  # fmt: skip
SOURCE_BODY = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "version": _INT, "name": {"type": "string", "minLength": 1}, "kind": {"type": "string", "enum": [k.value for k in SourceKind]},
        "role": _STR, "parent_id": {"type": ["integer", "null"]}, "homepage": _STR,
        "reliability": {"type": "string", "enum": [r.value for r in Reliability]}, "notes": _STR,
        "aliases": {"type": "array", "items": _STR}, "family_name": _STR, "given_name": _STR,
    },
}  # fmt: skip
DOCUMENT_BODY = {
    "type": "object",
    "required": ["title"],
    "additionalProperties": False,
    "properties": {
        "version": _INT, "title": {"type": "string", "minLength": 1}, "doc_type": {"type": "string", "enum": [t.value for t in DocumentType]},
        "authors": {"type": "array", "items": _STR}, "container_title": _STR, "publisher": _STR, "published": _STR,
        "undated": {"type": "boolean"}, "url": _STR, "doi": _STR, "accessed": {"type": ["string", "null"], "format": "date"},
        "archive_url": _STR, "language": _STR, "full_text": _STR,
    },
}  # fmt: skip


# ----------------------------------------------------------------------------- input helpers


def _get(
    body: dict[str, Any],
    name: str,
    kind: type | tuple[type, ...],
    default: Any = None,
    *,
    required: bool = False,
) -> Any:
    """Read one field, refusing wrong types with a message that names the field."""
    if name not in body or body[name] is None:
        if required:
            raise ValidationFailed(
                "A required field is missing.", {name: "This field is required."}
            )
        return default
    value = body[name]
    if kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON does not tell 50 from 50.0
    if isinstance(value, bool) and kind is int:
        raise ValidationFailed("A field has the wrong type.", {name: "Expected a whole number."})
    if not isinstance(value, kind):
        expected = {str: "text", int: "a whole number", list: "a list", bool: "true or false"}.get(
            kind if isinstance(kind, type) else str, "another type"
        )
        raise ValidationFailed("A field has the wrong type.", {name: f"Expected {expected}."})
    return value


def _choice(body: dict[str, Any], name: str, enum: type, default: Any) -> Any:
    value = _get(body, name, str, default.value if default is not None else None)
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError as exc:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationFailed(
            "A value is not one of the choices.", {name: f"Choose one of: {allowed}."}
        ) from exc


def _strings(body: dict[str, Any], name: str) -> list[str]:
    values = _get(body, name, list, [])
    if not all(isinstance(value, str) for value in values):
        raise ValidationFailed(
            "A list holds something other than text.", {name: "Expected a list of text."}
        )
    return values


def _unknown(body: dict[str, Any], schema: dict[str, Any]) -> None:
    extra = sorted(set(body) - set(schema["properties"]))
    if extra:
        raise ValidationFailed(
            "Unknown fields.", {name: "Not a field of this resource." for name in extra}
        )


def _int_arg(
    name: str, default: int | None = None, *, minimum: int = 1, maximum: int | None = None
) -> int | None:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValidationFailed(
            "A query parameter is not a number.", {name: "Expected a whole number."}
        ) from exc
    if value < minimum or (maximum is not None and value > maximum):
        raise ValidationFailed(
            "A query parameter is out of range.", {name: f"Use {minimum} to {maximum or 'more'}."}
        )
    return value


def _integral(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _citation_input(body: Any, index: int) -> CitationInput:
    if not isinstance(body, dict):
        raise ValidationFailed(
            "A citation must be an object.", {f"citations-{index}": "Expected an object."}
        )
    _unknown(body, CITATION_BODY)
    document = _integral(body.get("document"))
    speaker = _integral(body.get("speaker"))
    if isinstance(document, bool) or not isinstance(document, (int, str)) or document == "":
        raise ValidationFailed(
            "A citation needs its document.",
            {f"citations-{index}-document": "Give a document id, title or URL."},
        )
    if speaker is not None and (isinstance(speaker, bool) or not isinstance(speaker, (int, str))):
        raise ValidationFailed(
            "A speaker must be an id or a name.",
            {f"citations-{index}-speaker": "Give a source id or name."},
        )
    return CitationInput(
        document=f"[#{document}]" if isinstance(document, int) else document,
        speaker=f"[#{speaker}]" if isinstance(speaker, int) else (speaker or ""),
        relation=_choice(body, "relation", Relation, Relation.ASSERTS),
        quote=_get(body, "quote", str, ""),
        quote_type=_choice(body, "quote_type", QuoteType, QuoteType.DIRECT),
        locator=_get(body, "locator", str, ""),
        new_document=DocumentInput(title=""),
    )


def _check_references(session, entries: list[CitationInput]) -> None:
    """Ids given for documents and speakers must exist (names may be new)."""
    for index, entry in enumerate(entries):
        if (
            entry.document.startswith("[#")
            and document_service.find_document(session, entry.document) is None
        ):
            raise ValidationFailed(
                "No such document.",
                {f"citations-{index}-document": f"There is no document {entry.document[2:-1]}."},
            )
        if entry.speaker.startswith("[#") and find_source(session, entry.speaker) is None:
            raise ValidationFailed(
                "No such source.",
                {f"citations-{index}-speaker": f"There is no source {entry.speaker[2:-1]}."},
            )


def _meta(page: Page[Any]) -> dict[str, int]:
    return {"page": page.number, "pages": page.pages, "total": page.total, "per_page": page.size}


def _created(data: dict[str, Any], location: str) -> Response:
    response = jsonify({"data": data})
    response.status_code = 201
    response.headers["Location"] = location
    return response


# ----------------------------------------------------------------------------- claims


def _filters() -> ClaimFilters:
    status = request.args.get("status", "")
    if status and status not in Status._value2member_map_:
        raise ValidationFailed(
            "Unknown status.", {"status": f"Choose one of: {', '.join(s.value for s in Status)}."}
        )
    sort = request.args.get("sort", "newest")
    if sort not in claim_service.SORTS:
        raise ValidationFailed(
            "Unknown sort.", {"sort": f"Choose one of: {', '.join(claim_service.SORTS)}."}
        )
    return ClaimFilters(
        q=clean(request.args.get("q", ""))[:500],
        status=status,
        tag=clean(request.args.get("tag", ""))[:100],
        source_id=_int_arg("source", maximum=MAX_ID),
        document_id=_int_arg("document", maximum=MAX_ID),
        sort=sort,
        page=_int_arg("page", 1, maximum=10**9) or 1,
    )


@api_route(Endpoint("/claims", "GET", "list_claims", "List claims, with the same filters as the claims page", "Claims", "read",
                    responses={200: page_of("ClaimSummary")}, query=CLAIM_FILTERS))  # fmt: skip
def list_claims(user: User) -> Any:
    page = claim_service.list_claims(
        db(), _filters(), size=_int_arg("per_page", 25, maximum=MAX_PER_PAGE) or 25
    )
    return jsonify(
        {
            "data": [claim_data(row.claim, citations=False) for row in page.items],
            "meta": _meta(page),
        }
    )


@api_route(Endpoint("/claims", "POST", "create_claim", "Record a claim with its citations", "Claims", "write", "editor",
                    request=CLAIM_BODY, responses={201: one(ref("Claim"))}))  # fmt: skip
def create_claim(user: User) -> Any:
    body = json_body()
    _unknown(body, CLAIM_BODY)
    citations = [
        _citation_input(entry, index)
        for index, entry in enumerate(_get(body, "citations", list, []))
    ]
    _check_references(db(), citations)
    data = ClaimInput(text=_get(body, "text", str, required=True), context=_get(body, "context", str, ""),
                      tags=_strings(body, "tags"), citations=citations)  # fmt: skip
    result = claim_service.save_claim(db(), user, data)
    db().flush()
    claim = claim_service.get_claim(db(), result.claim.id)
    return _created(claim_data(claim), url_for("api.get_claim", claim_id=claim.id))


def _load_claim(claim_id: int):
    return claim_service.get_claim(db(), claim_id)


@api_route(Endpoint("/claims/<int:claim_id>", "GET", "get_claim", "One claim with its citations", "Claims", "read",
                    responses={200: one(ref("Claim"))}))  # fmt: skip
def get_claim(user: User, claim_id: int) -> Any:
    return jsonify({"data": claim_data(_load_claim(claim_id))})


def _stale(error: StaleEdit, current: dict[str, Any]) -> StaleEdit:
    error.api_current = current  # type: ignore[attr-defined]
    return error


@api_route(Endpoint("/claims/<int:claim_id>", "PATCH", "update_claim", "Change a claim's text, context or tags", "Claims", "write", "editor",
                    request=CLAIM_PATCH, responses={200: one(ref("Claim"))}))  # fmt: skip
def update_claim(user: User, claim_id: int) -> Any:
    body = json_body()
    _unknown(body, CLAIM_PATCH)
    claim = _load_claim(claim_id)
    version = _get(body, "version", int, required=True)
    keep = claim_service.unchanged_citations(claim)
    data = ClaimInput(
        text=_get(body, "text", str, claim.text),
        context=_get(body, "context", str, claim.context),
        tags=_strings(body, "tags") if "tags" in body else [tag.name for tag in claim.tags],
        citations=keep,
    )
    current = claim_data(claim)
    try:
        claim_service.save_claim(db(), user, data, claim_id=claim_id, expected_version=version)
    except StaleEdit as error:
        raise _stale(error, current) from error
    db().flush()
    return jsonify({"data": claim_data(claim_service.get_claim(db(), claim_id))})


@api_route(Endpoint("/claims/<int:claim_id>/status", "POST", "change_status", "Move a claim through review (same rules as the browser)",
                    "Review", "write", "editor", request=STATUS_BODY, responses={201: one(ref("StatusChange"))}))  # fmt: skip
def change_status(user: User, claim_id: int) -> Any:
    body = json_body()
    _unknown(body, STATUS_BODY)
    evidence = _get(body, "evidence", list, [])
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in evidence):
        raise ValidationFailed(
            "Evidence lists citation ids.", {"evidence": "Expected a list of citation ids."}
        )
    claim = _load_claim(claim_id)
    current = claim_data(claim)
    try:
        change = review.change_status(
            db(), user, claim_id,
            to_status=_choice(body, "status", Status, None),
            note=_get(body, "note", str, ""),
            evidence_ids=evidence,
            expected_version=_get(body, "version", int, required=True),
            policy=review.ReviewPolicy(allow_self_review=current_app.config["ALLOW_SELF_REVIEW"]),
        )  # fmt: skip
    except StaleEdit as error:
        raise _stale(error, current) from error
    db().flush()
    return _created(status_change_data(change), url_for("api.claim_history", claim_id=claim_id))


@api_route(Endpoint("/claims/<int:claim_id>/history", "GET", "claim_history", "Status changes and edits of a claim, oldest first",
                    "Review", "read", responses={200: one({"type": "object", "required": ["status_changes", "changes"], "properties": {
                        "status_changes": {"type": "array", "items": ref("StatusChange")},
                        "changes": {"type": "array", "items": ref("Change")}}})}))  # fmt: skip
def claim_history(user: User, claim_id: int) -> Any:
    _load_claim(claim_id)
    return jsonify({"data": {
        "status_changes": [status_change_data(c) for c in claim_service.status_history(db(), claim_id)],
        "changes": [change_data(c) for c in changes_for_claim(db(), claim_id)],
    }})  # fmt: skip


@api_route(Endpoint("/claims/<int:claim_id>/citations", "POST", "add_citation", "Add a citation to a claim", "Citations", "write", "editor",
                    request=CITATION_BODY, responses={201: one(ref("Citation"))}))  # fmt: skip
def add_citation(user: User, claim_id: int) -> Any:
    body = json_body()
    claim = _load_claim(claim_id)
    entry = _citation_input(body, 0)
    _check_references(db(), [entry])
    keep = claim_service.unchanged_citations(claim)
    before = {c.id for c in claim.citations}
    claim_service.save_claim(db(), user, ClaimInput(text=claim.text, context=claim.context, tags=[t.name for t in claim.tags],
                                                    citations=[*keep, entry]), claim_id=claim_id)  # fmt: skip
    db().flush()
    added = next(c for c in claim_service.get_claim(db(), claim_id).citations if c.id not in before)
    return _created(citation_data(added), url_for("api.get_claim", claim_id=claim_id))


def _load_citation(citation_id: int) -> Citation:
    citation = db().scalar(
        select(Citation)
        .where(Citation.id == citation_id)
        .options(selectinload(Citation.document), selectinload(Citation.speaker))
    )
    if citation is None:
        raise NotFound(f"There is no citation {citation_id}.")
    return citation


@api_route(Endpoint("/citations/<int:citation_id>", "GET", "get_citation", "One citation", "Citations", "read",
                    responses={200: one(ref("Citation"))}))  # fmt: skip
def get_citation(user: User, citation_id: int) -> Any:
    return jsonify({"data": citation_data(_load_citation(citation_id))})


@api_route(Endpoint("/citations/<int:citation_id>", "PATCH", "update_citation", "Change a citation", "Citations", "write", "editor",
                    request=CITATION_BODY | {"required": ["version", "document"]}, responses={200: one(ref("Citation"))}))  # fmt: skip
def update_citation(user: User, citation_id: int) -> Any:
    body = json_body()
    citation = _load_citation(citation_id)
    version = _get(body, "version", int, required=True)
    entry = _citation_input(
        {k: v for k, v in body.items() if k != "version"} | {"version": version}, 0
    )
    entry.id, entry.version = citation_id, version
    _check_references(db(), [entry])
    claim = _load_claim(citation.claim_id)
    others = claim_service.unchanged_citations(claim, leave_out=citation_id)
    current = citation_data(citation)
    try:
        claim_service.save_claim(db(), user, ClaimInput(text=claim.text, context=claim.context, tags=[t.name for t in claim.tags],
                                                        citations=[*others, entry]), claim_id=claim.id)  # fmt: skip
    except StaleEdit as error:
        raise _stale(error, current) from error
    db().flush()
    return jsonify({"data": citation_data(_load_citation(citation_id))})


# ----------------------------------------------------------------------------- sources and documents


def _source_input(body: dict[str, Any], current: Source | None = None) -> SourceInput:
    _unknown(body, SOURCE_BODY)

    def value(name: str, default: Any) -> Any:
        return _get(body, name, str, default)

    parent_id = body.get("parent_id", current.parent_id if current else None)
    if parent_id is not None and (isinstance(parent_id, bool) or not isinstance(parent_id, int)):
        raise ValidationFailed(
            "A field has the wrong type.", {"parent_id": "Expected a source id."}
        )
    return SourceInput(
        name=_get(body, "name", str, current.name if current else None, required=current is None)
        or "",
        kind=_choice(body, "kind", SourceKind, current.kind if current else SourceKind.OTHER),
        role=value("role", current.role if current else ""),
        parent_id=parent_id,
        homepage=value("homepage", current.homepage if current else ""),
        reliability=_choice(
            body, "reliability", Reliability, current.reliability if current else Reliability.F
        ),
        notes=value("notes", current.notes if current else ""),
        aliases=_strings(body, "aliases")
        if "aliases" in body
        else ([a.name for a in current.aliases] if current else []),
        family_name=value("family_name", current.family_name if current else ""),
        given_name=value("given_name", current.given_name if current else ""),
    )


@api_route(Endpoint("/sources", "GET", "list_sources", "List sources", "Sources", "read", responses={200: page_of("Source")},
                    query=(("q", _STR, "Name or alias contains"), ("kind", {"type": "string", "enum": [k.value for k in SourceKind]}, "Kind"), *PAGING)))  # fmt: skip
def list_sources(user: User) -> Any:
    kind = request.args.get("kind", "")
    if kind and kind not in SourceKind._value2member_map_:
        raise ValidationFailed(
            "Unknown kind.",
            {"kind": "Choose one of: " + ", ".join(k.value for k in SourceKind) + "."},
        )
    page = source_service.list_sources(db(), q=clean(request.args.get("q", ""))[:300], kind=kind,
                                       page=_int_arg("page", 1, maximum=10**9) or 1, size=_int_arg("per_page", 25, maximum=MAX_PER_PAGE) or 25)  # fmt: skip
    return jsonify({"data": [source_data(row.source) for row in page.items], "meta": _meta(page)})


@api_route(Endpoint("/sources", "POST", "create_source", "Add a source", "Sources", "write", "editor", request=SOURCE_BODY,
                    responses={201: one(ref("Source"))}))  # fmt: skip
def create_source(user: User) -> Any:
    source = source_service.create_source(db(), user, _source_input(json_body()))
    db().flush()
    source = source_service.get_source(db(), source.id)
    return _created(source_data(source), url_for("api.get_source", source_id=source.id))


@api_route(Endpoint("/sources/<int:source_id>", "GET", "get_source", "One source", "Sources", "read", responses={200: one(ref("Source"))}))  # fmt: skip
def get_source(user: User, source_id: int) -> Any:
    return jsonify({"data": source_data(source_service.get_source(db(), source_id))})


@api_route(Endpoint("/sources/<int:source_id>", "PATCH", "update_source", "Change a source", "Sources", "write", "editor",
                    request=SOURCE_BODY | {"required": ["version"]}, responses={200: one(ref("Source"))}))  # fmt: skip
def update_source(user: User, source_id: int) -> Any:
    body = json_body()
    source = source_service.get_source(db(), source_id)
    version = _get(body, "version", int, required=True)
    current = source_data(source)
    try:
        source_service.update_source(db(), user, source_id, version, _source_input(body, source))
    except StaleEdit as error:
        raise _stale(error, current) from error
    db().flush()
    return jsonify({"data": source_data(source_service.get_source(db(), source_id))})


def _document_input(body: dict[str, Any], current: Document | None = None) -> DocumentInput:
    _unknown(body, DOCUMENT_BODY)

    def value(name: str) -> str:
        return _get(body, name, str, getattr(current, name) if current else "")

    accessed_raw = body.get(
        "accessed", current.accessed.isoformat() if current and current.accessed else None
    )
    accessed = None
    if accessed_raw is not None:
        try:
            accessed = date.fromisoformat(accessed_raw) if isinstance(accessed_raw, str) else None
        except ValueError:
            accessed = None
        if accessed is None:
            raise ValidationFailed("A date is not valid.", {"accessed": "Use YYYY-MM-DD."})
    undated = body.get("undated", current.undated if current else False)
    if not isinstance(undated, bool):
        raise ValidationFailed(
            "A field has the wrong type.", {"undated": "Expected true or false."}
        )
    authors = (
        _strings(body, "authors")
        if "authors" in body
        else ([f"[#{a.source_id}]" for a in current.authors] if current else [])
    )
    return DocumentInput(
        title=_get(body, "title", str, current.title if current else None, required=current is None) or "",
        doc_type=_choice(body, "doc_type", DocumentType, current.doc_type if current else DocumentType.OTHER),
        container_title=value("container_title"), publisher=value("publisher"), published=value("published"),
        undated=undated, url=value("url"), doi=value("doi"), accessed=accessed, archive_url=value("archive_url"),
        language=value("language"), full_text=value("full_text"), authors=authors,
    )  # fmt: skip


@api_route(Endpoint("/documents", "GET", "list_documents", "List documents", "Documents", "read", responses={200: page_of("Document")},
                    query=(("q", _STR, "Title or outlet contains"), ("type", {"type": "string", "enum": [t.value for t in DocumentType]}, "Type"), *PAGING)))  # fmt: skip
def list_documents(user: User) -> Any:
    doc_type = request.args.get("type", "")
    if doc_type and doc_type not in DocumentType._value2member_map_:
        raise ValidationFailed(
            "Unknown type.",
            {"type": "Choose one of: " + ", ".join(t.value for t in DocumentType) + "."},
        )
    page = document_service.list_documents(db(), q=clean(request.args.get("q", ""))[:300], doc_type=doc_type,
                                           page=_int_arg("page", 1, maximum=10**9) or 1, size=_int_arg("per_page", 25, maximum=MAX_PER_PAGE) or 25)  # fmt: skip
    return jsonify(
        {"data": [document_data(row.document) for row in page.items], "meta": _meta(page)}
    )


@api_route(Endpoint("/documents", "POST", "create_document", "Add a document", "Documents", "write", "editor", request=DOCUMENT_BODY,
                    responses={201: one(ref("Document"))}))  # fmt: skip
def create_document(user: User) -> Any:
    document = document_service.create_document(db(), user, _document_input(json_body()))
    db().flush()
    document = document_service.get_document(db(), document.id)
    return _created(document_data(document), url_for("api.get_document", document_id=document.id))


@api_route(Endpoint("/documents/<int:document_id>", "GET", "get_document", "One document (with its stored text)", "Documents", "read",
                    responses={200: one(ref("Document"))}))  # fmt: skip
def get_document(user: User, document_id: int) -> Any:
    return jsonify(
        {"data": document_data(document_service.get_document(db(), document_id), full_text=True)}
    )


@api_route(Endpoint("/documents/<int:document_id>", "PATCH", "update_document", "Change a document", "Documents", "write", "editor",
                    request=DOCUMENT_BODY | {"required": ["version"]}, responses={200: one(ref("Document"))}))  # fmt: skip
def update_document(user: User, document_id: int) -> Any:
    body = json_body()
    document = document_service.get_document(db(), document_id)
    version = _get(body, "version", int, required=True)
    current = document_data(document)
    try:
        document_service.update_document(
            db(), user, document_id, version, _document_input(body, document)
        )
    except StaleEdit as error:
        raise _stale(error, current) from error
    db().flush()
    return jsonify({"data": document_data(document_service.get_document(db(), document_id))})


# ----------------------------------------------------------------------------- audit, export, the document itself


@api_route(Endpoint("/audit", "GET", "audit", "Audit findings for everything, or for claims, a document or a source", "Audit", "read",
                    responses={200: {"type": "object", "required": ["data", "meta"], "properties": {"data": {"type": "array", "items": ref("Finding")}, "meta": {"type": "object"}}}},
                    query=(("rule", {"type": "string", "enum": list(RULES)}, "Only this rule"), ("claim", _ID, "Only this claim"),
                           ("document", _ID, "A document and its claims"), ("source", _ID, "Claims attributed to a source"))))  # fmt: skip
def audit(user: User) -> Any:
    rule = request.args.get("rule", "")
    if rule and rule not in RULES:
        raise ValidationFailed(
            "Unknown rule.", {"rule": "Choose one of: " + ", ".join(RULES) + "."}
        )
    claim_id, document_id, source_id = (
        _int_arg(name, maximum=MAX_ID) for name in ("claim", "document", "source")
    )
    scope = None
    if claim_id is not None or document_id is not None or source_id is not None:
        scope = [claim_id] if claim_id is not None else []
        if document_id is not None or source_id is not None:
            scope += claim_service.matching_claim_ids(
                db(), ClaimFilters(document_id=document_id, source_id=source_id)
            )
    report = kept_audit(scope, [document_id] if document_id is not None else []).report
    findings = [f for f in report.findings if not rule or f.rule == rule]
    return jsonify({"data": [f.to_json() for f in findings],
                    "meta": {"claims": report.claims_checked, "documents": report.documents_checked, "quotes": report.quotes_checked}})  # fmt: skip


@api_route(Endpoint("/export", "GET", "export_citations", "Export citations (the body is the file itself)", "Export", "read",
                    responses={200: {"description": "The exported file: JSON for csl-json and claimreview, text otherwise"}}, media_types=EXPORT_MEDIA_TYPES,
                    query=(("format", {"type": "string", "enum": list(FORMATS)}, "Format"), ("as", {"type": "string", "enum": ["text", "markdown", "html"]}, "For formatted references"),
                           ("claim", _ID, "A claim (repeatable)"), ("document", _ID, "A document (repeatable)"))))  # fmt: skip
def export_citations(user: User) -> Any:
    format_name = request.args.get("format", "csl-json")
    claims = [int(v) for v in request.args.getlist("claim") if v.isdigit() and int(v) <= MAX_ID]
    documents = [
        int(v) for v in request.args.getlist("document") if v.isdigit() and int(v) <= MAX_ID
    ]
    selected = (claims or None, documents or None) if claims or documents else (None, None)
    if claims and not documents:
        selected = (claims, [])
    elif documents and not claims:
        selected = ([], documents)
    config = current_app.config
    result = export(db(), format_name, claim_ids=selected[0], document_ids=selected[1], output=request.args.get("as", ""),
                    settings=ExportSettings(config["PUBLISHER_NAME"], config["PUBLISHER_URL"], config["BASE_URL"]))  # fmt: skip
    return Response(
        result.content,
        mimetype=result.mimetype,
        headers={"Content-Disposition": f'inline; filename="{result.filename}"'},
    )


def openapi_document() -> Any:
    """The OpenAPI description, built from the declared endpoints (so it cannot drift from them)."""
    return jsonify(openapi())


def reference_page() -> Any:
    """A readable reference of the API, from the same declarations."""
    spec = openapi()
    return render_template("api/reference.html", spec=spec)


def register_documents(bp) -> None:
    bp.add_url_rule("/openapi.json", "openapi", openapi_document)
    bp.add_url_rule("/", "reference", reference_page)


register_documents(bp)
