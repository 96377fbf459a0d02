"""A text-searched list pages and counts the same whether its matches are walked or gathered.

On PostgreSQL the list walks the claims whose text matches and the claims with a matching
quote in the list's order, each walk stopping after the page; on SQLite it reads every match.
Both must give the reference: every match (one condition), sorted in Python.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from sqlalchemy import update

from factdb.claims import ClaimFilters, list_claims, matching_claim_ids, queries, status_counts
from factdb.models import Claim
from factdb.vocab import Role, Status

WORDS = ["ombrel", "ketsa", "vandro", "pilmo", "sarune", "tobic"]
QUERIES = ["ombrel", "ketsa", "vandro pilmo", '"sarune tobic"', "ombrel -ketsa", "ketsa OR tobic",
           "van*", "pilmo -vandro -sarune"]  # fmt: skip
SIZE = 4


@pytest.fixture
def claims(session, make):
    """Forty claims with words in their texts and quotes, at every status, some tagged."""
    rng = random.Random(7)
    editor = make.user(Role.EDITOR)
    document = make.document("The Harbour Ledger", by=editor)
    ids = []
    for n in range(40):
        words = " ".join(rng.sample(WORDS, 2))
        quote = " ".join(rng.sample(WORDS, 2)) if rng.random() < 0.5 else ""
        claim = make.claim(
            editor,
            f"Claim {n} about {words}",
            document=document if quote else None,
            quote=f"They said {quote}" if quote else "",
            tags=["port"] if n % 3 == 0 else [],
        )
        ids.append(claim.id)
    statuses = list(Status)
    for claim_id in ids:
        status = rng.choice(statuses)
        session.execute(update(Claim).where(Claim.id == claim_id).values(status=status))
    session.commit()
    return ids


def _reference(session, filters: ClaimFilters) -> list[int]:
    ids = set(matching_claim_ids(session, filters))
    claims = [session.get(Claim, claim_id) for claim_id in ids]
    keys = {
        "newest": lambda c: -c.id,
        "oldest": lambda c: c.id,
        "updated": lambda c: (-c.updated_at.timestamp(), -c.id),
        "status": lambda c: (c.status.value, -c.id),
    }
    return [c.id for c in sorted(claims, key=keys[filters.sort])]


def _ids(page) -> list[int]:
    return [row.claim.id for row in page.items]


@pytest.mark.parametrize("sort", list(queries.SORTS))
@pytest.mark.parametrize("narrow", [{}, {"tag": "port"}, {"status": "true"}])
def test_every_page_of_a_search_is_the_reference(session, claims, sort, narrow):
    found = 0
    for q in QUERIES:
        filters = ClaimFilters(q=q, sort=sort, **narrow)
        expected = _reference(session, filters)
        found += bool(expected)
        page = list_claims(session, filters, size=SIZE)
        assert page.total == len(expected) and not page.bounded
        walked = _ids(page)
        while page.next_cursor:
            after = ClaimFilters(q=q, sort=sort, page=page.number + 1, after=page.next_cursor,
                                 **narrow)  # fmt: skip
            page = list_claims(session, after, size=SIZE)
            walked += _ids(page)
        assert walked == expected, q
        for number in range(1, page.pages + 1):
            by_number = list_claims(session, ClaimFilters(q=q, sort=sort, page=number, **narrow),
                                    size=SIZE)  # fmt: skip
            assert _ids(by_number) == expected[(number - 1) * SIZE : number * SIZE], (q, number)
            if by_number.previous_cursor:
                before = ClaimFilters(q=q, sort=sort, page=number - 1,
                                      before=by_number.previous_cursor, **narrow)  # fmt: skip
                back = list_claims(session, before, size=SIZE)
                assert _ids(back) == expected[(number - 2) * SIZE : (number - 1) * SIZE]
    assert found >= len(QUERIES) // 2


@pytest.mark.parametrize("q", QUERIES)
def test_a_search_counts_by_status_what_it_finds(session, claims, q):
    expected = Counter(session.get(Claim, i).status for i in _reference(session, ClaimFilters(q=q)))
    counts = status_counts(session, ClaimFilters(q=q))
    assert not counts.bounded
    assert {s: n for s, n in counts.items() if n} == dict(expected)


def test_past_its_bound_a_search_says_at_least_whichever_walk_found_the_matches(
    session, claims, monkeypatch
):
    every = len(_reference(session, ClaimFilters(q="ombrel")))
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", every - 1)
    counts = status_counts(session, ClaimFilters(q="ombrel"))
    assert counts.bounded and counts.at_least == every - 1
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", every)
    assert not status_counts(session, ClaimFilters(q="ombrel")).bounded
    status = Counter(
        session.get(Claim, i).status for i in _reference(session, ClaimFilters(q="ombrel"))
    )
    common, many = status.most_common(1)[0]
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", 1)
    page = list_claims(session, ClaimFilters(q="ombrel", status=common.value), size=SIZE)
    assert page.bounded == (many > 1) and page.total == min(many, 1)


@pytest.mark.parametrize("sort", list(queries.SORTS))
@pytest.mark.parametrize("narrow", [{}, {"tag": "port"}, {"status": "true"}])
def test_past_the_bound_every_page_is_the_reference_too(session, claims, monkeypatch, sort, narrow):
    """Past the count bound the page is cut from the walks (PostgreSQL): the same rows."""
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", 1)
    for q in QUERIES:
        expected = _reference(session, ClaimFilters(q=q, sort=sort, **narrow))
        if len(expected) < 2:
            continue
        page = list_claims(session, ClaimFilters(q=q, sort=sort, **narrow), size=SIZE)
        assert page.bounded
        walked = _ids(page)
        while page.next_cursor:
            after = ClaimFilters(q=q, sort=sort, page=page.number + 1, after=page.next_cursor,
                                 **narrow)  # fmt: skip
            page = list_claims(session, after, size=SIZE)
            walked += _ids(page)
            if page.previous_cursor:
                before = ClaimFilters(q=q, sort=sort, page=page.number - 1,
                                      before=page.previous_cursor, **narrow)  # fmt: skip
                back = list_claims(session, before, size=SIZE)
                start = (page.number - 2) * SIZE
                assert _ids(back) == expected[start : start + SIZE], (q, page.number)
        assert walked == expected, q
        for number in range(1, len(expected) // SIZE + 2):
            by_number = list_claims(session, ClaimFilters(q=q, sort=sort, page=number, **narrow),
                                    size=SIZE)  # fmt: skip
            assert _ids(by_number) == expected[(number - 1) * SIZE : number * SIZE], (q, number)


def test_a_walked_count_writes_its_walks_limits_into_the_statement():
    """Bound, a kept plan took each walk's limit for a tenth of the matches (200 ms, not 25)."""
    from sqlalchemy.dialects import postgresql

    from factdb.claims.filters import walked_counts

    query = walked_counts(ClaimFilters(q="ombrel"), "postgresql", queries.SEARCH_COUNT_BOUND)
    sql = str(
        query.compile(dialect=postgresql.dialect(), compile_kwargs={"render_postcompile": True})
    )
    assert sql.count(f"LIMIT {queries.SEARCH_COUNT_BOUND + 1}") == 2, sql


