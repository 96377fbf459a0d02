"""The intake pages: paste an article, review what factdb proposes, record what you accept.

The article reader (factdb.intake) is imported by the requests that read or record an
article, not when the app is built: it brings spaCy, about 35 MB that every web worker
carried from its start (174 MB before its first request) though most never read an article.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput, outlet_fields
from factdb.errors import NotFound, ValidationFailed
from factdb.jobs.app import job_queue
from factdb.models import Job
from factdb.models.job import JobState
from factdb.models.limits import MAX_ARTICLE_CHARACTERS
from factdb.receipts import new_form_token
from factdb.vocab import DocumentType, Role, SourceKind
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.forms import (
    apply_errors,
    choices,
    declared_field,
    form_page,
    partial_date,
    typed_names,
    web_url,
    whole_number,
)
from factdb.web.jobs import CancelForm, cancellable
from factdb.web.once import keep_receipt, once_token_field, repeated_answer, saved_before
from factdb.web.params import record_id
from factdb.web.stale_token import keeps_typed_text
from factdb.wording import counted

if TYPE_CHECKING:
    from factdb.intake import AcceptedQuote, IntakeResult, Proposal

bp = Blueprint("intake", __name__, url_prefix="/intake")


class ArticleForm(FlaskForm):
    title = StringField(
        "Title", validators=[DataRequired("Give the article's title."), Length(max=1000)]
    )
    #: The document form's authors field: one per line, read the same way.
    authors = declared_field(DOCUMENT, "authors")
    container_title = StringField("Outlet", validators=[Length(max=500)])
    published = StringField(
        "Published",
        validators=[Optional(), partial_date],
        description="YYYY-MM-DD, YYYY-MM or YYYY; or 5 March 2004.",
    )
    url = StringField("URL", validators=[Optional(), Length(max=2000), web_url])
    doc_type = SelectField(
        "Type", choices=choices(DocumentType), default=DocumentType.NEWS_ARTICLE.value
    )
    text = TextAreaField(
        "Article text or HTML",
        validators=[
            DataRequired("Paste the article."),
            Length(
                max=MAX_ARTICLE_CHARACTERS,
                message="This text is %(length)d characters long; the intake reads at most "
                "%(max)d. Paste the article alone, or split it and read each part.",
            ),
        ],
        description="Paste the text, or the page's HTML: markup, scripts and styles are removed.",
    )
    submit = SubmitField("Find quotes and claims")


class ConfirmForm(FlaskForm):
    title = HiddenField()
    #: Shown on the review page, filled with the authors given or the article's byline.
    authors = declared_field(DOCUMENT, "authors")
    container_title = HiddenField()
    published = HiddenField()
    url = HiddenField()
    doc_type = HiddenField()
    text = HiddenField()
    #: A long article read in the background: its text stays with the job, not in the page.
    job = HiddenField()
    #: The review sent twice (a double click, back and resubmit) records the article once.
    once_token = once_token_field()
    submit = SubmitField("Record the accepted items")


def _document(form: ArticleForm | ConfirmForm) -> DocumentInput:
    doc_type = (
        form.doc_type.data
        if form.doc_type.data in DocumentType._value2member_map_
        else DocumentType.NEWS_ARTICLE.value
    )
    return DocumentInput(
        title=form.title.data or "", doc_type=DocumentType(doc_type),
        **outlet_fields(DocumentType(doc_type), form.container_title.data or ""),
        published=form.published.data or "", url=form.url.data or "", full_text=form.text.data or "",
        authors=typed_names(form.authors.data),
    )  # fmt: skip


def _review(
    proposal: Proposal,
    confirm: ConfirmForm,
    errors: dict[str, str] | None = None,
    number: int | None = None,
) -> str:
    from factdb.intake.review import review_page

    number = number or whole_number(request.values.get("page", "")) or 1
    if errors and "authors" in errors:
        confirm.authors.errors = [errors["authors"]]
    return render_template(
        "intake/review.html",
        proposal=proposal,
        page=review_page(db(), proposal.text, proposal.quotes, proposal.claims, number),
        confirm=confirm,
        kinds=list(SourceKind),
        submitted=request.form if errors is not None else {},
        errors=errors or {},
    )


@bp.route("/", methods=["GET", "POST"])
@keeps_typed_text
@role_required(Role.EDITOR)
def index() -> Any:
    """Paste an article; see its quotes, their speakers and its checkable sentences."""
    from factdb.article_text import prepare
    from factdb.intake import propose
    from factdb.intake.byline import proposed_authors
    from factdb.intake.jobs import KIND as READ_KIND
    from factdb.intake.jobs import needs_background

    form = ArticleForm()
    if not form.validate_on_submit():
        return form_page("intake/form.html", form)
    try:
        text = prepare(form.text.data or "")
        authors = proposed_authors(form.text.data or "", typed_names(form.authors.data))
        form.authors.data = "\n".join(authors)
        if needs_background(text):
            fields = {name: getattr(form, name).data or "" for name in _DOCUMENT_FIELDS}
            job = job_queue().submit(db(), READ_KIND, {**fields, "text": text}, current_user())
            db().commit()
            return redirect(url_for("intake.reading", job_id=job.id))
        proposal = propose(db(), text, _document(form))
    except ValidationFailed as error:
        apply_errors(form, error)
        return render_template("intake/form.html", form=form), 422
    return _review(proposal, _confirm_form(form.data, proposal.text))


_DOCUMENT_FIELDS = ("title", "authors", "container_title", "published", "url", "doc_type")


def _confirm_form(fields: Mapping[str, Any], text: str) -> ConfirmForm:
    return ConfirmForm(
        formdata=None, text=text, **{name: fields.get(name, "") for name in _DOCUMENT_FIELDS}
    )


@bp.route("/reading/<int:job_id>")
@role_required(Role.EDITOR)
def reading(job_id: int) -> Any:
    """A long article read in the background: its progress, then the proposals to review."""
    job = _own_reading(job_id)
    if job.state is not JobState.DONE or not job.result:
        return render_template(
            "intake/reading.html",
            job=job,
            cancellable=cancellable([job]),
            cancel=CancelForm(formdata=None, next=request.path),
        )
    confirm = _confirm_form(job.params, "")
    confirm.job.data = str(job.id)
    return _review(_proposal_of(job, confirm), confirm)


def _own_reading(job_id: int | None) -> Job:
    """The current user's background reading `job_id`; 404 for anyone else's, or none."""
    from factdb.intake.jobs import KIND as READ_KIND

    job = db().get(Job, job_id) if job_id else None
    if job is None or job.kind != READ_KIND or job.created_by_id != current_user().id:  # type: ignore[union-attr]
        abort(404)
    return job


def _proposal_of(job: Job, confirm: ConfirmForm) -> Proposal:
    """What a finished reading proposes, from the stored extraction (never read again)."""
    from factdb.intake import proposal_from
    from factdb.intake.extract import Extraction

    result = job.result or {}
    found = Extraction.from_storage(result.get("extraction", {}))
    confirm.text.data = result.get("text", "")
    proposal = proposal_from(db(), confirm.text.data, found, _document(confirm))
    confirm.text.data = ""
    return proposal


def _indexes(prefix: str) -> list[int]:
    return sorted(
        {
            int(key.split("-")[1])
            for key in request.form
            if key.startswith(prefix) and whole_number(key.split("-")[1]) is not None
        }
    )


def _accepted_quotes() -> list[AcceptedQuote]:
    from factdb.intake import AcceptedQuote

    accepted = []
    for index in _indexes("quote-"):
        if request.form.get(f"accept-{index}") != "on":
            continue
        merge = request.form.get(f"merge-{index}", "").strip().lstrip("#")
        kind = request.form.get(f"kind-{index}", "")
        choice = request.form.get(f"claim-choice-{index}", "write")
        claim_text = request.form.get(f"claim-{index}", "")  # its limit: factdb.intake._check
        joins = None
        if choice == "join":  # the quote number typed; none is the quote above (the box's hint)
            number = whole_number(request.form.get(f"join-{index}", "")[:12])
            joins = number - 1 if number else max(index - 1, 0) if index else index
        if choice == "sentence" and not claim_text.strip():
            claim_text = request.form.get(f"sentence-{index}", "")
        elif choice.startswith("claim:") and record_id(choice[6:]):
            merge = choice[6:]
        accepted.append(
            AcceptedQuote(
                claim_text=claim_text,
                quote=request.form.get(f"quote-{index}", ""),  # their limits: factdb.intake.limits
                speaker=request.form.get(f"speaker-{index}", ""),
                speaker_role=_role(index),
                speaker_kind=SourceKind(kind) if kind in SourceKind._value2member_map_ else None,
                direct=request.form.get(f"direct-{index}") == "1",
                merge_into=record_id(merge),
                article_itself=request.form.get(f"itself-{index}") == "on",
                vague=request.form.get(f"vague-{index}") == "1",
                position=index,
                joins=joins,
            )
        )
    return accepted


def _role(index: int) -> str:
    """The row's role, less the one the page proposed for another speaker than the one named."""
    from factdb.intake.proposed_roles import role_to_record

    form = request.form
    return role_to_record(
        form.get(f"speaker-{index}", ""), form.get(f"role-{index}", ""),
        form.get(f"proposed-speaker-{index}", ""), form.get(f"proposed-role-{index}", ""),
    )  # fmt: skip


