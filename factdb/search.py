"""Full-text search over claims, quotes, sources (with aliases) and documents.

SQLite uses the FTS5 table kept in step by triggers; PostgreSQL uses tsvector
expression indexes. Whatever a person types is turned into a query built only
from quoted terms, so that no input can be an FTS syntax error: "phrases" stay
phrases, a trailing * makes a prefix, and everything else is a plain word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import Integer, bindparam, column, text
from sqlalchemy.orm import Session

MAX_QUERY_LENGTH = 500
MAX_TERMS = 16
KINDS = ("claim", "citation", "source", "document")
_START, _STOP = "\x02", "\x03"
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]

    def fts5(self) -> str:
        """An FTS5 MATCH expression: every term quoted, so nothing is read as an operator."""
        parts = []
        for term in self.terms:
            phrase = " ".join(term.words).replace('"', '""')
            parts.append(f'"{phrase}"' + ("*" if term.prefix else ""))
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """A PostgreSQL to_tsquery expression built from word characters only."""
        parts = []
        for term in self.terms:
            lexemes = [f"'{word.lower()}'" for word in term.words]
            if term.prefix:
                lexemes[-1] += ":*"
            parts.append("(" + " <-> ".join(lexemes) + ")" if len(lexemes) > 1 else lexemes[0])
        return " & ".join(parts)


def parse_query(raw: str) -> Query | None:
    """Read what a person typed; None when nothing searchable is left (only punctuation, say)."""
    raw = (raw or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    terms: list[Term] = []
    for phrase, word in _TOKEN.findall(raw):
        chunk = phrase if phrase else word
        prefix = not phrase and chunk.endswith("*")
        words = tuple(_WORD.findall(chunk))
        if not words:
            continue
        if phrase:
            terms.append(Term(words))
        else:
            # "don't" or "e-mail": several words in a row, searched as a phrase.
            terms.append(Term(words, prefix=prefix))
        if len(terms) >= MAX_TERMS:
            break
    return Query(tuple(terms)) if terms else None


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
    if session.get_bind().dialect.name == "postgresql":
        hits = _search_postgres(session, query, kinds, limit, offset)
    else:
        hits = _search_sqlite(session, query, kinds, limit, offset)
    return Results(
        query,
        hits,
        "" if hits else "Nothing matches. Check the spelling, or search for fewer words.",
    )


def _search_sqlite(
    session: Session, query: Query, kinds: tuple[str, ...], limit: int, offset: int
) -> list[Hit]:
    rows = session.execute(
        text(
            "SELECT kind, rid, title, snippet(search_index, -1, char(2), char(3), '…', 14) AS snip "
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
    return _with_claims(
        session, [Hit(kind, int(rid), title, highlight(snip)) for kind, rid, title, snip in rows]
    )


_POSTGRES_PARTS = {
    "claim": "SELECT 'claim' AS kind, id AS rid, text AS title, text || ' ' || context AS body, "
    "ts_rank(search_vector, q) AS rank FROM claim, q WHERE search_vector @@ q",
    "citation": "SELECT 'citation', id, '', quote, ts_rank(search_vector, q) FROM citation, q "
    "WHERE search_vector @@ q",
    "source": "SELECT 'source', id, name, name || ' ' || role, ts_rank(search_vector, q) "
    "FROM source, q WHERE search_vector @@ q "
    "UNION ALL SELECT 'source', s.id, s.name, a.name, ts_rank(a.search_vector, q) "
    "FROM source_alias a JOIN source s ON s.id = a.source_id, q WHERE a.search_vector @@ q",
    "document": "SELECT 'document', id, title, title || ' ' || left(full_text, 200000), "
    "ts_rank(search_vector, q) FROM document, q WHERE search_vector @@ q",
}


def _search_postgres(
    session: Session, query: Query, kinds: tuple[str, ...], limit: int, offset: int
) -> list[Hit]:
    union = " UNION ALL ".join(_POSTGRES_PARTS[kind] for kind in kinds)
    rows = session.execute(
        text(
            f"WITH q AS (SELECT to_tsquery('simple', :tsquery) AS q), "  # noqa: S608 (fixed SQL, parameters bound)
            f"hits AS ({union}), best AS (SELECT * FROM hits ORDER BY rank DESC, kind, rid LIMIT :limit OFFSET :offset) "
            "SELECT kind, rid, title, ts_headline('simple', body, (SELECT q FROM q), "
            "'StartSel=\x02, StopSel=\x03, MaxWords=24, MinWords=8, MaxFragments=1') FROM best ORDER BY rank DESC, kind, rid"
        ),
        {"tsquery": query.tsquery(), "limit": limit, "offset": offset},
    ).all()
    seen: set[tuple[str, int]] = set()
    hits = []
    for kind, rid, title, snip in rows:
        if (kind, rid) not in seen:
            seen.add((kind, rid))
            hits.append(Hit(kind, int(rid), title, highlight(snip)))
    return _with_claims(session, hits)


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


def claim_ids_matching(dialect: str, query: Query):
    """A SQL fragment selecting the ids of claims whose text or quotes match, for list filters."""
    if dialect == "postgresql":
        statement = text(
            "SELECT id AS rid FROM claim "
            "WHERE search_vector @@ to_tsquery('simple', :fts_q) "
            "UNION SELECT claim_id FROM citation WHERE search_vector @@ to_tsquery('simple', :fts_q)"
        ).bindparams(fts_q=query.tsquery())
    else:
        # Filter on rowid (id * 4 + kind), not on the kind column: reading a column of
        # every matching row costs a lookup each, the rowid comes with the match.
        statement = text(
            "SELECT rowid / 4 AS rid FROM search_index WHERE search_index MATCH :fts_q AND rowid % 4 = 0 "
            "UNION SELECT claim_id FROM citation WHERE id IN "
            "(SELECT rowid / 4 FROM search_index WHERE search_index MATCH :fts_q AND rowid % 4 = 1)"
        ).bindparams(fts_q=query.fts5())
    return statement.columns(column("rid", Integer))
