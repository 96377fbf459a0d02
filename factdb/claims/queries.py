"""The query path of claims: one claim with its relations, filtered lists, counts by status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from factdb.claims.filters import (
    ClaimFilters,
    dialect,
    filtered,
    gathered,
    matching_ids,
    paged,
    walked_counts,
    walks,
)
from factdb.keyset import Key, Window, encode, parse_time
from factdb.models import (
    Citation,
    Claim,
    ClaimStatusCount,
    Document,
    Source,
    StatusChange,
    Tag,
    TagStatusCount,
    claim_tag,
)
from factdb.pagination import Page, clamp_page
from factdb.records import load_one
from factdb.rowsets import Row, Sets, read_sets, sets_statement
from factdb.text import clean, like_escaped, split_tags, tag_name
from factdb.vocab import Status

#: What a claim is loaded with for its page: tags, editors, citations with their records.
CLAIM_PAGE_LOADS = (
    selectinload(Claim.tags),
    selectinload(Claim.created_by),
    selectinload(Claim.updated_by),
    selectinload(Claim.citations).options(
        selectinload(Citation.document),
        selectinload(Citation.speaker).selectinload(Source.parent),
    ),
)


def get_claim(session: Session, claim_id: int) -> Claim:
    """Return a claim with everything its page shows loaded in a fixed number of queries."""
    return load_one(session, Claim, claim_id, "claim", *CLAIM_PAGE_LOADS, fresh=True)


def status_history(session: Session, claim_id: int) -> list[StatusChange]:
    """The review history of a claim, oldest first, with reviewers and evidence loaded."""
    return list(
        session.scalars(
            select(StatusChange)
            .where(StatusChange.claim_id == claim_id)
            .options(selectinload(StatusChange.reviewer), selectinload(StatusChange.evidence))
            .order_by(StatusChange.at, StatusChange.id)
        )
    )


#: How many matches a filtered list counts before it says "10,000+": counting every match of a
#: text search by status took 675 ms of a million-claim database's time, the page itself 5 ms.
#: Lists without a filter, by status alone or by a tag alone read maintained counters: exact.
COUNT_BOUND = 10_000
#: The bound of a text search: its matches are found by walks that stop after the page, and
#: counting them by status read each one (a common word is in 3,000 claims of 100,000, 30,000
#: of a million), so a search counts up to 1,000 and then says "1,000+".
SEARCH_COUNT_BOUND = 1_000


def count_bound(filters: ClaimFilters) -> int:
    """How many matches the list counts before it says it has more."""
    return SEARCH_COUNT_BOUND if clean(filters.q) else COUNT_BOUND


class StatusCounts(dict[Status, int]):
    """Claims at each status; `bounded` when more than `at_least` matched and none were counted."""

    bounded: bool = False
    at_least: int = 0
    #: The ids of every claim counted, when the counts gathered them (a walked text search
    #: under its bound, factdb.claims.filters.walked_counts).
    matches: list[int] | None = None
    #: Past the bound, every match at least `reach` (newest first), when the walks that
    #: counted them know it (factdb.claims.filters.walked_counts): the first pages of the
    #: newest-first list are among them.
    newest: list[tuple[int, str]] | None = None


SORTS = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "updated": "Recently updated",
    "status": "Status",
}


@dataclass(frozen=True)
class DocumentLink:
    id: int
    title: str


@dataclass(frozen=True)
class SourceLink:
    id: int
    name: str


@dataclass(frozen=True)
class ClaimRow:
    claim: Claim
    citation_count: int
    speakers: list[SourceLink]
    #: The documents the claim is cited from, oldest first.
    documents: list[DocumentLink] = field(default_factory=list)
    #: Its tag names, in order (the claim's own tags are not loaded).
    tags: list[str] = field(default_factory=list)


_PAGE_IDS = bindparam("ids", expanding=True)
#: What a list shows beside its claims: tags, who is cited, from which documents, how often.
_AROUND = Sets(
    {
        "tags": select(claim_tag.c.claim_id, Tag.name)
        .join(Tag, Tag.id == claim_tag.c.tag_id)
        .where(claim_tag.c.claim_id.in_(_PAGE_IDS))
        .order_by(claim_tag.c.claim_id, Tag.name),
        # The name key is what the speakers are sorted by (DISTINCT sorts by what it reads).
        "speakers": select(Citation.claim_id, Source.id, Source.name, Source.name_key)
        .join(Source, Source.id == Citation.speaker_id)
        .where(Citation.claim_id.in_(_PAGE_IDS))
        .distinct()
        .order_by(Citation.claim_id, Source.name_key, Source.id),
        "documents": select(Citation.claim_id, Document.id, Document.title, func.count(Citation.id))
        .join(Document, Document.id == Citation.document_id)
        .where(Citation.claim_id.in_(_PAGE_IDS))
        .group_by(Citation.claim_id, Document.id, Document.title)
        .order_by(Citation.claim_id, Document.id),
    }
)


#: Each sort as keyset columns; the id breaks ties, so every key is unique.
SORT_KEYS: dict[str, list[Key]] = {
    "newest": [Key(Claim.id, descending=True)],
    "oldest": [Key(Claim.id)],
    "updated": [Key(Claim.updated_at, True, parse_time), Key(Claim.id, descending=True)],
    "status": [Key(Claim.status, False, Status), Key(Claim.id, descending=True)],
}


def _sort_key(claim: Claim, sort: str) -> str:
    values = {"updated": [claim.updated_at, claim.id], "status": [claim.status, claim.id]}
    return encode(values.get(sort, [claim.id]))


def list_claims(
    session: Session,
    filters: ClaimFilters,
    size: int = 25,
    status_totals: dict[Status, int] | None = None,
) -> Page[ClaimRow]:
    """One page of claims matching the filters, with citation counts and speakers.

    The total comes from the counts by status (pass them when the page shows them
    anyway): counting the matches a second time doubled the cost of a filtered list.
    """
    if status_totals is None:
        status_totals = status_counts(session, filters)
    total, bounded = _total(session, filters, status_totals)
    number = max(1, filters.page) if bounded else clamp_page(filters.page, size, total)
    # Past the bound the last page is unknown: never read one from the end of the order.
    pages = number + 1 if bounded else max(1, -(-total // size))
    window = Window(number, pages, size, total, filters.after, filters.before, exact=not bounded)
    keys = SORT_KEYS.get(filters.sort, SORT_KEYS["newest"])
    claims = _page_claims(session, filters, keys, window, status_totals, bounded=bounded)
    ids = [claim.id for claim in claims]
    counts: dict[int, int] = {}
    speakers: dict[int, list[SourceLink]] = {claim_id: [] for claim_id in ids}
    documents: dict[int, list[DocumentLink]] = {claim_id: [] for claim_id in ids}
    tags: dict[int, list[str]] = {claim_id: [] for claim_id in ids}
    if ids:
        # Tags, speakers, and the cited documents with the citation counts in one statement
        # (each was a statement, a round trip to PostgreSQL): every citation names a
        # document, so a claim's citations are the sum over its documents.
        sets = _AROUND.read(session.connection(), {"ids": ids})
        for claim_id, name in sets["tags"]:
            tags[claim_id].append(name)
        for claim_id, source_id, name, _key in sets["speakers"]:
            speakers[claim_id].append(SourceLink(source_id, name))
        for claim_id, document_id, title, citations in sets["documents"]:
            documents[claim_id].append(DocumentLink(document_id, title))
            counts[claim_id] = counts.get(claim_id, 0) + citations
    has_next = len(claims) == size if bounded else number < pages
    rows_out = [
        ClaimRow(
            claim, counts.get(claim.id, 0), speakers[claim.id], documents[claim.id], tags[claim.id]
        )
        for claim in claims
    ]
    return Page(
        rows_out,
        number,
        size,
        total,
        next_cursor=_sort_key(claims[-1], filters.sort) if claims and has_next else "",
        previous_cursor=_sort_key(claims[0], filters.sort) if claims and number > 1 else "",
        bounded=bounded,
    )


def _page_claims(
    session: Session,
    filters: ClaimFilters,
    keys: list[Key],
    window: Window,
    status_totals: dict[Status, int],
    *,
    bounded: bool,
) -> list[Claim]:
    """The claims of the page, in the list's order."""
    newest = getattr(status_totals, "newest", None) if bounded else None
    if newest is not None and keys is SORT_KEYS["newest"]:
        query = gathered(filters, keys, window, newest)
        claims = list(session.scalars(query)) if query is not None else []
        if claims and len(claims) == window.size:
            return claims
    matches = getattr(status_totals, "matches", None)
    query, reverse = paged(filters, dialect(session), keys, window, walk=bounded, matches=matches)
    claims = list(session.scalars(query))
    return claims[::-1] if reverse else claims