def _accepted_claims() -> tuple[list[str], list[int]]:
    """The ticked sentences' words, and the row each stands in on the page."""
    rows = [index for index in _indexes("candidate-") if request.form.get(f"take-{index}") == "on"]
    return [request.form.get(f"candidate-{index}", "") for index in rows], rows


def _on_the_page(problems: dict[str, str], rows: list[int]) -> dict[str, str]:
    """The problems keyed by the page's rows: the n-th ticked sentence is `candidate-<its row>`."""
    named = {}
    for key, message in problems.items():
        kind, _, number = key.partition("-")
        if kind == "candidate" and number.isdigit() and int(number) < len(rows):
            key = f"candidate-{rows[int(number)]}"
        named[key] = message
    return named


def _recorded(result: IntakeResult) -> str:
    """Say what was recorded, what was left out as recorded before, and whose authors stand."""
    if not result.claims and not result.skipped:
        return f"Nothing more was added to the recorded document “{result.document.title}”."
    where = "added to the recorded" if result.merged else "recorded as a new"
    kept = f" {result.skipped} already recorded from it were left out." if result.skipped else ""
    kept += f" {result.authors_note}" if result.authors_note else ""
    return (
        f"{counted(len(result.claims), 'claim')} {where} document “{result.document.title}”.{kept}"
    )


