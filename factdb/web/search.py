"""The search page: claims, quotes, sources and documents, ranked, with highlighted snippets."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from factdb.search import KINDS, search
from factdb.web.database import db

bp = Blueprint("search", __name__)

KIND_LABELS = {
    "claim": "Claims",
    "citation": "Quotes",
    "source": "Sources",
    "document": "Documents",
}


@bp.route("/search")
def index() -> Any:
    """Search everything; `kind` narrows to one kind of record."""
    raw = request.args.get("q", "")
    kind = request.args.get("kind", "")
    kinds = (kind,) if kind in KINDS else KINDS
    results = search(db(), raw, kinds=kinds) if raw.strip() else None
    return render_template(
        "search.html",
        raw=raw,
        kind=kind if kind in KINDS else "",
        results=results,
        labels=KIND_LABELS,
    )
