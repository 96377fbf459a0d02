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

from factdb import sources as source_service
from factdb.declarations.source import SOURCE
from factdb.errors import NotFound
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
from factdb.sources import SourceInput, source_detail
from factdb.text import clean
from factdb.vocab import Reliability, Role, SourceKind, Status
from factdb.web.audit import findings_for
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.forms import (
    fill_form,
    form_version,
    record_form,
    record_values,
    save_form,
    source_lookup,
)
from factdb.web.params import page_number

bp = Blueprint("sources", __name__, url_prefix="/sources")


#: The source form: one field per declared field (factdb.declarations.source).
SourceForm = record_form(SOURCE, "Save source")


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


def _source_input(form: FlaskForm) -> SourceInput:
    return SourceInput(**record_values(SOURCE, form, {"source": source_lookup()}))


def _fill(form: FlaskForm, source: Source) -> None:
    form.version.data = str(source.version)
    fill_form(SOURCE, form, source, {"parent_id": source.parent.name if source.parent else ""})
    form.aliases.data = "\n".join(alias.name for alias in source.aliases)


def _save(form: FlaskForm, source: Source | None) -> Source:
    data = _source_input(form)
    if source is None:
        return source_service.create_source(db(), current_user(), data)
    return source_service.update_source(
        db(), current_user(), source.id, form_version(form.version.data), data
    )  # type: ignore[arg-type]


def _handle(form: FlaskForm, source: Source | None) -> Any:
    outcome = save_form(
        form,
        lambda: _save(form, source),
        current=(lambda: _load(source.id)) if source else None,
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
                "label": source.name,
                "detail": source_detail(source),
                "kind": source.kind.value,
            }
            for source in matches
        ]
    )
