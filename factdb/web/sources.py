"""Source pages: the list, one source with its claims by status, and the source form."""

from __future__ import annotations

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
from wtforms import HiddenField, SubmitField

from factdb import sources as source_service
from factdb.declarations.source import SOURCE
from factdb.errors import NotFound, StaleEdit, ValidationFailed
from factdb.involvement import (
    Involvement,
    claims_involving,
    default_involvement,
    findings_about_source,
    involvement_counts,
    source_citations_and_changes,
)
from factdb.models import Source
from factdb.source_merge import MergePlan, find_merged, merge_source, merged_redirect, plan_merge
from factdb.sources import SourceInput, source_detail, sources_named
from factdb.vocab import Reliability, Role, SourceKind, Status
from factdb.web.audit import findings_for
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.forms import (
    fill_form,
    form_version,
    record_form,
    record_values,
    source_lookup,
    whole_number,
)
from factdb.web.params import choice_arg, list_window, page_number, search_text
from factdb.web.record_pages import RecordPages, suggestion

bp = Blueprint("sources", __name__, url_prefix="/sources")


#: The source form: one field per declared field (factdb.declarations.source).
SourceForm = record_form(SOURCE, "Save source")


@bp.route("/")
def index() -> Any:
    """List sources by name, filtered by name, kind and reliability."""
    page = source_service.list_sources(
        db(),
        q=search_text(),
        kind=choice_arg("kind", SourceKind),
        reliability=choice_arg("reliability", Reliability),
        **list_window(),
    )
    return render_template("sources/list.html", page=page)


@bp.route("/<int:source_id>")
def detail(source_id: int) -> Any:
    """Show a source: who it is, and its claims by how it is involved (its words, its documents, reported)."""
    session = db()
    try:
        source = source_service.get_source(session, source_id)
    except NotFound:  # a merged source's address leads to the one it became
        return redirect(url_for("sources.detail", source_id=find_merged(session, source_id)), 301)
    status = choice_arg("status", Status)
    all_counts = involvement_counts(session, source_id)
    chosen = choice_arg("as", Involvement)
    involvement = Involvement(chosen) if chosen else default_involvement(all_counts)
    counts = all_counts[involvement]
    claims = claims_involving(
        session,
        source_id,
        involvement,
        status=status,
        page=page_number(request.args.get("page", "")),
        size=current_app.config["PAGE_SIZE"],
        counts=counts,
    )
    claim_ids = [claim.id for claim in claims.items]
    citation_ids, changes = source_citations_and_changes(session, source_id, claim_ids)
    return render_template(
        "sources/detail.html",
        source=source,
        claims=claims,
        findings=findings_about_source(findings_for(claim_ids), source_id, citation_ids),
        status=status,
        counts=counts,
        involvement=involvement,
        involvements={kind: sum(all_counts[kind].values()) for kind in Involvement},
        changes=changes,
    )


def _source_input(form: FlaskForm) -> SourceInput:
    return SourceInput(**record_values(SOURCE, form, {"source": source_lookup()}))


def _fill(form: FlaskForm, source: Source) -> None:
    fill_form(SOURCE, form, source, {"parent_id": source.parent.name if source.parent else ""})
    form.aliases.data = "\n".join(alias.name for alias in source.aliases)


RecordPages(
    noun="source",
    form=SourceForm,
    get=source_service.get_source,
    fill=_fill,
    read=_source_input,
    create=source_service.create_source,
    update=source_service.update_source,
    title=lambda source: source.name,
).register(bp)


@bp.route("/suggest.json")
def suggest() -> Any:
    """Sources whose name or alias starts with `q`, for the speaker and author fields."""
    matches = source_service.suggest_sources(db(), search_text())
    return jsonify(
        [
            suggestion(source.id, source.name, source_detail(source), kind=source.kind.value)
            for source in matches
        ]
    )


class MergeForm(FlaskForm):
    """The confirmation of a merge: the source kept, and the merged one's version as shown."""

    into_id = HiddenField()
    version = HiddenField()
    submit = SubmitField("Merge")


def _merge_target(session: Any, source_id: int) -> tuple[MergePlan | None, list[Source], str]:
    """The plan for the source the request names (by id, else by name), namesakes, or why not."""
    into_id, typed = request.values.get("into_id", ""), search_text("into")
    if whole_number(into_id) is None:
        named = [s for s in sources_named(session, typed) if s.id != source_id] if typed else []
        if len(named) != 1:
            missing = f"No source is named “{typed}”." if typed and not named else ""
            return None, named, missing
        into_id = str(named[0].id)
    try:
        return plan_merge(session, source_id, int(into_id)), [], ""
    except ValidationFailed as refused:
        return None, [], refused.fields.get("into", refused.message)


def _merged_already(session: Any, source_id: int) -> Any:
    """A merge confirmed again (a double click, a second tab, a replayed form) finds the
    source merged: it leads to the source kept, saying so, instead of a 404."""
    redirect_row = merged_redirect(session, source_id)
    if redirect_row is None:
        raise NotFound(f"There is no source {source_id}.")
    kept = source_service.get_source(session, find_merged(session, source_id))
    flash(f"{redirect_row.name} was already merged into {kept.name}.", "info")
    return redirect(url_for("sources.detail", source_id=kept.id))


@bp.route("/<int:source_id>/merge", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def merge(source_id: int) -> Any:
    """Merge this source into another: choose it, see what will move, confirm."""
    session = db()
    try:
        source = source_service.get_source(session, source_id)
    except NotFound:
        return _merged_already(session, source_id)
    form = MergeForm()
    plan, namesakes, problem = _merge_target(session, source_id)
    status = 422 if problem else 200
    if request.method == "POST" and plan is not None and form.validate_on_submit():
        try:
            done = merge_source(session, current_user(), source_id, plan.kept.id,
                                form_version(form.version.data))  # fmt: skip
        except (NotFound, StaleEdit) as refused:
            session.rollback()
            if merged_redirect(session, source_id) is not None:
                # The same merge, confirmed at once from another tab, came first (PostgreSQL
                # lets this one wait on the row locks, then finds the source gone).
                return _merged_already(session, source_id)
            if isinstance(refused, NotFound):
                raise
            problem, status = refused.message, 409
            source = source_service.get_source(session, source_id)
            plan, _, _ = _merge_target(session, source_id)
        else:
            session.commit()
            flash(f"{source.name} merged into {done.kept.name}.", "success")
            return redirect(url_for("sources.detail", source_id=done.kept.id))
    if plan is not None:
        form.into_id.data, form.version.data = str(plan.kept.id), str(source.version)
    page = render_template("sources/merge.html", source=source, plan=plan, form=form,
                           namesakes=namesakes, problem=problem)  # fmt: skip
    return page, status
