"""The search page: claims, quotes, sources and documents, ranked, with highlighted snippets."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from factdb.search import KINDS, search
from factdb.vocab import Status
from factdb.web.database import db
from factdb.web.params import page_number

bp = Blueprint("search", __name__)

HITS_PER_PAGE = 20
#: Deeper than anyone reads; keeps the offset a small number.
MAX_PAGE = 500

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
    page_arg = request.args.get("page", "")
    number = min(page_number(page_arg), MAX_PAGE)
    results = None
    if raw.strip():
        # One hit more than a page says whether there is a next page, without counting.
        results = search(db(), raw, kinds=kinds, limit=HITS_PER_PAGE + 1,
                         offset=(number - 1) * HITS_PER_PAGE)  # fmt: skip
    has_next = results is not None and len(results.hits) > HITS_PER_PAGE
    if results is not None:
        results.hits = results.hits[:HITS_PER_PAGE]
    return render_template(
        "search.html",
        raw=raw,
        kind=kind if kind in KINDS else "",
        results=results,
        labels=KIND_LABELS,
        number=number,
        first=(number - 1) * HITS_PER_PAGE + 1,
        has_next=has_next,
        statuses=Status,
    )
