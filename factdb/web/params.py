"""Read list filters from the query string, ignoring values that make no sense."""

from __future__ import annotations

from collections.abc import Mapping

from flask import request

from factdb import claims as claim_service
from factdb.claims import ClaimFilters
from factdb.keyset import MAX_CURSOR
from factdb.models.base import MAX_ID
from factdb.text import clean
from factdb.vocab import Status


def int_arg(name: str, args: Mapping[str, str] | None = None) -> int | None:
    """A whole-number query parameter; an id too large to exist becomes 0, which matches nothing."""
    value = (request.args if args is None else args).get(name, "")
    if not value.isdigit():
        return None
    return int(value) if int(value) <= MAX_ID else 0


def filters_from_request() -> ClaimFilters:
    return filters_from_args(request.args)


def filters_from_args(args: Mapping[str, str]) -> ClaimFilters:
    """The claims list's filters from a query string (this request's, or a saved view's)."""
    status = args.get("status", "")
    sort = args.get("sort", "newest")
    return ClaimFilters(
        q=clean(args.get("q", ""))[:500],
        status=status if status in Status._value2member_map_ else "",
        tag=clean(args.get("tag", ""))[:100],
        source_id=int_arg("source", args),
        document_id=int_arg("document", args),
        sort=sort if sort in claim_service.SORTS else "newest",
        page=int_arg("page", args) or 1,
        after=args.get("after", "")[:MAX_CURSOR],
        before=args.get("before", "")[:MAX_CURSOR],
    )
