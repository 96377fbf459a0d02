"""Claim pages: the list, one claim with its timeline, the claim form and status changes."""

from __future__ import annotations

import json
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from factdb import claims as claim_service
from factdb import review
from factdb.claims import CitationInput, ClaimInput, SaveResult
from factdb.claims import params as claim_params
from factdb.claims.stale import claim_values
from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM
from factdb.documents import DocumentInput, at_another_address, outlet_fields
from factdb.errors import SavedMomentAgo, StaleEdit, ValidationFailed
from factdb.export import FORMATS
from factdb.models import Claim
from factdb.team.on_claim import PEOPLE, assignables
from factdb.unseen import UnseenChange
from factdb.vocab import DocumentType, Role, SourceKind, Status
from factdb.web.auth import current_user, role_required
from factdb.web.claim_conflicts import citation_row, stand_on_their_version
from factdb.web.claim_page import (
    StatusForm,
    claim_page,
    load_view,
    policy,
    render_claim,
    status_form,
)
from factdb.web.database import db
from factdb.web.entry import add_citation_row, claim_form_page
from factdb.web.forms import (
    apply_errors,
    choices,
    document_lookup,
    form_version,
    names_in_a_line,
    partial_date,
    record_fields,
    reference_id,
    save_form,
    sent_rows,
    source_lookup,
    web_url,
    whole_number,
)
from factdb.web.once import once_token_field, repeated_answer
from factdb.web.params import filters_from_request
from factdb.web.stale_token import keeps_typed_text

bp = Blueprint("claims", __name__)


#: Fields only a new document or a new speaker needs, shown under "Details for a new …".
_NEW_RECORD_FIELDS = {
    "new_document_confirmed": BooleanField("A new document, not one of those recorded"),
    "new_document_type": SelectField(
        "Type", choices=choices(DocumentType), default=DocumentType.NEWS_ARTICLE.value
    ),
    "new_document_outlet": StringField("Outlet or website", validators=[Length(max=500)]),
    "new_document_url": StringField("URL", validators=[Optional(), Length(max=2000), web_url]),
    "new_document_published": StringField(
        "Published",
        validators=[Optional(), partial_date],
        description="YYYY-MM-DD, YYYY-MM or YYYY; or 5 March 2004.",
    ),
    "new_document_authors": StringField(
        "Authors or issuer",
        validators=[Length(max=5000)],
        description="Separate several with “;”. For a speech, a press release or a post, "
        "whoever gave or issued it: often the speaker, so the audit counts the words as first-hand.",
    ),
    "new_speaker_kind": SelectField(
        "Kind of new speaker",
        choices=[SelectChoice("", "Guess from the name"), *choices(SourceKind)],
        default="",
    ),
    "new_speaker_role": StringField("Role of new speaker", validators=[Length(max=300)]),
}

#: One citation inside the claim form (the claim form carries the CSRF token): the declared
#: fields (factdb.declarations.citation), each reference with its hidden id, and the details
#: of a new document or speaker.
CitationForm = type(
    "CitationForm",
    (Form,),
    {
        "id": HiddenField(),
        "version": HiddenField(),
        **record_fields(CITATION, skip=("speaker_role",)),
        **_NEW_RECORD_FIELDS,
        "remove": BooleanField("Remove this citation"),
    },
)


_CLAIM_FIELDS = record_fields(CLAIM, skip=("tags",))


class ClaimForm(FlaskForm):
    """The claim's declared fields (factdb.declarations.claim) and its citation rows."""

    version = HiddenField()
    once_token = once_token_field()
    #: The claim's fields as the form was opened (JSON), to tell what you changed from what
    #: someone else changed meanwhile (factdb.unseen.unseen_changes).
    opened = HiddenField()
    text = _CLAIM_FIELDS["text"]
    context = _CLAIM_FIELDS["context"]
    tags = StringField("Tags", description=CLAIM["tags"].description)  # one line, commas between
    # One row more than a claim may hold: the empty row for the next citation.
    citations = FieldList(
        FormField(CitationForm), min_entries=1, max_entries=claim_service.MAX_CITATIONS + 1
    )
    add_citation = SubmitField("Add another citation")
    save = SubmitField("Save claim")

    def validate(self, extra_validators: Any = None) -> bool:
        """Refuse a form with more citation rows than it may hold, rather than drop the rest."""
        valid = super().validate(extra_validators)
        sent = sent_rows(self.citations)
        if sent > self.citations.max_entries:
            self.form_errors.append(
                f"A claim takes at most {claim_service.MAX_CITATIONS} citations; this form sent "
                f"{sent} rows. Nothing was saved: cite fewer, or split the claim."
            )
            return False
        return valid