def test_a_search_past_its_bound_by_the_claims_texts_alone_is_bounded(session, claims, monkeypatch):
    """The quotes are walked only while the claims' own texts are under the bound."""
    every = len(_reference(session, ClaimFilters(q="ombrel")))
    own = sum("ombrel" in session.get(Claim, i).text for i in claims)
    assert 1 < own < every  # some claims match only by a quote
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", own - 1)
    counts = status_counts(session, ClaimFilters(q="ombrel"))
    assert counts.bounded and counts.at_least == own - 1
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", own)  # the quotes take it past
    counts = status_counts(session, ClaimFilters(q="ombrel"))
    assert counts.bounded and counts.at_least == own


def test_a_walked_count_walks_the_quotes_only_under_the_bound():
    """Walked past the bound, a common word's quotes cost 17 of the count's 21 ms."""
    from sqlalchemy.dialects import postgresql

    from factdb.claims.filters import walked_counts

    limit = queries.SEARCH_COUNT_BOUND + 1
    query = walked_counts(ClaimFilters(q="ombrel"), "postgresql", queries.SEARCH_COUNT_BOUND)
    sql = " ".join(
        str(
            query.compile(dialect=postgresql.dialect(), compile_kwargs={"render_postcompile": True})
        ).split()
    )
    assert sql.startswith("WITH own_walk AS"), sql
    assert f"FROM own_walk) < {limit} ORDER BY" in sql, sql
    # Each walk reads its claims' statuses: the matches are not looked up again by id.
    assert "ANY" not in sql, sql


