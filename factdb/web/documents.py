"""Document pages: the list, one document with its citation data and claims, the form."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm

from factdb import documents as document_service
from factdb.capture.evidence import document_evidence
from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput, document_detail
from factdb.errors import NotFound
from factdb.history import changes_for
from factdb.keyset import MAX_CURSOR
from factdb.models import Document
from factdb.text import clean
from factdb.vocab import DocumentType, Role
from factdb.web.audit import findings_for
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.forms import fill_form, form_version, record_form, record_values, save_form
from factdb.web.params import page_number

bp = Blueprint("documents", __name__, url_prefix="/documents")


#: The document form: one field per declared field (factdb.declarations.document).
DocumentForm = record_form(DOCUMENT, "Save document")


def _load(document_id: int) -> Document:
    try:
        return document_service.get_document(db(), document_id)
    except NotFound:
        abort(404, description=f"There is no document {document_id}.")


@bp.route("/")
def index() -> Any:
    """List documents, newest first, filtered by title or outlet and type."""
    doc_type = request.args.get("type", "")
    page_arg = request.args.get("page", "")
    page = document_service.list_documents(
        db(),
        q=clean(request.args.get("q", ""))[:300],
        doc_type=doc_type if doc_type in DocumentType._value2member_map_ else "",
        page=page_number(page_arg),
        size=current_app.config["PAGE_SIZE"],
        after=request.args.get("after", "")[:MAX_CURSOR],
        before=request.args.get("before", "")[:MAX_CURSOR],
    )
    return render_template("documents/list.html", page=page)


@bp.route("/<int:document_id>")
def detail(document_id: int) -> Any:
    """Show a document's citation data and the claims cited from it."""
    document = _load(document_id)
    session = db()
    page_arg = request.args.get("page", "")
    citations = document_service.citations_in_document(
        session,
        document_id,
        page=page_number(page_arg),
        size=current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "documents/detail.html",
        document=document,
        citations=citations,
        findings=findings_for(sorted({c.claim_id for c in citations.items}), [document_id]),
        changes=changes_for(session, "document", document_id),
        evidence=document_evidence(session, document),
    )


def _input(form: FlaskForm) -> DocumentInput:
    return DocumentInput(**record_values(DOCUMENT, form))


def _fill(form: FlaskForm, document: Document) -> None:
    form.version.data = str(document.version)
    fill_form(DOCUMENT, form, document)
    form.authors.data = "\n".join(author.source.name for author in document.authors)


def _save(form: FlaskForm, document: Document | None) -> Document:
    if document is None:
        return document_service.create_document(db(), current_user(), _input(form))
    return document_service.update_document(
        db(), current_user(), document.id, form_version(form.version.data), _input(form)
    )  # type: ignore[arg-type]


def _handle(form: FlaskForm, document: Document | None) -> Any:
    outcome = save_form(
        form,
        lambda: _save(form, document),
        current=(lambda: _load(document.id)) if document else None,
    )
    if outcome.saved is not None:
        flash(f"Document “{outcome.saved.title}” saved.", "success")
        return redirect(url_for("documents.detail", document_id=outcome.saved.id))
    return render_template(
        "documents/form.html", form=form, document=document, stale=outcome.stale
    ), outcome.status


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def create() -> Any:
    """Add a document."""
    return _handle(DocumentForm(), None)


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def edit(document_id: int) -> Any:
    """Edit a document; a save over someone else's newer save is refused."""
    document = _load(document_id)
    form = DocumentForm()
    if request.method == "GET":
        _fill(form, document)
    return _handle(form, document)


@bp.route("/suggest.json")
def suggest() -> Any:
    """Documents whose title contains `q`, for the claim form's document field."""
    matches = document_service.suggest_documents(db(), clean(request.args.get("q", ""))[:300])
    return jsonify(
        [
            {
                "id": doc.id,
                "title": doc.title,
                "name": doc.title,
                "label": doc.title,
                "detail": document_detail(doc),
            }
            for doc in matches
        ]
    )
