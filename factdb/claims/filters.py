"""What a claims list is filtered by, written as SQL: the filters, and text searches as walks.

A text search on PostgreSQL is counted, and past its count bound paged, by two walks
(factdb.search.claim_walks): claims whose text matches, and claims with a matching quote.
Each walk reads only as far as the page or the count bound needs, so a common word costs
what a page costs; gathering every match first (5,000 claims of a million for the bench's
commonest words) grew with the database. Under the bound the page gathers the matches.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ARRAY,
    BindParameter,
    Integer,
    Select,
    any_,
    bindparam,
    case,
    cast,
    func,
    null,
    select,
    union,
)
from sqlalchemy.orm import Session

from factdb.keyset import Key, Window, decode, page_query
from factdb.models import Citation, Claim, Tag, claim_tag
from factdb.search import claim_walks, claims_matching, parse_query
from factdb.text import clean, like_escaped, tag_name
from factdb.vocab import Status


@dataclass
class ClaimFilters:
    q: str = ""
    status: str = ""
    tag: str = ""
    source_id: int | None = None
    document_id: int | None = None
    sort: str = "newest"
    page: int = 1
    #: Cursors (factdb.keyset): the page starts after, or ends before, this sort key.
    after: str = ""
    before: str = ""

    def is_unfiltered(self, *, with_status: bool = True) -> bool:
        """True when nothing narrows the list (the status only counts if `with_status`)."""
        narrowing = [self.q, self.tag, self.source_id, self.document_id]
        if with_status:
            narrowing.append(self.status)
        return not any(value not in ("", None) for value in narrowing)

    def only_tag(self) -> bool:
        """True when a tag, perhaps with a status, is all that narrows the list."""
        return bool(self.tag) and not any(
            value not in ("", None) for value in (self.q, self.source_id, self.document_id)
        )

    def as_query(self, **overrides: object) -> dict[str, object]:
        """The filters as URL parameters, leaving out the empty ones."""
        values: dict[str, object] = {
            "q": self.q,
            "status": self.status,
            "tag": self.tag,
            "source": self.source_id,
            "document": self.document_id,
            "sort": self.sort if self.sort != "newest" else "",
            "page": self.page if self.page != 1 else "",
        }
        values.update(overrides)
        return {key: value for key, value in values.items() if value not in ("", None)}


def dialect(session: Session) -> str:
    """The name of the database the session talks to."""
    return session.get_bind().dialect.name


def narrowed(filters: ClaimFilters, *, with_status: bool = True) -> Select:
    """The claims the filters other than the text search select."""
    query = select(Claim)
    if with_status and filters.status:
        query = query.where(Claim.status == Status(filters.status))
    if filters.tag:
        tagged = select(claim_tag.c.claim_id).join(Tag).where(Tag.name == tag_name(filters.tag))
        query = query.where(Claim.id.in_(tagged))
    if filters.source_id is not None:
        cited = select(Citation.claim_id).where(Citation.speaker_id == filters.source_id)
        query = query.where(Claim.id.in_(cited))
    if filters.document_id is not None:
        cited = select(Citation.claim_id).where(Citation.document_id == filters.document_id)
        query = query.where(Claim.id.in_(cited))
    return query


def filtered(filters: ClaimFilters, dialect: str, *, with_status: bool = True) -> Select:
    """Every claim the filters select, the text search included (one condition)."""
    query = narrowed(filters, with_status=with_status)
    q = clean(filters.q)
    if q:
        parsed = parse_query(q)
        if parsed is not None:
            query = query.where(claims_matching(dialect, parsed))
        else:  # nothing but punctuation: look for it literally
            # The cleaned text: PostgreSQL refuses a NUL that the raw query may carry.
            escaped = like_escaped(q.lower())
            query = query.where(func.lower(Claim.text).like(f"%{escaped}%", escape="\\"))
    return query


def walks(filters: ClaimFilters, dialect: str) -> list[Any]:
    """The text search's walks on PostgreSQL; empty when the list is searched as one set."""
    parsed = parse_query(clean(filters.q)) if clean(filters.q) else None
    if dialect != "postgresql" or parsed is None or not parsed.groups:
        return []
    return claim_walks(parsed)


