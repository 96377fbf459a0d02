"""Export the current selection with a preview and a copy button; import reference files."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice

from factdb import importer
from factdb.errors import ValidationFailed
from factdb.export import CLAIM_REPORT_STYLES, FORMATS, Export, ExportSettings, export
from factdb.export.formatted import RenderError
from factdb.export.scope import ExportScope, export_scope
from factdb.export.warming import keep_after_import
from factdb.importer.summary import Tally, imported, previewed
from factdb.jobs.app import job_queue
from factdb.vocab import Role
from factdb.web.auth import current_user, role_required
from factdb.web.database import db, reading_from_here, streamed
from factdb.web.filters import query_args
from factdb.web.forms import form_page
from factdb.web.params import filters_from_request, record_ids
from factdb.wording import counted

bp = Blueprint("exports", __name__)

PREVIEW_LIMIT = 200_000


def _settings() -> ExportSettings:
    config = current_app.config
    return ExportSettings(
        publisher_name=config["PUBLISHER_NAME"],
        publisher_url=config["PUBLISHER_URL"],
        base_url=config["BASE_URL"] or request.host_url.rstrip("/"),
        base_url_guessed=not config["BASE_URL"],
    )


def _selection() -> tuple[ExportScope, str]:
    """Ticked claims, one document, or the claims list as filtered (everything when unfiltered)."""
    ticked = record_ids(request.args.getlist("claim"))
    if ticked:
        label = counted(len(ticked), "selected claim")
        return export_scope(db(), claim_ids=ticked), label
    # `document` names documents in the API; the claims list's filter takes one, so two or
    # more are a selection of documents, as `document_only` (a document page's) is.
    named = request.args.getlist("document")
    documents = record_ids(
        request.args.getlist("document_only") + (named if len(named) > 1 else [])
    )
    if len(documents) == 1:
        return export_scope(db(), document_ids=documents), "this document"
    if documents:
        return export_scope(db(), document_ids=documents), counted(
            len(documents), "selected document"
        )
    scope = export_scope(db(), filters=filters_from_request())
    if scope.everything:
        return scope, "the whole database"
    return scope, f"{counted(len(scope.claim_ids or []), 'claim')} matching the filters"


def _run(first_batch: bool = False) -> tuple[Any, str, str, str]:
    format_name = request.args.get("format", "apa")
    if format_name not in FORMATS:
        format_name = "apa"
    fmt = FORMATS[format_name]
    output = request.args.get("as", "")
    output = output if output in fmt.outputs else (fmt.outputs[0] if fmt.outputs else "")
    style = request.args.get("style", "chicago-notes")
    style = style if style in CLAIM_REPORT_STYLES else "chicago-notes"
    selection, scope = _selection()
    result = export(
        db(),
        format_name,
        claim_ids=selection.claim_ids,
        document_ids=selection.document_ids,
        output=output,
        style=style,
        settings=_settings(),
        first_batch=first_batch,
    )
    return result, format_name, output, scope


def _head(result: Export, limit: int) -> tuple[str, bool]:
    """The start of an export, reading no more of it than the preview shows."""
    pieces: list[str] = []
    size = 0
    for chunk in result.chunks:
        pieces.append(chunk)
        size += len(chunk)
        if size > limit:
            return "".join(pieces)[:limit], True
    return "".join(pieces), False


#: Said instead of offering a file that holds nothing.
NOTHING_TO_EXPORT = (
    "Nothing to export: the selection holds no claim or document for this format. "
    "Change the filters, or tick what to export."
)


@bp.route("/export")
def preview() -> Any:
    """Show an export of the selection, ready to copy or download."""
    try:
        result, format_name, output, scope = _run(first_batch=True)
        content, truncated = _head(result, PREVIEW_LIMIT)
        truncated = truncated or result.partial
    except (ValidationFailed, RenderError) as error:
        return render_template("exports/error.html", message=str(error)), 422
    args = query_args(flat=False)
    return render_template(
        "exports/preview.html",
        result=result,
        content=content,
        truncated=truncated,
        formats=FORMATS,
        format_name=format_name,
        output=output,
        styles=CLAIM_REPORT_STYLES,
        scope=scope,
        hidden={
            key: values for key, values in args.items() if key not in ("format", "as", "style")
        },
        download_url=url_for("exports.download", **args),
        nothing=NOTHING_TO_EXPORT if not result.count else "",
    )


@bp.route("/export/download")
def download() -> Any:
    """The same export as a file."""
    try:
        result, _, _, _ = _run()
        # The first piece is written before the answer starts, so that a format that
        # cannot be written at all still gets its error page.
        first = next(result.chunks, "")
    except (ValidationFailed, RenderError) as error:
        return render_template("exports/error.html", message=str(error)), 422
    if not result.count:
        return render_template("exports/error.html", message=NOTHING_TO_EXPORT), 422
    charset = "; charset=utf-8" if result.mimetype.startswith(("text/", "application/")) else ""

    def body() -> Any:
        yield first.encode("utf-8")
        for chunk in result.chunks:
            yield chunk.encode("utf-8")

    return Response(
        streamed(body()),
        mimetype=result.mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{result.filename}"',
            "Content-Type": result.mimetype + charset,
        },
    )


#: Most references one import in the browser previews and writes (its request does the work).
MAX_REFERENCES = 2_000


class ImportForm(FlaskForm):
    file = FileField("Reference file")
    format = SelectField(
        "Format",
        choices=[
            SelectChoice("", "Detect from the file"),
            *(SelectChoice(f, f) for f in importer.FORMATS),
        ],
        default="",
    )
    submit = SubmitField("Preview import")


class ConfirmImportForm(FlaskForm):
    content = TextAreaField()
    format = HiddenField()
    #: "1" when the entries that cannot be imported are left out (the user chose so).
    skip_invalid = HiddenField()
    submit = SubmitField("Import these references")


def _read(text: str, format_name: str, skip_invalid: bool) -> importer.Reading:
    return importer.read(text, format_name, most=MAX_REFERENCES, skip_invalid=skip_invalid)


def _refused(text: str, format_name: str, error: importer.ImportFailed, form: FlaskForm) -> Any:
    """Name the problems; offer to import the other entries when some could be (the refusal
    counts them: reading the file again to learn it doubled a slow request)."""
    skip = None
    if error.readable:
        skip = ConfirmImportForm(formdata=None, content=text, format=format_name, skip_invalid="1")
        skip.submit.label.text = "Preview the other entries, skipping these"
    return render_template(
        "exports/import.html", form=form, problems=error.problems, skip=skip
    ), 422


def _preview(text: str, format_name: str, filename: str, skip_invalid: bool) -> Any:
    session = reading_from_here()  # a preview writes nothing: others may write meanwhile
    try:
        reading = _read(text, format_name, skip_invalid)
        items = importer.plan(session, reading.references)
    except importer.ImportFailed as error:
        session.rollback()
        return _refused(text, format_name, error, ImportForm(formdata=None))
    confirm = ConfirmImportForm(
        formdata=None, content=text, format=format_name, skip_invalid="1" if skip_invalid else ""
    )
    return render_template(
        "exports/import_preview.html",
        items=items,
        lead=previewed(Tally.of(items)),
        people=importer.same_people_summary(items),
        skipped=reading.skipped,
        confirm=confirm,
        filename=filename,
    )


@bp.route("/import", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def import_references() -> Any:
    """Upload a BibTeX, RIS or CSL-JSON file and preview what it would create or match."""
    form = ImportForm()
    if not form.validate_on_submit():
        return form_page("exports/import.html", form)
    upload = form.file.data
    if upload is None or not upload.filename:
        form.file.errors = ["Choose a .bib, .ris or .json file."]
        return render_template("exports/import.html", form=form), 422
    try:
        text = importer.decode(upload.read())
        format_name = form.format.data or importer.detect_format(text, upload.filename)
    except importer.ImportFailed as error:
        return render_template("exports/import.html", form=form, problems=error.problems), 422
    return _preview(text, format_name, upload.filename, skip_invalid=False)


@bp.route("/import/skipping", methods=["POST"])
@role_required(Role.EDITOR)
def preview_skipping() -> Any:
    """Preview a refused file again, leaving out the entries that cannot be imported."""
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        return redirect(url_for("exports.import_references"))
    return _preview(form.content.data or "", form.format.data or "", "", skip_invalid=True)


@bp.route("/import/confirm", methods=["POST"])
@role_required(Role.EDITOR)
def confirm_import() -> Any:
    """Write the previewed import, all of it in one transaction."""
    form = ConfirmImportForm()
    session = db()
    if not form.validate_on_submit():
        return redirect(url_for("exports.import_references"))
    try:
        reading = _read(
            form.content.data or "", form.format.data or "", form.skip_invalid.data == "1"
        )
        items = importer.plan(session, reading.references)
        result = importer.apply(session, current_user(), items)
        keep_after_import(job_queue(), session, current_user(), len(result.created))
    except importer.ImportFailed as error:
        session.rollback()
        return render_template(
            "exports/import.html", form=ImportForm(formdata=None), problems=error.problems
        ), 422
    session.commit()
    people = importer.same_people_summary(items)
    done = imported(Tally.of(items), len(reading.skipped))
    flash(f"{done} {people}." if people else done, "success")
    return redirect(url_for("documents.index"))