@bp.route("/")
def index() -> Any:
    """List claims, newest first, filtered by what the query string asks for."""
    filters = filters_from_request()
    session = db()
    user = current_user()
    editor = user is not None and user.can(Role.EDITOR)  # who claims can go to, for bulk assignment
    heading = claim_service.list_heading(session, filters, PEOPLE if editor else {})
    counts = heading.counts
    page = claim_service.list_claims(
        session, filters, size=current_app.config["PAGE_SIZE"], status_totals=counts
    )
    return render_template(
        "claims/list.html",
        page=page,
        filters=filters,
        counts=counts,
        sorts=claim_service.SORTS,
        tags=heading.tags,
        filter_labels=heading.labels,
        people=assignables(heading.sets.get("people", [])),
        export_formats=FORMATS,
        search_hint=claim_params.search_hint(filters.q),
        ignored=claim_params.ignored_filters(request.args),
    )


def _load_claim(claim_id: int) -> Claim:
    return claim_service.get_claim(db(), claim_id)


@bp.route("/claims/<int:claim_id>")
def detail(claim_id: int) -> Any:
    """Show a claim, its citations, and one timeline of its review and edits."""
    return claim_page(claim_id)


def _citation_input(index: int, entry: Form, errors: dict[str, str]) -> CitationInput:
    """A citation row: its document and speaker by id where the row names known ones."""
    references: dict[str, int | None] = {}
    for name, lookup in (("document_id", document_lookup()), ("speaker_id", source_lookup())):
        spec = CITATION[name]
        try:
            references[name] = reference_id(spec, entry, lookup, new_allowed=True)
        except ValueError as problem:
            errors[f"citations-{index}-{spec.text_name}"] = str(problem)
    doc_type = DocumentType(entry.new_document_type.data or DocumentType.NEWS_ARTICLE.value)
    details = DocumentInput(
        title=entry.document.data or "",
        doc_type=doc_type,
        url=entry.new_document_url.data or "",
        published=entry.new_document_published.data or "",
        authors=names_in_a_line(entry.new_document_authors.data or ""),
        **outlet_fields(doc_type, entry.new_document_outlet.data or ""),
    )
    document_id = references.get("document_id")
    if document_id and whole_number(entry.document_id.data) is None:  # named, not picked
        document_id = None if at_another_address(db(), document_id, details.url) else document_id
    return CitationInput(
        id=whole_number(entry.id.data),
        version=form_version(entry.version.data) if whole_number(entry.id.data) else None,
        remove=bool(entry.remove.data),
        document_id=document_id,
        document=entry.document.data or "",
        speaker_id=references.get("speaker_id"),
        speaker=entry.speaker.data or "",
        relation=entry.relation.data,
        quote=entry.quote.data or "",
        quote_type=entry.quote_type.data,
        locator=entry.locator.data or "",
        new_document=details,
        new_document_confirmed=bool(entry.new_document_confirmed.data),
        new_speaker_kind=SourceKind(entry.new_speaker_kind.data)
        if entry.new_speaker_kind.data
        else None,
        new_speaker_role=entry.new_speaker_role.data or "",
    )


def _claim_input(form: ClaimForm) -> ClaimInput:
    errors: dict[str, str] = {}
    data = ClaimInput(
        text=form.text.data or "",
        context=form.context.data or "",
        tags=(form.tags.data or "").split(","),
        citations=[
            _citation_input(index, entry.form, errors)
            for index, entry in enumerate(form.citations.entries)
        ],
        rows_carry_over=True,
    )
    if errors:
        raise ValidationFailed("Please correct the marked fields.", errors)
    return data


def _fill_form(form: ClaimForm, claim: Claim) -> None:
    form.version.data = str(claim.version)
    form.opened.data = json.dumps(claim_values(claim), ensure_ascii=False)
    form.text.data = claim.text
    form.context.data = claim.context
    form.tags.data = ", ".join(tag.name for tag in claim.tags)
    while form.citations.entries:
        form.citations.pop_entry()
    for citation in claim.citations:
        form.citations.append_entry(citation_row(citation))
    form.citations.append_entry()


