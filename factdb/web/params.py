"""Read list filters from the query string, ignoring values that make no sense."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from flask import current_app, request

from factdb.claims import ClaimFilters
from factdb.claims import params as claim_params
from factdb.keyset import MAX_CURSOR
from factdb.models.base import MAX_ID
from factdb.text import clean
from factdb.web.forms import whole_number


def int_arg(name: str, args: Mapping[str, str] | None = None) -> int | None:
    """A whole-number query parameter; an id too large to exist becomes 0, which matches nothing."""
    value = whole_number((request.args if args is None else args).get(name, ""))
    if value is None:
        return None
    return value if value <= MAX_ID else 0


def record_id(value: str | None) -> int | None:
    """An id as typed in a query string or form: ASCII digits that a record could have, or None."""
    number = whole_number(value)
    return number if number is not None and 0 < number <= MAX_ID else None


def record_ids(values: list[str]) -> list[int]:
    """The ids among several values, in order; the rest are left out."""
    return [number for number in map(record_id, values) if number is not None]


#: Further than any list goes; a larger page number shows the last page.
MAX_PAGE_NUMBER = 10**9


def page_number(value: str | None) -> int:
    """A `page` parameter: 1 unless it is a whole number; never more than MAX_PAGE_NUMBER."""
    return min(whole_number(value) or 1, MAX_PAGE_NUMBER)


def list_window() -> dict[str, Any]:
    """Which page of a list to show: its number and size, or the cursor a neighbour's link carries."""
    return {
        "page": page_number(request.args.get("page", "")),
        "size": current_app.config["PAGE_SIZE"],
        "after": request.args.get("after", "")[:MAX_CURSOR],
        "before": request.args.get("before", "")[:MAX_CURSOR],
    }


def search_text(name: str = "q") -> str:
    """What a list or a suggestion box is asked to find, cleaned and cut to a sane length."""
    return clean(request.args.get(name, ""))[:300]


def choice_arg(name: str, vocabulary: type[StrEnum]) -> str:
    """A filter that must be one of a vocabulary's values; anything else is no filter."""
    value = request.args.get(name, "")
    return value if value in vocabulary._value2member_map_ else ""


def filters_from_request() -> ClaimFilters:
    return filters_from_args(request.args)


def filters_from_args(args: Mapping[str, str]) -> ClaimFilters:
    """The claims list's filters from a query string (this request's, or a saved view's)."""
    return claim_params.filters_from_args(args)
