"""Import reference files: preview what they would create or match, then write them.

A big file is read and written by background jobs (factdb.importer.jobs), whose pages reload
themselves until the job ends; a small one in the request, as it takes well under 2 s.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from markupsafe import Markup
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice

from factdb import importer
from factdb.export.warming import keep_after_import
from factdb.importer.jobs import (
    MAX_REFERENCES,
    PREVIEW_KIND,
    WRITE_KIND,
    Preview,
    confirm_params,
    confirmed_by,
    import_params,
    needs_background,
    refused_problems,
)
from factdb.importer.summary import Tally, imported
from factdb.jobs.app import job_queue
from factdb.models import Job, JobState
from factdb.vocab import Role
from factdb.web.auth import current_user, role_required
from factdb.web.database import db, reading_from_here
from factdb.web.forms import form_page, whole_number
from factdb.web.jobs import CancelForm, cancellable

bp = Blueprint("imports", __name__)


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
    #: A big file's preview job: its text stays with the job, not in the page.
    job = HiddenField()
    submit = SubmitField("Import these references")


def _read(
    text: str, format_name: str, skip_invalid: bool, recoded: dict[int, str] | None = None
) -> importer.Reading:
    return importer.read(
        text, format_name, most=MAX_REFERENCES, skip_invalid=skip_invalid, recoded=recoded
    )


def _refused(problems: list[importer.ImportProblem], skip: ConfirmImportForm | None) -> Any:
    """Name the problems; offer to import the other entries when some could be (the refusal
    counts them: reading the file again to learn it doubled a slow request)."""
    if skip is not None:
        skip.submit.label.text = "Preview the other entries, skipping these"
    form = ImportForm(formdata=None)
    return render_template("exports/import.html", form=form, problems=problems, skip=skip), 422


def _in_background(kind: str, params: dict[str, Any]) -> Any:
    """Hand the file to a job and show its page, which reloads itself until the job ends."""
    job = job_queue().submit(db(), kind, params, current_user())
    db().commit()
    page = "imports.reading" if kind == PREVIEW_KIND else "imports.writing"
    return redirect(url_for(page, job_id=job.id))


def _preview(
    text: str,
    format_name: str,
    filename: str,
    skip_invalid: bool,
    recoded: dict[int, str] | None = None,
) -> Any:
    """Preview a file's import; `recoded` names the lines read as Windows-1252, for notes."""
    if needs_background(text):
        return _in_background(
            PREVIEW_KIND, import_params(text, format_name, filename, skip_invalid, recoded)
        )
    session = reading_from_here()  # a preview writes nothing: others may write meanwhile
    try:
        reading = _read(text, format_name, skip_invalid, recoded)
        items = importer.plan(session, reading.references)
    except importer.ImportFailed as error:
        session.rollback()
        skip = None
        if error.readable:
            skip = ConfirmImportForm(
                formdata=None, content=text, format=format_name, skip_invalid="1"
            )
        return _refused(error.problems, skip)
    confirm = ConfirmImportForm(
        formdata=None, content=text, format=format_name, skip_invalid="1" if skip_invalid else ""
    )
    preview = Preview.of(items, reading.skipped)
    return render_template(
        "exports/import_preview.html", preview=preview, confirm=confirm, filename=filename
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
        found = importer.decode_file(upload.read())
        format_name = form.format.data or importer.detect_format(found.text, upload.filename)
    except importer.ImportFailed as error:
        return render_template("exports/import.html", form=form, problems=error.problems), 422
    return _preview(
        found.text, format_name, upload.filename, skip_invalid=False, recoded=found.recoded
    )


def _own_job(job_id: int | None, kinds: tuple[str, ...]) -> Job:
    """The current user's import job `job_id`; 404 for anyone else's, or none."""
    job = db().get(Job, job_id) if job_id else None
    if job is None or job.kind not in kinds or job.created_by_id != current_user().id:  # type: ignore[union-attr]
        abort(404)
    return job


def _job_page(job: Job) -> Any:
    """An unfinished import job's progress (or how it stopped, when not for the file's faults)."""
    return render_template(
        "exports/import_job.html",
        job=job,
        cancellable=cancellable([job]),
        cancel=CancelForm(formdata=None, next=request.path),
    )


def _refused_job(job: Job) -> Any | None:
    """A job that refused the file: its problems, line by line, as a request names them."""
    problems, readable = refused_problems(job.result)
    if job.state is not JobState.FAILED or not problems:
        return None
    skip = ConfirmImportForm(formdata=None, job=str(job.id)) if readable else None
    return _refused(problems, skip)


@bp.route("/import/reading/<int:job_id>")
@role_required(Role.EDITOR)
def reading(job_id: int) -> Any:
    """A big file read in the background: its progress, then the preview (or its problems)."""
    job = _own_job(job_id, (PREVIEW_KIND,))
    if job.state is JobState.DONE and job.result:
        confirm = ConfirmImportForm(formdata=None, job=str(job.id))
        preview = Preview.from_storage(job.result)
        filename = job.params.get("filename", "")
        return render_template(
            "exports/import_preview.html", preview=preview, confirm=confirm, filename=filename
        )
    return _refused_job(job) or _job_page(job)


@bp.route("/import/writing/<int:job_id>")
@role_required(Role.EDITOR)
def writing(job_id: int) -> Any:
    """A big file imported in the background: its progress, then the documents list."""
    job = _own_job(job_id, (WRITE_KIND,))
    if job.state is JobState.DONE:
        _flash_imported(job.message or "", (job.result or {}).get("merges", []))
        return redirect(url_for("documents.index"))
    return _refused_job(job) or _job_page(job)


def _job_params(form: ConfirmImportForm, **changes: Any) -> dict[str, Any] | None:
    """The file a form names by its job (None when the form carries the file itself)."""
    if not form.job.data:
        return None
    job = _own_job(whole_number(form.job.data), (PREVIEW_KIND, WRITE_KIND))
    return {**job.params, **changes}


@bp.route("/import/skipping", methods=["POST"])
@role_required(Role.EDITOR)
def preview_skipping() -> Any:
    """Preview a refused file again, leaving out the entries that cannot be imported."""
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        return redirect(url_for("imports.import_references"))
    params = _job_params(form, skip_invalid=True)
    if params is not None:
        return _in_background(PREVIEW_KIND, params)
    return _preview(form.content.data or "", form.format.data or "", "", skip_invalid=True)


@bp.route("/import/confirm", methods=["POST"])
@role_required(Role.EDITOR)
def confirm_import() -> Any:
    """Write the previewed import, all of it in one transaction."""
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        return redirect(url_for("imports.import_references"))
    text, format_name = form.content.data or "", form.format.data or ""
    skip_invalid = form.skip_invalid.data == "1"
    if form.job.data:
        preview = _own_job(whole_number(form.job.data), (PREVIEW_KIND,))
        if (done := confirmed_by(db(), preview.id)) is not None:
            return redirect(url_for("imports.writing", job_id=done))
        return _in_background(WRITE_KIND, confirm_params(preview))
    if needs_background(text):
        return _in_background(WRITE_KIND, import_params(text, format_name, "", skip_invalid))
    session = db()
    try:
        reading = _read(text, format_name, skip_invalid)
        items = importer.plan(session, reading.references)
        result = importer.apply(session, current_user(), items)
        keep_after_import(job_queue(), session, current_user(), len(result.created))
    except importer.ImportFailed as error:
        session.rollback()
        return _refused(error.problems, None)
    session.flush()
    merges = importer.merge_suggestions(session, items)
    session.commit()
    people = importer.same_people_summary(items)
    done = imported(Tally.of(items), len(reading.skipped))
    _flash_imported(f"{done} {people}." if people else done, merges)
    return redirect(url_for("documents.index"))


#: Merges offered by link after an import; the rest are in the notes and on sources' pages.
MERGES_LINKED = 20


def _flash_imported(message: str, merges: list[dict[str, Any]]) -> None:
    """Say what an import did, with a link to each merge it leaves to check: the preview's
    notes named sources before the new ones existed, so they could link only to pages."""
    flash(message, "success")
    if not merges:
        return
    link = Markup('<a href="{}">Merge {} into {}…</a>')
    links = [
        link.format(url_for("sources.merge", source_id=merge["id"], into_id=into["id"]),
                    merge["name"], into["name"])
        for merge in merges for into in merge["into"]
    ][:MERGES_LINKED]  # fmt: skip
    flash(Markup("Check whether they are one: ") + Markup("; ").join(links) + ".", "info")