def _total(
    session: Session, filters: ClaimFilters, status_totals: dict[Status, int]
) -> tuple[int, bool]:
    """The list's total from the counts by status, and whether it is only a lower bound.

    Past the bound a status within the selection is counted on its own, up to the bound too.
    """
    if not getattr(status_totals, "bounded", False):
        if filters.status:
            return status_totals.get(Status(filters.status), 0), False
        return sum(status_totals.values()), False
    bound = count_bound(filters)
    if not filters.status:
        return bound, True
    limited = matching_ids(filters, dialect(session), bound + 1).subquery()
    count = session.scalar(select(func.count()).select_from(limited)) or 0
    return min(count, bound), count > bound


def status_counts(session: Session, filters: ClaimFilters) -> StatusCounts:
    """How many claims match the other filters at each status (for the counts beside them).

    Unfiltered or by a tag alone, the counts come from trigger-kept tables: no count of claims.
    Filtered, at most count_bound + 1 matches are read; past the bound nothing is counted
    by status (a count of an arbitrary part would mislead) and the counts say `bounded`.
    """
    return counts_from_rows(session.execute(status_counts_query(session, filters)), filters)


def status_counts_query(session: Session, filters: ClaimFilters) -> Select:
    """The statement of status_counts, to read with a page's other sets (factdb.rowsets)."""
    if filters.is_unfiltered(with_status=False):
        return select(ClaimStatusCount.status, ClaimStatusCount.count)
    if filters.only_tag():
        # Kept by triggers (migration 0031): counting read each tagged claim's status.
        return (
            select(TagStatusCount.status, TagStatusCount.count)
            .join(Tag, Tag.id == TagStatusCount.tag_id)
            .where(Tag.name == tag_name(filters.tag))
        )
    name, bound = dialect(session), count_bound(filters)
    if walks(filters, name):
        return walked_counts(filters, name, bound)
    subquery = (
        filtered(filters, name, with_status=False)
        .with_only_columns(Claim.status)
        .limit(bound + 1)
        .subquery()
    )
    return select(subquery.c.status, func.count()).group_by(subquery.c.status)