def matching_ids(
    filters: ClaimFilters,
    dialect: str,
    limit: int,
    *,
    with_status: bool = True,
    columns: tuple[Any, ...] = (Claim.id,),
) -> Select:
    """`columns` of claims the filters select, at most `limit` claims from each walk.

    Past `limit` claims in all the list is past its bound, whichever walk found them;
    under it, neither walk stopped early, so the rows are every match, each once.
    When the claims' own texts alone reach `limit`, the quotes are not walked: the list is
    past its bound already (a common word's quotes cost 17 ms of a 21 ms count to walk at
    100,000 claims, and more with every claim added).
    """
    found = walks(filters, dialect)
    if not found:
        query = filtered(filters, dialect, with_status=with_status)
        return query.with_only_columns(*columns).limit(limit)
    texts, others = _walked(filters, dialect, limit, columns, with_status=with_status)
    return select(union(select(texts), *(select(other) for other in others)).subquery())


def _walked(
    filters: ClaimFilters,
    dialect: str,
    limit: int,
    columns: tuple[Any, ...],
    *,
    with_status: bool = False,
) -> tuple[Any, list[Any]]:
    """The walks of matching_ids as named steps: the claims' own texts, then the others.

    Newest first, as the list's first page reads them: unordered, the quotes' walk was
    planned as a hash of every matching quote (2,086 at 100,000 claims) before its limit.
    """
    base = narrowed(filters, with_status=with_status).with_only_columns(*columns)
    own, *others = [
        base.where(walk).order_by(Claim.id.desc()).limit(written(limit))
        for walk in walks(filters, dialect)
    ]
    texts = own.cte("own_walk")
    short = select(func.count()).select_from(texts).scalar_subquery() < written(limit)
    return texts, [
        other.where(short).cte(f"walk_{number}") for number, other in enumerate(others, 1)
    ]


def written(number: int) -> BindParameter[int]:
    """`number` written into the statement, as the walks' tsquery is (PostgreSQL).

    Bound, the limit of a walk was unknown to the plan kept for the prepared statement,
    which took it for a tenth of the matches and walked the claims' primary key filtering
    each row: 200 ms to count a common word's 2,000 matches at 100,000 claims, 25 ms with
    the limit known (a bitmap of the matches, sorted).
    """
    return bindparam("walk_limit", number, type_=Integer, unique=True, literal_execute=True)


def walked_counts(filters: ClaimFilters, dialect: str, bound: int) -> Select:
    """Rows (status, claims, their ids) of a walked text search, from at most `bound` + 1
    claims a walk.

    Each walk reads its claims' statuses as it finds them (the claim row of a text match,
    the (id, status) index for a quote's claim), and the union counts each claim once.
    Past the bound the counts add up to more than `bound`, which is all they then say
    (counts_from_rows). Gathering the ids into an array first and looking each one up
    again for its status read twice the buffers (2,736 against 1,441 for a word of 532
    claims at 100,000 claims) to count the same claims. Under the bound the ids are every
    match: the page is read from them (`paged`), not searched for a second time.
    """
    limit = bound + 1
    texts, others = _walked(filters, dialect, limit, (Claim.id, Claim.status))
    found = union(select(texts), *(select(other) for other in others)).subquery()
    return select(
        found.c.status, func.count(), func.array_agg(found.c.id), _reach(texts, others, limit)
    ).group_by(found.c.status)