def _next_page(form: ConfirmForm, job: Job | None, number: int, said: str) -> Any:
    """Go on with the next page of a long review, saying what became of this one."""
    from factdb.intake import propose

    flash(f"{said}; here is page {number + 1}.", "success")
    if job is not None:
        return redirect(url_for("intake.reading", job_id=job.id, page=number + 1))
    form.once_token.data = new_form_token()
    return _review(propose(db(), form.text.data or "", _document(form)), form, None, number + 1)


@bp.route("/confirm", methods=["POST"])
@role_required(Role.EDITOR)
def confirm() -> Any:
    """Record the document and every accepted quote and claim, all in one transaction."""
    from factdb.intake import nothing_accepted, propose, record
    from factdb.intake.review import refuse_more_than_a_page

    form = ConfirmForm()
    earlier = saved_before(form)
    if earlier is not None:
        return repeated_answer(earlier)
    if not form.validate_on_submit():
        flash("The review form had expired; paste the article again.", "info")
        return redirect(url_for("intake.index"))
    session = db()
    job = _own_reading(whole_number(form.job.data or "")) if form.job.data else None
    if job is not None:
        form.text.data = (job.result or {}).get("text", "")
    number = whole_number(request.form.get("page", "")) or 1
    pages = whole_number(request.form.get("pages", "")) or 1
    quotes, (claims, claim_rows) = _accepted_quotes(), _accepted_claims()
    if number < pages and nothing_accepted(quotes, claims):
        # A page of a long review left unticked is passed over, not refused.
        told = f"Nothing was ticked on page {number} of {pages}, so nothing was recorded from it"
        return _next_page(form, job, number, told)
    try:
        refuse_more_than_a_page(len(quotes), len(claims))
        result = record(session, current_user(), _document(form), quotes, claims)  # type: ignore[arg-type]
    except (ValidationFailed, NotFound) as error:
        session.rollback()
        problems = _on_the_page(getattr(error, "fields", {}) or {"form": error.message}, claim_rows)
        try:
            proposal = (
                _proposal_of(job, form)
                if job is not None
                else propose(session, form.text.data or "", _document(form))
            )
        except ValidationFailed:
            flash(f"Nothing was recorded: {error.message}", "info")
            return redirect(url_for("intake.index"))
        return _review(proposal, form, problems), 422
    earlier = keep_receipt(form, "document", result.document.id)
    if earlier is not None:  # a copy of this review sent at the same moment recorded first
        return repeated_answer(earlier)
    session.commit()
    done = _recorded(result)
    if number < pages:  # a long review: go on with the next page rather than leave it unseen
        return _next_page(form, job, number, f"{done} Page {number} of {pages} is recorded")
    flash(done, "success")
    return redirect(url_for("documents.detail", document_id=result.document.id))
