"""Capture pages: paste a link, review the filled document, keep and download the evidence,
recheck a document, and cite a passage of its stored text."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from factdb import documents as document_service
from factdb.capture.archive import archiving_enabled
from factdb.capture.cite import Passage, cite_passage
from factdb.capture.service import attach, document_input, get_capture, warc_bytes
from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM
from factdb.declarations.document import DOCUMENT
from factdb.declarations.field import Field
from factdb.declarations.source import SOURCE
from factdb.errors import NotFound, ValidationFailed
from factdb.jobs.app import job_queue
from factdb.models import Document
from factdb.models.base import MAX_ID
from factdb.vocab import Relation, Role
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.documents import DocumentForm, _input
from factdb.web.forms import choices, fill_form, form_page, save_form, web_url, whole_number
from factdb.web.once import once_token_field, repeated_answer
from factdb.web.params import record_id

bp = Blueprint("capture", __name__, url_prefix="/documents")


def _declared(field: Field) -> Length:
    """The field's declared limit and its message, as the record's own validation has them."""
    return Length(max=field.max_length, message=field.too_long_message())


class CaptureForm(FlaskForm):
    url = StringField(
        "Web address of the page or PDF",
        validators=[DataRequired("Paste the page's address."), _declared(DOCUMENT["url"]), web_url],
        description="factdb fetches it, reads its title, authors, date and text, and keeps a copy as evidence.",
    )
    quote = HiddenField()
    submit = SubmitField("Capture")


class CiteForm(FlaskForm):
    once_token = once_token_field()
    quote = TextAreaField(
        "Quote",
        validators=[
            DataRequired("Select or paste the words to cite."),
            _declared(CITATION["quote"]),
        ],
    )
    start = HiddenField()
    claim = IntegerField(
        "Claim number",
        validators=[Optional(), NumberRange(min=1, max=MAX_ID)],
        description="An existing claim this passage bears on, or leave empty and write a new claim below.",
    )
    claim_text = TextAreaField(
        "New claim",
        validators=[_declared(CLAIM["text"])],
    )
    speaker = StringField(
        "Speaker",
        validators=[_declared(SOURCE["name"])],  # a new speaker becomes a source of that name
        description="Whose words these are; empty when the document says it itself.",
    )
    relation = SelectField("Relation", choices=choices(Relation), default=Relation.ASSERTS.value)
    locator = StringField(
        "Locator",
        validators=[_declared(CITATION["locator"])],
        description="Paragraph, page or time stamp.",
    )
    submit = SubmitField("Cite this passage")


@bp.route("/capture", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def capture() -> Any:
    """Paste a link: factdb fetches and reads it in the background, then shows the filled form."""
    form = CaptureForm()
    if request.method == "GET":
        form.url.data = request.args.get("url", "")
        form.quote.data = request.args.get("quote", "")  # its limit: the cite form, later
    if form.validate_on_submit():
        params: dict[str, Any] = {"url": form.url.data.strip()}
        if form.quote.data:
            params["quote"] = form.quote.data
        job = job_queue().submit(db(), "capture", params, current_user())
        db().commit()
        return redirect(url_for("jobs.detail", job_id=job.id, follow=1))
    return form_page("capture/new.html", form)


@bp.route("/from-capture/<int:capture_id>", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def review(capture_id: int) -> Any:
    """The document as the page describes itself, for the user to check before saving."""
    captured = get_capture(db(), capture_id)
    if captured.document_id is not None:
        return redirect(url_for("documents.detail", document_id=captured.document_id))
    form = DocumentForm()
    if request.method == "GET":
        data = document_input(
            captured.page_metadata,
            captured.text,
            str(captured.page_metadata.get("citation_url") or captured.final_url),
            captured.fetched_at.date(),
        )
        fill_form(DOCUMENT, form, data)
        form.authors.data = "\n".join(str(a) for a in data.authors)

    def save() -> Document:
        document = document_service.create_document(db(), current_user(), _input(form))
        attach(db(), captured, document)
        return document

    outcome = save_form(form, save)
    if outcome.saved is not None:
        document = outcome.saved
        if archiving_enabled(current_app.config):
            job_queue().submit(db(), "archive", {"capture_id": captured.id}, current_user())
            db().commit()
        flash(f"Document “{document.title}” saved with its captured evidence.", "success")
        quote = request.args.get("quote", "")
        if quote:
            return redirect(url_for("capture.cite", document_id=document.id, quote=quote))
        return redirect(url_for("documents.detail", document_id=document.id))
    return render_template(
        "documents/form.html", form=form, document=None, stale=None, capture=captured
    ), outcome.status


@bp.route("/<int:document_id>/captures/<int:capture_id>.warc.gz")
def warc(document_id: int, capture_id: int) -> Any:
    """Download a capture's WARC file, the evidence of what the page said."""
    captured = get_capture(db(), capture_id)
    if captured.document_id != document_id:
        abort(404, description="That capture belongs to another document.")
    content = warc_bytes(captured, current_app.config)
    if content is None:
        abort(404, description=captured.warc_note or "The WARC file of this capture is not kept.")
    name = f"factdb-document-{document_id}-capture-{capture_id}.warc.gz"
    return Response(
        content,
        mimetype="application/warc",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/<int:document_id>/recheck", methods=["POST"])
@role_required(Role.EDITOR)
def recheck(document_id: int) -> Any:
    """Visit the document's address again now (a background job)."""
    document = document_service.get_document(db(), document_id)
    if not document.url.startswith(("http://", "https://")):
        flash("This document has no web address to check.", "error")
        return redirect(url_for("documents.detail", document_id=document_id))
    job = job_queue().submit(db(), "recheck", {"document_ids": [document_id]}, current_user())
    db().commit()
    return redirect(url_for("jobs.detail", job_id=job.id, follow=1))


@bp.route("/<int:document_id>/cite", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def cite(document_id: int) -> Any:
    """Cite a passage of the stored text: the quote is anchored where it was selected."""
    document = document_service.get_document(db(), document_id)
    form = CiteForm()
    if request.method == "GET":
        form.quote.data = request.args.get("quote", "")  # too long: refused when sent, kept
        form.start.data = request.args.get("start", "")[:12]
        claim_arg = request.args.get("claim", "")
        form.claim.data = record_id(claim_arg)

    def save() -> Any:
        start = form.start.data or ""
        try:
            citation, _anchor = cite_passage(
                db(),
                current_user(),  # type: ignore[arg-type]
                Passage(
                    document_id=document.id,
                    quote=form.quote.data or "",
                    claim_id=form.claim.data,
                    claim_text=form.claim_text.data or "",
                    speaker=(form.speaker.data or "").strip(),
                    relation=Relation(form.relation.data),
                    locator=form.locator.data or "",
                    near=whole_number(start),
                ),
            )
        except NotFound as error:
            raise ValidationFailed(error.message, {"claim": error.message}) from error
        except ValidationFailed as error:
            # The claim's own rules name citation fields; show them beside this form's fields.
            error.fields = {_field_name(name): message for name, message in error.fields.items()}
            raise
        return citation

    outcome = save_form(form, save, created=lambda citation: ("claim", citation.claim_id))
    if outcome.repeated is not None:
        return repeated_answer(outcome.repeated)
    if outcome.saved is not None:
        flash("Passage cited.", "success")
        return redirect(url_for("claims.detail", claim_id=outcome.saved.claim_id))
    found = bool(form.quote.data) and form.quote.data.strip() in document.full_text
    return render_template(
        "capture/cite.html", form=form, document=document, found=found
    ), outcome.status


def _field_name(name: str) -> str:
    last = name.rsplit("-", 1)[-1]
    return {"text": "claim_text", "document": "quote"}.get(last, last)


@bp.route("/clip")
@role_required(Role.EDITOR)
def clip() -> Any:
    """Where the bookmarklet lands: cite the selection from a known document, or capture it first."""
    url = request.args.get("url", "")
    quote = request.args.get("quote", "")
    known = document_service.find_document(db(), url) if url else None
    if known is not None:
        return redirect(url_for("capture.cite", document_id=known.id, quote=quote))
    return redirect(url_for("capture.capture", url=url, quote=quote))
