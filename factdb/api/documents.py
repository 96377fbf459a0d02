"""Documents through the API."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from factdb import documents as document_service
from factdb.api.bodies import CURSORS, DOCUMENT_BODY, PAGING, STRING
from factdb.api.parsing import choice_arg, document_input, list_page, list_window
from factdb.api.records import RecordWrites
from factdb.api.routing import api_route
from factdb.api.spec import Endpoint, one, page_of, ref
from factdb.document_entry import DocumentEntry
from factdb.json_schema import enum_of
from factdb.models import User
from factdb.serializers import document_data
from factdb.vocab import DocumentType
from factdb.web.database import db
from factdb.web.params import search_text

#: `?different=true` says the document is another one, whatever it resembles.
_ENTRY = DocumentEntry(lambda: request.args.get("different") == "true")


_WRITES = RecordWrites(
    noun="document",
    get=document_service.get_document,
    create=_ENTRY.add,
    update=_ENTRY.edit,
    read=document_input,
    data=document_data,
)


@api_route(Endpoint("/documents", "GET", "list_documents", "List documents", "Documents", "read", responses={200: page_of("Document")},
                    query=(("q", STRING, "Title or outlet contains"), ("type", enum_of(DocumentType), "Type"), *PAGING, *CURSORS)))  # fmt: skip
def list_documents(user: User) -> Any:
    page = document_service.list_documents(
        db(), q=search_text(), doc_type=choice_arg("type", DocumentType), **list_window()
    )
    return list_page(page, lambda row: document_data(row.document))


@api_route(Endpoint("/documents", "POST", "create_document", "Add a document", "Documents", "write", "editor", request=DOCUMENT_BODY,
                    responses={201: one(ref("Document"))},
                    query=(("different", {"type": "string", "enum": ["true"]}, "Save it even if the same document is recorded (409 already_recorded names it): you are sure it is another"),)))  # fmt: skip
def create_document(user: User) -> Any:
    return _WRITES.add(user)


@api_route(Endpoint("/documents/<int:document_id>", "GET", "get_document", "One document (with its stored text)", "Documents", "read",
                    responses={200: one(ref("Document"))}))  # fmt: skip
def get_document(user: User, document_id: int) -> Any:
    return jsonify(
        {"data": document_data(document_service.get_document(db(), document_id), full_text=True)}
    )


@api_route(Endpoint("/documents/<int:document_id>", "PATCH", "update_document", "Change a document", "Documents", "write", "editor",
                    request=DOCUMENT_BODY | {"required": ["version"]}, responses={200: one(ref("Document"))},
                    query=(("different", {"type": "string", "enum": ["true"]}, "Save it even if the changes make it a recorded document (409 already_recorded names it): you are sure it is another"),)))  # fmt: skip
def update_document(user: User, document_id: int) -> Any:
    return _WRITES.change(user, document_id)
