"""Source pages: the list, one source with its claims by status, and the source form."""

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
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from factdb import sources as source_service
from factdb.errors import NotFound, ValidationFailed
from factdb.history import changes_for
from factdb.involvement import (
    Involvement,
    claims_involving,
    default_involvement,
    findings_about_source,
    involvement_counts,
    source_citation_ids,
)
from factdb.keyset import MAX_CURSOR
from factdb.models import Source
from factdb.sources import SourceInput, find_source, source_label
from factdb.text import clean
from factdb.vocab import Reliability, Role, SourceKind, Status
from factdb.web.audit import findings_for
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.forms import choices, form_version, save_form, web_url
from factdb.web.params import page_number

bp = Blueprint("sources", __name__, url_prefix="/sources")


class SourceForm(FlaskForm):
    version = HiddenField()
    name = StringField(
        "Name", validators=[DataRequired("Give the source a name."), Length(max=300)]
    )
    kind = SelectField("Kind", choices=choices(SourceKind), default=SourceKind.PERSON.value)
    role = StringField(
        "Role or description",
        validators=[Length(max=300)],
        description='For example "former EU ambassador to Turkey".',
    )
    parent = StringField(
        "Parent organisation",
        validators=[Optional(), Length(max=320)],
        description="The body this source belongs to, such as a ministry's government.",
    )
    aliases = TextAreaField(
        "Aliases",
        validators=[Length(max=10000)],
        description='Other names, one per line: "the Kremlin", "Kremlin press service".',
    )
    homepage = StringField("Homepage", validators=[Optional(), Length(max=2000), web_url])
    reliability = SelectField(
        "Reliability", choices=choices(Reliability), default=Reliability.UNGRADED.value
    )
    family_name = StringField("Family name", validators=[Length(max=200)])
    given_name = StringField("Given name", validators=[Length(max=200)])
    notes = TextAreaField("Notes", validators=[Length(max=20000)])
    submit = SubmitField("Save source")


def _load(source_id: int) -> Source:
    try:
        return source_service.get_source(db(), source_id)
    except NotFound:
        abort(404, description=f"There is no source {source_id}.")


@bp.route("/")
def index() -> Any:
    """List sources by name, filtered by name, kind and reliability."""
    kind = request.args.get("kind", "")
    reliability = request.args.get("reliability", "")
    page_arg = request.args.get("page", "")
    page = source_service.list_sources(
        db(),
        q=clean(request.args.get("q", ""))[:300],
        kind=kind if kind in SourceKind._value2member_map_ else "",
        reliability=reliability if reliability in Reliability._value2member_map_ else "",
        page=page_number(page_arg),
        size=current_app.config["PAGE_SIZE"],
        after=request.args.get("after", "")[:MAX_CURSOR],
        before=request.args.get("before", "")[:MAX_CURSOR],
    )
    return render_template("sources/list.html", page=page)


@bp.route("/<int:source_id>")
def detail(source_id: int) -> Any:
    """Show a source: who it is, and its claims by how it is involved (its words, its documents, reported)."""
    source = _load(source_id)
    session = db()
    status = request.args.get("status", "")
    status = status if status in Status._value2member_map_ else ""
    page_arg = request.args.get("page", "")
    all_counts = involvement_counts(session, source_id)
    chosen = request.args.get("as", "")
    involvement = (
        Involvement(chosen)
        if chosen in Involvement._value2member_map_
        else default_involvement(all_counts)
    )
    counts = all_counts[involvement]
    claims = claims_involving(
        session,
        source_id,
        involvement,
        status=status,
        page=page_number(page_arg),
        size=current_app.config["PAGE_SIZE"],
        counts=counts,
    )
    claim_ids = [claim.id for claim in claims.items]
    return render_template(
        "sources/detail.html",
        source=source,
        claims=claims,
        findings=findings_about_source(
            findings_for(claim_ids), source_id, source_citation_ids(session, source_id, claim_ids)
        ),
        status=status,
        counts=counts,
        involvement=involvement,
        involvements={kind: sum(all_counts[kind].values()) for kind in Involvement},
        changes=changes_for(session, "source", source_id),
    )


def _source_input(form: SourceForm) -> SourceInput:
    parent_id = None
    if form.parent.data:
        parent = find_source(db(), form.parent.data)
        if parent is None:
            raise ValidationFailed(
                "Please correct the marked fields.",
                {
                    "parent": "No source has that name; create the organisation first, or pick a suggestion."
                },
            )
        parent_id = parent.id
    return SourceInput(
        name=form.name.data or "",
        kind=SourceKind(form.kind.data),
        role=form.role.data or "",
        parent_id=parent_id,
        homepage=form.homepage.data or "",
        reliability=Reliability(form.reliability.data),
        notes=form.notes.data or "",
        aliases=(form.aliases.data or "").splitlines(),
        family_name=form.family_name.data or "",
        given_name=form.given_name.data or "",
    )


def _fill(form: SourceForm, source: Source) -> None:
    form.version.data = str(source.version)
    form.name.data = source.name
    form.kind.data = source.kind.value
    form.role.data = source.role
    form.parent.data = source_label(source.parent) if source.parent else ""
    form.aliases.data = "\n".join(alias.name for alias in source.aliases)
    form.homepage.data = source.homepage
    form.reliability.data = source.reliability.value
    form.family_name.data = source.family_name
    form.given_name.data = source.given_name
    form.notes.data = source.notes


def _save(form: SourceForm, source: Source | None) -> Source:
    data = _source_input(form)
    if source is None:
        return source_service.create_source(db(), current_user(), data)
    return source_service.update_source(
        db(), current_user(), source.id, form_version(form.version.data), data
    )  # type: ignore[arg-type]


def _handle(form: SourceForm, source: Source | None) -> Any:
    outcome = save_form(
        form,
        lambda: _save(form, source),
        current=(lambda: _load(source.id)) if source else None,
        field_names={"parent_id": "parent"},
    )
    if outcome.saved is not None:
        flash(f"Source “{outcome.saved.name}” saved.", "success")
        return redirect(url_for("sources.detail", source_id=outcome.saved.id))
    return render_template(
        "sources/form.html", form=form, source=source, stale=outcome.stale
    ), outcome.status


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def create() -> Any:
    """Add a source."""
    return _handle(SourceForm(), None)


@bp.route("/<int:source_id>/edit", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def edit(source_id: int) -> Any:
    """Edit a source; a save over someone else's newer save is refused."""
    source = _load(source_id)
    form = SourceForm()
    if request.method == "GET":
        _fill(form, source)
    return _handle(form, source)


@bp.route("/suggest.json")
def suggest() -> Any:
    """Sources whose name or alias starts with `q`, for the speaker and author fields."""
    matches = source_service.suggest_sources(db(), clean(request.args.get("q", ""))[:300])
    return jsonify(
        [
            {
                "id": source.id,
                "name": source.name,
                "label": source_label(source),
                "kind": source.kind.value,
            }
            for source in matches
        ]
    )
