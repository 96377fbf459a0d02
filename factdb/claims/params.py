"""The claims list's filters read from query-string values: one reading for pages, saved views and the API."""

from __future__ import annotations

from collections.abc import Mapping

from factdb.claims.queries import SORTS, ClaimFilters
from factdb.errors import ValidationFailed
from factdb.keyset import MAX_CURSOR
from factdb.models.base import MAX_ID
from factdb.search_syntax import only_excluded_message, parse_query
from factdb.text import clean
from factdb.vocab import Status

#: Further than any list goes.
MAX_PAGE_NUMBER = 10**9


def strict_number(
    args: Mapping[str, str],
    name: str,
    default: int | None = None,
    *,
    minimum: int = 1,
    maximum: int | None = None,
) -> int | None:
    """A whole-number parameter, or ValidationFailed naming it (what a script is told)."""
    raw = args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValidationFailed(
            "A query parameter is not a number.", {name: "Expected a whole number."}
        ) from exc
    if value < minimum or (maximum is not None and value > maximum):
        raise ValidationFailed(
            "A query parameter is out of range.", {name: f"Use {minimum} to {maximum or 'more'}."}
        )
    return value


def lenient_id(args: Mapping[str, str], name: str) -> int | None:
    """An id as a page's link gives it: ASCII digits, else None; one too large to exist is 0."""
    value = (args.get(name) or "").strip()
    if not (value and value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_ID else 0


def filters_from_args(args: Mapping[str, str], *, strict: bool = False) -> ClaimFilters:
    """The filters a query string asks for.

    Lenient (pages and saved views, where a link may be old or hand-edited): a value that
    makes no sense is left out. Strict (the API): it is refused, naming the parameter.
    """
    status, sort = args.get("status", ""), args.get("sort", "newest")
    if status not in Status._value2member_map_:
        if strict and status:
            choices = ", ".join(s.value for s in Status)
            raise ValidationFailed("Unknown status.", {"status": f"Choose one of: {choices}."})
        status = ""
    if sort not in SORTS:
        if strict:
            raise ValidationFailed("Unknown sort.", {"sort": f"Choose one of: {', '.join(SORTS)}."})
        sort = "newest"
    if strict:
        source, document = (strict_number(args, n, maximum=MAX_ID) for n in ("source", "document"))
        page = strict_number(args, "page", 1, maximum=MAX_PAGE_NUMBER) or 1
    else:
        source, document = lenient_id(args, "source"), lenient_id(args, "document")
        page = lenient_id(args, "page") or 1
    q = clean(args.get("q", ""))[:500]
    if strict and (problem := search_hint(q)):
        raise ValidationFailed("The search only leaves things out.", {"q": problem})
    return ClaimFilters(
        q=q,
        status=status,
        tag=clean(args.get("tag", ""))[:100],
        source_id=source,
        document_id=document,
        sort=sort,
        page=page,
        after=args.get("after", "")[:MAX_CURSOR],
        before=args.get("before", "")[:MAX_CURSOR],
    )


def search_hint(q: str) -> str:
    """What to tell a person whose search cannot match anything as typed ("-bridge" alone)."""
    return only_excluded_message(parse_query(q)) if q else ""


def ignored_filters(args: Mapping[str, str]) -> list[str]:
    """The parameters a lenient reading left out, each with why: a hint beats silence."""
    ignored = []
    status, sort, page = args.get("status", ""), args.get("sort", ""), args.get("page", "")
    if status and status not in Status._value2member_map_:
        ignored.append(f"status={status[:40]} (not a status)")
    if sort and sort not in SORTS:
        ignored.append(f"sort={sort[:40]} (choose {', '.join(SORTS)})")
    if page and lenient_id(args, "page") is None:
        ignored.append(f"page={page[:40]} (not a page number)")
    return ignored
