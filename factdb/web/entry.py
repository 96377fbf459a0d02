"""Helpers for entering claims: the claim form's page, similar claims while the text is typed."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request

from factdb.claims.similar import similar_claims
from factdb.errors import SavedMomentAgo, ValidationFailed
from factdb.models import Claim
from factdb.unseen import UnseenChange
from factdb.web.claim_conflicts import unseen_line
from factdb.web.database import db
from factdb.web.filters import record_url
from factdb.web.params import record_id

bp = Blueprint("entry", __name__)


@bp.route("/claims/similar.json")
def similar() -> Any:
    """Claims like the text typed so far, most alike first, for the claim form's suggestions."""
    exclude = request.args.get("exclude", "")
    found = similar_claims(
        db(),
        request.args.get("text", "")[:5000],
        exclude=record_id(exclude),
    )
    return jsonify(
        [
            {
                "id": claim.id,
                "text": claim.text,
                "status": claim.status.value,
                "status_label": claim.status.label,
                "score": claim.score,
                "url": record_url("claims.detail", claim_id=claim.id),
            }
            for claim in found
        ]
    )


#: What a new citation row takes from the row before it: the same document, the same relation.
CARRIED_FIELDS = ("document", "document_id", "relation")


def add_citation_row(form: Any) -> None:
    """Add an empty citation row that carries over the previous row's document and relation.

    The page's script does this in place; without it, "Add another citation" posts the
    form and the server answers with the form as typed plus this row.
    """
    entries = form.citations.entries
    if len(entries) >= form.citations.max_entries:
        form.form_errors.append(
            f"A claim takes at most {form.citations.max_entries - 1} citations; "
            "this one has no room for another."
        )
        return
    last = entries[-1].form if entries else None
    carried = {}
    if last is not None:
        for name in CARRIED_FIELDS:
            field = getattr(last, name, None)
            if field is not None and field.data:
                carried[name] = field.data
    form.citations.append_entry(carried or None)


def similar_to_form(form: Any, claim_id: int | None) -> list:
    """Claims like the one typed, for a form shown again (so the page suggests them without script)."""
    text = (form.text.data or "").strip()
    return similar_claims(db(), text, exclude=claim_id) if text else []


def claim_form_page(
    form: Any,
    claim: Claim | None,
    stale: Any = None,
    news: Any = None,
    unseen: list[UnseenChange] | None = None,
    dropped: set[int] | None = None,
    refused: ValidationFailed | None = None,
) -> str:
    """Show the claim form: with their version after a conflict, the claim saved a moment ago
    with the same words, and claims like the one sent."""
    return render_template(
        "claims/form.html",
        saved_moment_ago=refused if isinstance(refused, SavedMomentAgo) else None,
        form=form,
        claim=claim,
        stale=stale,
        news=news,
        unseen=[unseen_line(change) for change in unseen or []],
        dropped=dropped or set(),
        similar=similar_to_form(form, claim.id if claim else None)
        if request.method == "POST"
        else [],
    )
