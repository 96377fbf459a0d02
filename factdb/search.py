"""Full-text search over claims, quotes, sources (with aliases) and documents.

SQLite uses the FTS5 table kept in step by triggers; PostgreSQL uses tsvector
expression indexes. What a person types is read once (factdb.search_syntax: words,
"phrases", -word, OR, prefix*) and written out for either engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, Integer, TextClause, and_, bindparam, column, false, text
from sqlalchemy.orm import Session

from factdb.models import Claim
from factdb.search_marks import START, STOP, mark_folded, stored_snippet
from factdb.search_syntax import Query, only_excluded_message, parse_query

__all__ = [
    "KINDS",
    "Hit",
    "Query",
    "Results",
    "claim_walks",
    "claims_matching",
    "parse_query",
    "search",
]

KINDS = ("claim", "citation", "source", "document")
_START, _STOP = START, STOP


@dataclass
class Hit:
    kind: str
    record_id: int
    title: str
    snippet: Markup
    claim_id: int | None = None
    #: The status of the claim the hit is (a claim) or belongs to (a quote).
    status: str = ""


@dataclass
class Results:
    query: Query | None
    hits: list[Hit] = field(default_factory=list)
    message: str = ""


def highlight(fragment: str) -> Markup:
    """Escape a snippet and turn the engine's sentinels into <mark> elements."""
    escaped = str(escape(fragment or ""))
    return Markup(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S704 (escaped above)


def search(
    session: Session,
    raw: str,
    *,
    kinds: tuple[str, ...] = KINDS,
    limit: int = 50,
    offset: int = 0,
) -> Results:
    """Ranked hits with highlighted snippets, best first; `offset` skips the first hits (paging)."""
    query = parse_query(raw)
    if query is None:
        return Results(None, message="Type a word or a name to search for." if raw.strip() else "")
    if not query.groups:
        return Results(query, message=only_excluded_message(query))
    hits = _hits(session, query, kinds, limit, offset)
    if hits:
        return Results(query, hits)
    if query.excluded and _hits(session, query.positive(), kinds, 1, 0):
        return Results(
            query, message=f"Every match has something left out by {query.excluded_text()}."
        )
    return Results(query, message="Nothing matches. Check the spelling, or search for fewer words.")


def _hits(
    session: Session, query: Query, kinds: tuple[str, ...], limit: int, offset: int
) -> list[Hit]:
    if session.get_bind().dialect.name == "postgresql":
        return _search_postgres(session, query, kinds, limit, offset)
    return _search_sqlite(session, query, kinds, limit, offset)


def _search_sqlite(
    session: Session, query: Query, kinds: tuple[str, ...], limit: int, offset: int
) -> list[Hit]:
    rows = session.execute(
        text(
            "SELECT kind, rid, title, snippet(search_index, 2, char(2), char(3), '…', 14), "
            "snippet(search_index, 3, char(2), char(3), '…', 14) "
            "FROM search_index WHERE search_index MATCH :match AND rowid % 4 IN :kinds "
            "ORDER BY bm25(search_index, 0, 0, 4.0, 1.0) LIMIT :limit OFFSET :offset"
        ).bindparams(bindparam("kinds", expanding=True)),
        {
            "match": query.fts5(),
            "kinds": [KINDS.index(kind) for kind in kinds],
            "limit": limit,
            "offset": offset,
        },
    ).all()
    hits = []
    for kind, rid, title, in_title, in_body in rows:
        # Snippets are cut from the stored columns, never the folded one (which would show
        # the folded text, the title glued to the body); the one with more marks is shown.
        snip = in_body if in_body.count(_START) > in_title.count(_START) else in_title
        if _START not in snip:  # found only through folding: cut from the stored text here
            snip = stored_snippet([_stored_body(session, kind, rid), title], query) or snip
        hits.append(Hit(kind, int(rid), title, highlight(mark_folded(snip, query))))
    return _with_claims(session, hits)


def _stored_body(session: Session, kind: str, rid: int) -> str:
    """The indexed text of one hit as stored, read only when its snippet came out folded."""
    return (
        session.scalar(
            text("SELECT body FROM search_index WHERE rowid = :rowid"),
            {"rowid": int(rid) * 4 + KINDS.index(kind)},
        )
        or ""
    )


def _ranked(kind: str, table: str, rid: str = "id", alias: str = "NULL::integer") -> str:
    """One table's matches, ranked; every branch names its columns.

    Only the first branch of a union named them, so searching one kind other than claims
    failed on PostgreSQL ("column rank does not exist").
    """
    return (
        f"SELECT '{kind}' AS kind, {rid} AS rid, {alias} AS alias_id, "  # noqa: S608 (fixed SQL)
        f"ts_rank(search_vector, q) AS rank FROM {table}, q WHERE search_vector @@ q"
    )


#: Each kind's matches, ranked: only ids and ranks, so that no text is read for a match the
#: page does not show (a word in 403 documents read and joined every one of their texts).
_POSTGRES_MATCHES = {
    "claim": _ranked("claim", "claim"),
    "citation": _ranked("citation", "citation"),
    "source": _ranked("source", "source")
    + " UNION ALL "
    + _ranked("source", "source_alias", "source_id", "id"),
    "document": _ranked("document", "document"),
}

#: What the shown hits are read with: the text a snippet is cut from, and for a claim or a
#: quote the claim's text and status (in the same statement: no second round trip). One
#: branch per kind, each run only for its own hits: joining every kind's tables to the hits
#: made the statement cost more to plan (about 1.5 ms, each time) than to run.
_POSTGRES_SHOWN = (
    "SELECT b.kind, b.rid, b.rank, r.title, r.claim_id, r.status, r.body FROM best b "
    "CROSS JOIN LATERAL ("
    "SELECT text AS title, id AS claim_id, status, text || ' ' || context AS body FROM claim "
    "WHERE b.kind = 'claim' AND id = b.rid "
    "UNION ALL SELECT cl.text, cl.id, cl.status, ci.quote FROM citation ci "
    "JOIN claim cl ON cl.id = ci.claim_id WHERE b.kind = 'citation' AND ci.id = b.rid "
    "UNION ALL SELECT s.name, NULL, NULL, coalesce("
    "(SELECT a.name FROM source_alias a WHERE a.id = b.alias_id), s.name || ' ' || s.role) "
    "FROM source s WHERE b.kind = 'source' AND s.id = b.rid "
    "UNION ALL SELECT title, NULL, NULL, title || ' ' || left(full_text, 200000) FROM document "
    "WHERE b.kind = 'document' AND id = b.rid) r"
)

_HEADLINE = "'StartSel=\x02, StopSel=\x03, MaxWords=24, MinWords=8, MaxFragments=1'"

#: ts_headline parses all the text it is given, about 0.1 ms a kilobyte: it is given the
#: 360 characters around the first place a word of the query appears (the whole text when
#: the word is not found there, and again when the window holds no match to mark). The
#: steps are MATERIALIZED: inlined, each use of a column computed it again (the text, the
#: place, the headline), which made the search three times slower than before.
_POSTGRES_SNIPPETS = (
    "placed AS MATERIALIZED (SELECT shown.*, strpos(lower(body), :word) AS at FROM shown), "  # noqa: S608 (fixed SQL)
    "framed AS (SELECT placed.*, at = 0 OR length(body) <= 360 AS whole, "
    "CASE WHEN at = 0 OR length(body) <= 360 THEN body WHEN at <= 120 THEN left(body, 360) "
    "ELSE substr(substr(body, at - 120, 360), strpos(substr(body, at - 120, 360), ' ') + 1) "
    "END AS part FROM placed), "
    f"marked AS MATERIALIZED (SELECT framed.*, ts_headline('simple', part, q.either, {_HEADLINE}) AS snip "
    "FROM framed, q) "
    "SELECT kind, rid, title, claim_id, status, CASE WHEN whole OR strpos(snip, chr(2)) > 0 "
    f"THEN snip ELSE ts_headline('simple', body, (SELECT q FROM q), {_HEADLINE}) END "
    "FROM marked ORDER BY rank DESC, kind, rid"
)


def _search_postgres(
    session: Session, query: Query, kinds: tuple[str, ...], limit: int, offset: int
) -> list[Hit]:
    union = " UNION ALL ".join(_POSTGRES_MATCHES[kind] for kind in kinds)
    # The page's bounds are written into the statement, not bound: with them bound, the plan
    # kept for the prepared statement could not know how few hits it reads, so PostgreSQL
    # planned it afresh at every search (custom plans), which cost more than running it.
    page = f"LIMIT {int(limit)} OFFSET {int(offset)}"
    rows = session.execute(
        text(
            "WITH q AS (SELECT to_tsquery('simple', :tsquery) AS q, "  # noqa: S608 (fixed SQL, parameters bound)
            f"to_tsquery('simple', :either) AS either), hits AS ({union}), "
            f"best AS (SELECT * FROM hits ORDER BY rank DESC, kind, rid {page}), "
            f"shown AS ({_POSTGRES_SHOWN}), {_POSTGRES_SNIPPETS}"
        ),
        {
            "tsquery": query.tsquery(),
            # A window may hold one term and not the others: the headline of all the terms
            # found no place where they all are, marked nothing, and the whole text was read.
            "either": query.tsquery(" | "),
            "word": query.longest_word(),
        },
    ).all()
    seen: set[tuple[str, int]] = set()
    hits = []
    for kind, rid, title, claim_id, status, snip in rows:
        if (kind, rid) not in seen:
            seen.add((kind, rid))
            snip = mark_folded(snip, query)  # ts_headline marks only words found as stored
            hits.append(Hit(kind, int(rid), title or "", highlight(snip), claim_id, status or ""))
    return hits


def _with_claims(session: Session, hits: list[Hit]) -> list[Hit]:
    """Quotes are shown with the claim they belong to; claims and quotes with its status."""
    citation_ids = [hit.record_id for hit in hits if hit.kind == "citation"]
    if citation_ids:
        rows = session.execute(
            text(
                "SELECT c.id, c.claim_id, cl.text, cl.status FROM citation c JOIN claim cl ON cl.id = c.claim_id WHERE c.id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": citation_ids},
        ).all()
        claims = {cid: (claim_id, claim_text, status) for cid, claim_id, claim_text, status in rows}
        for hit in hits:
            if hit.kind == "citation" and hit.record_id in claims:
                hit.claim_id, hit.title, hit.status = claims[hit.record_id]
    claim_ids = [hit.record_id for hit in hits if hit.kind == "claim"]
    if claim_ids:
        statuses = dict(
            session.execute(
                text("SELECT id, status FROM claim WHERE id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": claim_ids},
            ).all()
        )
        for hit in hits:
            if hit.kind == "claim":
                hit.claim_id, hit.status = hit.record_id, statuses.get(hit.record_id, "")
    return hits


def claims_matching(dialect: str, query: Query) -> ColumnElement[bool] | TextClause:
    """A condition on `claim.id`: the claim's text or one of its quotes matches (list filters).

    An excluded term leaves out a claim when its text or any of its quotes has it: the list
    shows claims, so a claim whose quote has the excluded word is not what was asked for.
    """
    if not query.groups:
        return false()
    if dialect == "postgresql":
        return _postgres_claims(query)
    matching = Claim.id.in_(_sqlite_claims(query.positive()))
    if query.excluded:
        return and_(matching, Claim.id.not_in(_sqlite_claims(query.any_excluded())))
    return matching


def _postgres_claims(query: Query) -> TextClause:
    """Claims whose text or quote matches, as an array of ids, less those with an excluded term.

    The matching ids are gathered into an array first: as `IN (subquery)` the planner,
    pricing a look-up per match high, hashed the matches and read every claim of the
    database to join them (100,000 index entries to count 912 matches by status), or walked
    the claims newest first until it had a page (thousands for a rare word). The excluded
    claims are taken out inside the array (EXCEPT, hashed): as `NOT (id = ANY(array))`
    each candidate claim was compared with every excluded id, 2.8 s for 7,863 claims.
    """
    ids = _POSTGRES_CLAIM_IDS.format(name="fts_q")
    values = {"fts_q": query.positive().tsquery()}
    if query.excluded:
        ids = f"({ids}) EXCEPT ({_POSTGRES_CLAIM_IDS.format(name='fts_x')})"
        values["fts_x"] = query.any_excluded().tsquery()
    return text(f"claim.id = ANY(ARRAY({ids}))").bindparams(**values)


_POSTGRES_CLAIM_IDS = (
    "SELECT id FROM claim WHERE search_vector @@ to_tsquery('simple', :{name}) "
    "UNION ALL SELECT claim_id FROM citation WHERE search_vector @@ to_tsquery('simple', :{name})"
)


def claim_walks(query: Query) -> list[TextClause]:
    """Two conditions on one claim row whose union is claims_matching (PostgreSQL).

    The first holds when the claim's text matches, the second when one of its quotes does;
    both leave out a claim with an excluded term. Each is a condition on the row, so a list
    ordered by an index can walk the claims in its order and stop after a page when the
    words are common, or gather the few matches from the GIN index when they are rare: the
    planner chooses from the words' statistics. The tsquery is written into the statement
    (literal_execute): as a bound parameter, a prepared statement's generic plan would not
    know how common the words are.
    """
    own = "claim.search_vector @@ to_tsquery('simple', :{name})"
    quoted = (
        "EXISTS (SELECT 1 FROM citation WHERE citation.claim_id = claim.id "
        "AND citation.search_vector @@ to_tsquery('simple', :{name}))"
    )
    values = {"fts_q": query.positive().tsquery()}
    left_out = ""
    if query.excluded:
        values["fts_x"] = query.any_excluded().tsquery()
        left_out = f" AND NOT {own.format(name='fts_x')} AND NOT {quoted.format(name='fts_x')}"
    walks = []
    for condition in (own, quoted):
        params = [
            bindparam(name, value, unique=True, literal_execute=True)
            for name, value in values.items()
        ]
        walks.append(text(f"({condition.format(name='fts_q')}{left_out})").bindparams(*params))
    return walks


def _sqlite_claims(query: Query) -> Any:
    """Ids of claims whose text or quote matches.

    Filter on rowid (id * 4 + kind), not on the kind column: reading a column of every
    matching row costs a lookup each, the rowid comes with the match.
    """
    statement = text(
        "SELECT rowid / 4 AS rid FROM search_index WHERE search_index MATCH :fts_q AND rowid % 4 = 0 "
        "UNION SELECT claim_id FROM citation WHERE id IN "
        "(SELECT rowid / 4 FROM search_index WHERE search_index MATCH :fts_q AND rowid % 4 = 1)"
    ).bindparams(bindparam("fts_q", query.fts5(), unique=True))
    return statement.columns(column("rid", Integer))
