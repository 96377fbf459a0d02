"""Read list filters from the query string, ignoring values that make no sense."""

from __future__ import annotations

from flask import request

from factdb import claims as claim_service
from factdb.claims import ClaimFilters
from factdb.models.base import MAX_ID
from factdb.text import clean
from factdb.vocab import Status


def int_arg(name: str) -> int | None:
    """A whole-number query parameter; an id too large to exist becomes 0, which matches nothing."""
    value = request.args.get(name, "")
    if not value.isdigit():
        return None
    return int(value) if int(value) <= MAX_ID else 0


def filters_from_request() -> ClaimFilters:
    status = request.args.get("status", "")
    sort = request.args.get("sort", "newest")
    return ClaimFilters(
        q=clean(request.args.get("q", ""))[:500],
        status=status if status in Status._value2member_map_ else "",
        tag=clean(request.args.get("tag", ""))[:100],
        source_id=int_arg("source"),
        document_id=int_arg("document"),
        sort=sort if sort in claim_service.SORTS else "newest",
        page=int_arg("page") or 1,
    )