def _handle_claim_form(form: ClaimForm, claim: Claim | None) -> Any:
    """Save the form, or re-render it with the user's text kept and each problem named."""
    if form.add_citation.data:
        add_citation_row(form)
        return claim_form_page(form, claim), 200
    version = form_version(form.version.data) if claim else None
    outcome = save_form(
        form,
        lambda: _save(form, claim, version),
        current=(lambda: claim_service.get_claim(db(), claim.id)) if claim else None,
        created=None if claim else lambda saved: ("claim", saved.claim.id),
    )  # fmt: skip
    if outcome.repeated is not None:
        return repeated_answer(outcome.repeated)
    if outcome.saved is not None:
        result = outcome.saved
        created = [source.name for source in result.new_sources] + [
            document.title for document in result.new_documents
        ]
        note = f" New records created: {', '.join(created)}." if created else ""
        if result.changed:
            flash(f"Claim #{result.claim.id} saved.{note}", "success")
        else:
            flash(f"Nothing changed: claim #{result.claim.id} is as it was.", "info")
        if result.reopened is not None:
            flash(
                f"The verdict \u201c{result.reopened.from_status.label}\u201d judged the words you "
                "changed, so the claim is back in review for a new verdict.",
                "info",
            )
        return redirect(url_for("claims.detail", claim_id=result.claim.id))
    if isinstance(outcome.refused, SavedMomentAgo):
        # Nothing in the form is wrong: the "Saved already?" box says what happened and
        # offers the way on, where the text's error and the red banner said to correct it.
        form.text.errors = []
    unseen: list[UnseenChange] = []
    dropped: set[int] = set()
    if outcome.stale is not None:
        unseen, dropped = stand_on_their_version(form, outcome.stale)
    page = claim_form_page(
        form, claim, outcome.stale, outcome.stale_parts, unseen, dropped, outcome.refused
    )
    return page, outcome.status


def _save(form: ClaimForm, claim: Claim | None, version: int | None) -> SaveResult:
    """Save the form: a new claim unless saved a moment ago (the box "again" says to), or an edit."""
    data = _claim_input(form)
    if claim is None:
        again = request.form.get("again") == "1"
        return claim_service.add_claim(db(), current_user(), data, again=again)
    return claim_service.save_claim(db(), current_user(), data, claim_id=claim.id,
                                    expected_version=version)  # fmt: skip


@bp.route("/claims/new", methods=["GET", "POST"])
@keeps_typed_text
@role_required(Role.EDITOR)
def create() -> Any:
    """Record a new claim with its citations, creating documents and speakers as needed."""
    form = ClaimForm()
    return _handle_claim_form(form, None)


@bp.route("/claims/<int:claim_id>/edit", methods=["GET", "POST"])
@keeps_typed_text
@role_required(Role.EDITOR)
def edit(claim_id: int) -> Any:
    """Edit a claim and its citations; a save over someone else's newer save is refused."""
    claim = _load_claim(claim_id)
    form = ClaimForm()
    if request.method == "GET":
        _fill_form(form, claim)
    return _handle_claim_form(form, claim)


@bp.route("/claims/<int:claim_id>/status", methods=["POST"])
@role_required(Role.EDITOR)
def change_status(claim_id: int) -> Any:
    """Move a claim through review; a verdict needs a note and evidence."""
    session = db()
    claim = load_view(claim_id)
    form = status_form(claim, StatusForm())
    if form.validate_on_submit():
        try:
            review.change_status(
                session,
                current_user(),  # type: ignore[arg-type]
                claim_id,
                to_status=Status(form.status.data),
                note=form.note.data or "",
                evidence_ids=list(form.evidence.data or []),
                expected_version=form_version(form.version.data),
                policy=policy(),
            )
        except ValidationFailed as error:
            session.rollback()
            apply_errors(form, error)
        except StaleEdit as error:
            session.rollback()
            form.form_errors.append(error.message)
            claim = load_view(claim_id)
            form.version.data = str(claim.version)
            # The explanation sits by the status form, far down a long page: say it on top too.
            flash(
                Markup(
                    'Your {} was not saved: {} <a href="#review-heading">Go to the status form</a>.'
                ).format(
                    "verdict" if Status(form.status.data).is_verdict else "status change",
                    error.message,
                ),
                "error",
            )
            return render_claim(claim, status_form(claim, form), 409)
        else:
            session.commit()
            flash(f"Claim #{claim_id} is now {Status(form.status.data).label.lower()}.", "success")
            return redirect(url_for("claims.detail", claim_id=claim_id) + "#timeline")
    session.rollback()
    claim = load_view(claim_id)
    return render_claim(claim, status_form(claim, form), 422)


@bp.route("/tags.json")
def tags_json() -> Any:
    """Tag names starting with `q`, for autocompletion."""
    return jsonify(
        [{"name": name} for name in claim_service.tag_names(db(), request.args.get("q", "")[:100])]
    )
