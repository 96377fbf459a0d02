"""Helpers for entering claims quickly: similar claims while the text is typed."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from factdb.claims.similar import similar_claims
from factdb.web.database import db
from factdb.web.filters import record_url

bp = Blueprint("entry", __name__)


@bp.route("/claims/similar.json")
def similar() -> Any:
    """Claims like the text typed so far, most alike first, for the claim form's suggestions."""
    exclude = request.args.get("exclude", "")
    found = similar_claims(
        db(),
        request.args.get("text", "")[:5000],
        exclude=int(exclude) if exclude.isdigit() and len(exclude) < 10 else None,
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