def _reach(texts: Any, others: list[Any], limit: int) -> Any:
    """The smallest claim id down to which the walks found every match; NULL when unknown.

    Each walk reads its claims newest first and stops at `limit`: past the last id of a
    walk that stopped there, that walk's matches are unread, above it every one was read.
    So the ids the walks gathered that are at least the largest such last id are every
    match at least that id: the first pages of the newest-first list, read from them
    without searching again. When the claims' own texts stopped at the limit the others
    were not walked, and nothing is known (NULL).
    """

    def walked(step: Any) -> Any:
        return select(func.count()).select_from(step).scalar_subquery()

    stops = [
        case(
            (walked(other) >= written(limit), select(func.min(other.c.id)).scalar_subquery()),
            else_=0,
        )
        for other in others
    ]
    return case(
        (walked(texts) >= written(limit), null()),
        else_=func.greatest(0, *stops) if stops else 0,
    )


def among(ids: Select) -> Any:
    """A condition: the claim's id is one of `ids` (PostgreSQL).

    Written `= ANY(array)`: as `IN (subquery)` the planner hashed the ids and read every
    claim's index entry to join them (100,000 to count 2,000 matches by status).
    """
    gathered = select(func.array_agg(ids.subquery().c.id)).scalar_subquery()
    return Claim.id == any_(cast(gathered, ARRAY(Integer)))


def paged(
    filters: ClaimFilters,
    dialect: str,
    keys: list[Key],
    window: Window,
    *,
    walk: bool,
    matches: list[int] | None = None,
) -> tuple[Select, bool]:
    """The query of one page of the list; True when its rows come back in reverse.

    With walks (`walk`: the matches are past the count bound, so there are many), each
    walk is read for the page's window in the list's order, and the page is cut from the
    union of what they found: every claim on the page is among the first rows of one walk.
    A page typed by number is read as the first pages of each walk. Under the bound the
    matches are few and gathering them all costs less than two walks planned anew; when
    the counts have gathered them already (`matches`: every claim the text search finds,
    whatever the other filters), the page is read from their ids.
    """
    if matches is not None:
        given = Claim.id == any_(bindparam("matches", matches, type_=ARRAY(Integer)))
        return page_query(narrowed(filters).where(given), keys, window, identity=Claim.id)
    found = walks(filters, dialect) if walk else []
    if not found:
        return page_query(filtered(filters, dialect), keys, window, identity=Claim.id)
    base = narrowed(filters).with_only_columns(Claim.id)
    reach = window
    cursor = any(c and decode(keys, c) is not None for c in (window.after, window.before))
    if not cursor and 1 < window.number < window.pages:
        reach = replace(window, number=1, size=window.number * window.size, after="", before="")
    parts = []
    for walk in found:
        walked, _reverse = page_query(base.where(walk), keys, reach)
        parts.append(select(walked.subquery().c.id))
    query = narrowed(filters).where(among(select(union(*parts).subquery().c.id)))
    return page_query(query, keys, window, identity=Claim.id)


def gathered(
    filters: ClaimFilters, keys: list[Key], window: Window, newest: list[tuple[int, str]]
) -> Select | None:
    """The newest-first page past the count bound, from the matches the counts walked.

    `newest` is every match (id, status) from the newest down to the id the counts' walks
    all reached (factdb.claims.queries.StatusCounts.newest): a full page of them is the
    list's page, and the search is not run again (on PostgreSQL, walking a common word's
    claims and quotes for the page cost as much as counting them). None when the page may
    reach below them, or is read backwards (`before`): the caller walks.
    """
    if filters.before:
        return None
    ids = [i for i, status in newest if not filters.status or status == filters.status]
    cursor = decode(keys, window.after) if window.after else None
    if cursor is not None:
        ids = [i for i in ids if i < cursor[0]][: window.size]
    else:
        ids = ids[(window.number - 1) * window.size : window.number * window.size]
    if len(ids) < window.size:
        return None
    given = Claim.id == any_(bindparam("matches", ids, type_=ARRAY(Integer)))
    return narrowed(filters).where(given).order_by(Claim.id.desc())
