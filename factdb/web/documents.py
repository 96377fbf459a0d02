"""Document pages: the list, one document with its citation data and claims, the form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request
from flask_wtf import FlaskForm

from factdb import documents as document_service
from factdb.declarations.document import DOCUMENT
from factdb.document_entry import DocumentEntry
from factdb.document_page import changes_evidence_and_findings
from factdb.documents import DocumentInput, document_detail
from factdb.models import Document
from factdb.vocab import DocumentType
from factdb.web.database import db
from factdb.web.forms import fill_form, record_form, record_values
from factdb.web.params import choice_arg, list_window, page_number, search_text
from factdb.web.record_pages import RecordPages, suggestion

bp = Blueprint("documents", __name__, url_prefix="/documents")


#: The document form: one field per declared field (factdb.declarations.document).
DocumentForm = record_form(DOCUMENT, "Save document")


@bp.route("/")
def index() -> Any:
    """List documents, newest first, filtered by title or outlet and type."""
    page = document_service.list_documents(
        db(), q=search_text(), doc_type=choice_arg("type", DocumentType), **list_window()
    )
    return render_template("documents/list.html", page=page)


@bp.route("/<int:document_id>")
def detail(document_id: int) -> Any:
    """Show a document's citation data and the claims cited from it."""
    session = db()
    document = document_service.get_document(session, document_id)
    citations = document_service.citations_in_document(
        session,
        document_id,
        page=page_number(request.args.get("page", "")),
        size=current_app.config["PAGE_SIZE"],
    )
    changes, evidence, findings = changes_evidence_and_findings(
        session, document, {c.claim_id for c in citations.items}
    )
    return render_template(
        "documents/detail.html",
        document=document,
        citations=citations,
        findings=findings,
        changes=changes,
        evidence=evidence,
    )


def _input(form: FlaskForm) -> DocumentInput:
    return DocumentInput(**record_values(DOCUMENT, form))


#: The form's "It is a different document" box says it is another one.
_ENTRY = DocumentEntry(lambda: request.form.get("different") == "1")


def _fill(form: FlaskForm, document: Document) -> None:
    fill_form(DOCUMENT, form, document)
    form.authors.data = "\n".join(author.written_name for author in document.authors)


RecordPages(
    noun="document",
    form=DocumentForm,
    get=document_service.get_document,
    fill=_fill,
    read=_input,
    create=_ENTRY.add,
    update=_ENTRY.edit,
    title=lambda document: document.title,
).register(bp)


@bp.route("/suggest.json")
def suggest() -> Any:
    """Documents whose title contains `q`, for the claim form's document field."""
    matches = document_service.suggest_documents(db(), search_text())
    return jsonify(
        [suggestion(doc.id, doc.title, document_detail(doc), title=doc.title) for doc in matches]
    )
