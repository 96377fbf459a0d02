"""Source pages: the list, one source with its claims by status, and the source form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request
from flask_wtf import FlaskForm

from factdb import sources as source_service
from factdb.declarations.source import SOURCE
from factdb.involvement import (
    Involvement,
    claims_involving,
    default_involvement,
    findings_about_source,
    involvement_counts,
    source_citations_and_changes,
)
from factdb.models import Source
from factdb.sources import SourceInput, source_detail
from factdb.vocab import Reliability, SourceKind, Status
from factdb.web.audit import findings_for
from factdb.web.database import db
from factdb.web.forms import fill_form, record_form, record_values, source_lookup
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
    source = source_service.get_source(session, source_id)
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
