"""Documents through the API."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request, url_for

from factdb import documents as document_service
from factdb.api.bodies import CURSORS, DOCUMENT_BODY, MAX_PER_PAGE, PAGING, STRING
from factdb.api.parsing import (
    body_values,
    created,
    get_field,
    int_arg,
    page_meta,
    with_current,
)
from factdb.api.routing import api_route, json_body
from factdb.api.spec import Endpoint, one, page_of, ref
from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput
from factdb.errors import StaleEdit, ValidationFailed
from factdb.keyset import MAX_CURSOR
from factdb.models import Document, User
from factdb.serializers import (
    document_data,
)
from factdb.text import clean
from factdb.vocab import DocumentType
from factdb.web.database import db


def _document_input(body: dict[str, Any], current: Document | None = None) -> DocumentInput:
    """The body over the document's present values; the domain validates the result."""
    values: dict[str, Any] = (
        # A new document without a title is the domain's to refuse ("Give the document a title").
        DOCUMENT.values(current) if current else {"doc_type": DocumentType.OTHER, "title": ""}
    )
    values["authors"] = [author.source_id for author in current.authors] if current else []
    return DocumentInput(**body_values(DOCUMENT, body, values))


@api_route(Endpoint("/documents", "GET", "list_documents", "List documents", "Documents", "read", responses={200: page_of("Document")},
                    query=(("q", STRING, "Title or outlet contains"), ("type", {"type": "string", "enum": [t.value for t in DocumentType]}, "Type"), *PAGING, *CURSORS)))  # fmt: skip
def list_documents(user: User) -> Any:
    doc_type = request.args.get("type", "")
    if doc_type and doc_type not in DocumentType._value2member_map_:
        raise ValidationFailed(
            "Unknown type.",
            {"type": "Choose one of: " + ", ".join(t.value for t in DocumentType) + "."},
        )
    page = document_service.list_documents(db(), q=clean(request.args.get("q", ""))[:300], doc_type=doc_type,
                                           page=int_arg("page", 1, maximum=10**9) or 1, size=int_arg("per_page", 25, maximum=MAX_PER_PAGE) or 25,
                                           after=request.args.get("after", "")[:MAX_CURSOR], before=request.args.get("before", "")[:MAX_CURSOR])  # fmt: skip
    return jsonify(
        {
            "data": [document_data(row.document) for row in page.items],
            "meta": {
                **page_meta(page),
                "next_after": page.next_cursor,
                "previous_before": page.previous_cursor,
            },
        }
    )


@api_route(Endpoint("/documents", "POST", "create_document", "Add a document", "Documents", "write", "editor", request=DOCUMENT_BODY,
                    responses={201: one(ref("Document"))}))  # fmt: skip
def create_document(user: User) -> Any:
    document = document_service.create_document(db(), user, _document_input(json_body()))
    db().flush()
    document = document_service.get_document(db(), document.id)
    return created(document_data(document), url_for("api.get_document", document_id=document.id))


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
    version = get_field(body, "version", int, required=True)
    current = document_data(document)
    try:
        document_service.update_document(
            db(), user, document_id, version, _document_input(body, document)
        )
    except StaleEdit as error:
        raise with_current(error, current) from error
    db().flush()
    return jsonify({"data": document_data(document_service.get_document(db(), document_id))})