def counts_from_rows(rows: Iterable[Sequence[Any]], filters: ClaimFilters) -> StatusCounts:
    """The counts by status from the rows of status_counts_query for the same filters."""
    counts = StatusCounts({status: 0 for status in Status})
    bound = count_bound(filters)
    matches: list[int] | None = None
    statuses: dict[int, str] = {}
    reach: int | None = None
    for status, count, *walked in rows:
        if status in Status._value2member_map_:  # a status this code does not know is left out
            counts[Status(status)] = count
        if walked:  # walked_counts' ids of the claims at this status, and their reach
            matches = (matches or []) + list(walked[0] or [])
            statuses.update(dict.fromkeys(walked[0] or [], status))
            reach = walked[1] if len(walked) > 1 else None
    counted = filters.is_unfiltered(with_status=False) or filters.only_tag()
    if not counted and sum(counts.values()) > bound:
        counts.update(dict.fromkeys(Status, 0))
        counts.bounded, counts.at_least = True, bound
        if matches is not None and reach is not None:
            counts.newest = sorted(((i, statuses[i]) for i in matches if i >= reach), reverse=True)
    elif matches is not None:
        counts.matches = matches
    return counts


@dataclass
class ListHeading:
    """What a list shows above its rows, and the `extra` sets its caller asked for."""

    tags: list[str]
    counts: StatusCounts
    #: Names of the source and document the list is filtered by (filter_labels).
    labels: dict[str, str]
    sets: dict[str, list[Row]]


def list_heading(
    session: Session, filters: ClaimFilters, extra: Mapping[str, Select], *, tags: bool = True
) -> ListHeading:
    """The tag names, counts by status and filter labels of a list, with `extra` sets.

    One statement (factdb.rowsets): on PostgreSQL each statement is a round trip.
    Without `tags` no tag name is read (a page that offers no tag filter).
    """
    sets = {"counts": status_counts_query(session, filters), **extra}
    if tags:
        sets["tags"] = tag_names_query()
    if filters.source_id is not None:
        sets["source"] = select(Source.name).where(Source.id == filters.source_id)
    if filters.document_id is not None:
        sets["document"] = select(Document.title).where(Document.id == filters.document_id)
    rows = read_sets(session.connection(), sets_statement(sets), sets, {})
    labels = {}
    for name, chosen in (("source", filters.source_id), ("document", filters.document_id)):
        if chosen is not None:
            labels[name] = rows[name][0][0] if rows[name] else f"#{chosen} (not found)"
    names = [name for (name,) in rows.get("tags", [])]
    return ListHeading(names, counts_from_rows(rows["counts"], filters), labels, rows)


def tag_names_query(prefix: str = "", limit: int = 200) -> Select[tuple[str]]:
    """Tag names in alphabetical order, for suggestions (an index lookup, no counting)."""
    query = select(Tag.name).order_by(Tag.name).limit(limit)
    prefix = split_tags(prefix)[0] if split_tags(prefix) else ""
    if prefix:
        escaped = like_escaped(prefix)
        query = query.where(Tag.name.like(f"{escaped}%", escape="\\"))
    return query


def tag_names(session: Session, prefix: str = "", limit: int = 200) -> list[str]:
    """Tag names in alphabetical order, for suggestions (an index lookup, no counting)."""
    return list(session.scalars(tag_names_query(prefix, limit)))


def filter_labels(session: Session, filters: ClaimFilters) -> dict[str, str]:
    """Names for the source and document a list is filtered by, to show beside the filter."""
    labels: dict[str, str] = {}
    if filters.source_id is not None:
        source = session.get(Source, filters.source_id)
        labels["source"] = source.name if source else f"#{filters.source_id} (not found)"
    if filters.document_id is not None:
        document = session.get(Document, filters.document_id)
        labels["document"] = document.title if document else f"#{filters.document_id} (not found)"
    return labels


def matching_claims_query(session: Session, filters: ClaimFilters) -> Select:
    """A query of the ids of every claim the filters select (to use as a subquery)."""
    return filtered(filters, dialect(session)).with_only_columns(Claim.id)


def matching_claim_ids(session: Session, filters: ClaimFilters) -> list[int]:
    """The ids of every claim the filters select (for audits and exports of a selection)."""
    return list(
        session.scalars(
            filtered(filters, dialect(session)).with_only_columns(Claim.id).order_by(Claim.id)
        )
    )