def test_under_its_bound_a_search_is_read_once_for_its_counts_and_its_page(session, claims):
    """The page was a second search of the same words (636 buffers for 25 claims, now 99)."""
    from sqlalchemy import event

    filters = ClaimFilters(q="ombrel")
    engine = session.get_bind()
    searched: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        searched.extend([statement] if "to_tsquery" in statement or "MATCH" in statement else [])

    event.listen(engine, "before_cursor_execute", note)
    try:
        counts = status_counts(session, filters)
        page = list_claims(session, filters, size=SIZE, status_totals=counts)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert _ids(page) == _reference(session, filters)[:SIZE]
    if engine.dialect.name == "postgresql":
        assert counts.matches is not None and len(counts.matches) == page.total
        assert len(searched) == 1, searched
    else:
        assert counts.matches is None  # SQLite reads its full-text index for each


@pytest.fixture
def quoted(session, make):
    """Thirty claims: a word in the texts of five, in the quotes of fifteen (the quotes'
    walk is the one to stop at a bound between), at several statuses."""
    editor = make.user(Role.EDITOR)
    document = make.document("The Quay Minutes", by=editor)
    ids = []
    for n in range(30):
        own = "ombrel" if n % 6 == 0 else "ketsa"
        quote = "They said ombrel" if n % 2 else "They said pilmo"
        claim = make.claim(editor, f"Claim {n} about {own}", document=document, quote=quote)
        ids.append(claim.id)
    statuses = [Status.TRUE, Status.FALSE, Status.MIXED]
    for n, claim_id in enumerate(ids):
        status = statuses[n % 3]
        session.execute(update(Claim).where(Claim.id == claim_id).values(status=status))
    session.commit()
    return ids


def _searches(engine, run):
    """What `run` returns, and the statements it sent that search."""
    from sqlalchemy import event

    searched: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        searched.extend([statement] if "to_tsquery" in statement or "MATCH" in statement else [])

    event.listen(engine, "before_cursor_execute", note)
    try:
        return run(), searched
    finally:
        event.remove(engine, "before_cursor_execute", note)


@pytest.mark.parametrize("narrow", [{}, {"status": "true"}, {"status": "false"}])
def test_past_the_bound_the_newest_pages_from_the_counts_are_the_reference(
    session, quoted, monkeypatch, narrow
):
    """Past the bound a newest-first page is cut from the matches the counts walked when
    they reach it; whatever the bound, by number and by cursor, it is the reference."""
    expected = _reference(session, ClaimFilters(q="ombrel", **narrow))
    every = len(_reference(session, ClaimFilters(q="ombrel")))
    assert every == 20 and len(expected) >= SIZE + 1
    for bound in range(1, every):
        monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", bound)
        page = list_claims(session, ClaimFilters(q="ombrel", **narrow), size=SIZE)
        walked = _ids(page)
        while page.next_cursor:
            after = ClaimFilters(q="ombrel", page=page.number + 1, after=page.next_cursor, **narrow)
            page = list_claims(session, after, size=SIZE)
            walked += _ids(page)
        assert walked == expected, bound
        for number in range(1, len(expected) // SIZE + 2):
            by_number = list_claims(
                session, ClaimFilters(q="ombrel", page=number, **narrow), size=SIZE
            )
            assert _ids(by_number) == expected[(number - 1) * SIZE : number * SIZE], (bound, number)


def test_past_the_bound_the_first_page_is_read_from_the_counts_walks(session, quoted, monkeypatch):
    """A common word's page walked its claims and quotes again (as long as counting them)."""
    engine = session.get_bind()
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", 8)  # 5 texts, 15 quotes: stops at 9
    filters = ClaimFilters(q="ombrel")

    def run():
        counts = status_counts(session, filters)
        return counts, list_claims(session, filters, size=SIZE, status_totals=counts)

    (counts, page), searched = _searches(engine, run)
    assert counts.bounded and page.bounded
    assert _ids(page) == _reference(session, filters)[:SIZE]
    if engine.dialect.name == "postgresql":
        assert [i for i, _status in counts.newest][:SIZE] == _ids(page)
        assert len(searched) == 1, searched
    else:
        assert counts.newest is None  # SQLite reads its full-text index for each
