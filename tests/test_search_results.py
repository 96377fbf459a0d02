"""Search results: every kind alone, the same hits in the same order page after page, snippets."""

from __future__ import annotations

import pytest

from factdb.claims import ClaimFilters, list_claims, status_counts
from factdb.devtools.bench import sql_clock
from factdb.search import KINDS, search
from factdb.vocab import Role, Status
from factdb.web.database import database
from tests.factories import Factory

#: Filler words that never match: texts long enough to need a snippet cut from them.
FILLER = " ".join(["harbour", "ledger", "meadow", "quarry", "tundra", "violet"] * 60)


@pytest.fixture
def editor(make: Factory):
    return make.user(Role.EDITOR)


@pytest.fixture
def corpus(session, make, editor) -> dict[str, set[int]]:
    """Records of every kind that mention Zorvath, some more densely than others."""
    source = make.source("Oskar Zorvath", aliases=["the Zorvath envoy"])
    make.source("Unrelated Person")
    dense = make.document("Zorvath Zorvath", full_text="Zorvath zorvath zorvath.")
    sparse = make.document("Port report", full_text=f"{FILLER} zorvath {FILLER}")
    plain = make.document("Nothing here", full_text=FILLER)
    claims = [
        make.claim(editor, "Zorvath signed the harbour accord", document=plain, speaker=source),
        make.claim(
            editor, "The accord was signed", document=dense, quote="zorvath said so, zorvath"
        ),
        make.claim(editor, "A claim about a meadow"),
    ]
    session.commit()
    return {
        "claim": {claims[0].id},
        "citation": {claims[1].citations[0].id},
        "source": {source.id},
        "document": {dense.id, sparse.id},
    }


def test_each_kind_alone_finds_its_records(session, client, auth, editor, corpus):
    """A search of one kind found nothing but claims on PostgreSQL: the others failed."""
    for kind in KINDS:
        hits = search(session, "zorvath", kinds=(kind,)).hits
        assert {hit.record_id for hit in hits} == corpus[kind], kind
        assert {hit.kind for hit in hits} == {kind}
    auth.login(editor.email)
    for kind in KINDS:
        assert client.get(f"/search?q=zorvath&kind={kind}").status_code == 200, kind


def test_all_kinds_give_every_match_once_with_its_claim(session, corpus):
    hits = search(session, "zorvath").hits
    assert sorted((hit.kind, hit.record_id) for hit in hits) == sorted(
        (kind, record_id) for kind, ids in corpus.items() for record_id in ids
    )
    (quote,) = [hit for hit in hits if hit.kind == "citation"]
    (claim,) = [hit for hit in hits if hit.kind == "claim"]
    assert quote.title == "The accord was signed" and quote.status == "unverified"
    assert quote.claim_id not in (None, claim.record_id)
    assert claim.claim_id == claim.record_id and claim.status == "unverified"
    assert claim.title == "Zorvath signed the harbour accord"


def test_pages_keep_the_order_of_one_long_list(session, make, editor, corpus):
    """Ranking every match before paging: pages laid end to end are the whole ranked list."""
    for number in range(9):
        make.document(f"Notes {number}", full_text=" ".join(["zorvath"] * (number % 4 + 1)))
    whole = [(hit.kind, hit.record_id) for hit in search(session, "zorvath", limit=100).hits]
    paged = []
    for offset in range(0, len(whole) + 3, 3):
        paged += [
            (h.kind, h.record_id) for h in search(session, "zorvath", limit=3, offset=offset).hits
        ]
    assert paged == whole and len(whole) == len(set(whole)) == 5 + 9
    # The document that is nothing but the word ranks above the one it is lost in.
    dense, sparse = sorted(corpus["document"])
    assert whole.index(("document", dense)) < whole.index(("document", sparse))


def test_a_word_deep_in_a_long_document_is_marked_in_a_short_snippet(session, corpus):
    (hit,) = search(session, "zorvath", kinds=("document",), limit=1, offset=1).hits
    assert hit.title == "Port report"
    assert "<mark>zorvath</mark>" in hit.snippet
    assert len(hit.snippet) < 400


def test_a_snippet_is_marked_where_the_word_first_shows_inside_another(session, make):
    """The snippet is centred on the first place the word's letters appear, which may be inside
    another word: the match further on is still the one marked."""
    make.document(
        "Memo", full_text=f"{FILLER} unzorvathed {FILLER} {FILLER} zorvath and kell {FILLER}"
    )
    session.commit()
    (hit,) = search(session, "zorvath kell", kinds=("document",)).hits
    assert "<mark>zorvath</mark>" in hit.snippet and "<mark>kell</mark>" in hit.snippet
    assert "unzorvathed" not in hit.snippet


def test_the_search_reads_claims_and_quotes_in_one_statement_on_postgresql(app, session, corpus):
    """Each statement is a round trip to PostgreSQL: the claims of the hits come with them."""
    engine = database(app).engine
    with sql_clock(engine) as clock:
        hits = search(session, "zorvath").hits
    assert {hit.kind for hit in hits} == set(KINDS)
    # SQLite has no round trips: its session's BEGIN, the match, then the quotes' claims and
    # the claims' statuses.
    assert clock["statements"] == (1 if engine.dialect.name == "postgresql" else 4)


def test_the_claims_list_finds_claims_by_their_text_or_quotes_newest_first(session, make, editor):
    """The list's text filter: each claim once, whether its text, its quotes or both match."""
    document = make.document("Hearing")
    by_text = [make.claim(editor, f"Zorvath report {number}") for number in range(4)]
    by_quote = make.claim(editor, "A quiet claim", document=document, quote="zorvath spoke")
    by_both = make.claim(editor, "Zorvath again", document=document, quote="zorvath, twice")
    make.claim(editor, "Nothing to see", document=document, quote="harbour ledger")
    make.set_status(by_quote, make.user(Role.REVIEWER), Status.IN_REVIEW)
    session.commit()
    expected = sorted([c.id for c in by_text] + [by_quote.id, by_both.id], reverse=True)
    first = list_claims(session, ClaimFilters(q="zorvath"), size=4)
    assert [row.claim.id for row in first.items] == expected[:4]
    assert first.total == 6 and not first.bounded
    rest = list_claims(session, ClaimFilters(q="zorvath", page=2, after=first.next_cursor), size=4)
    assert [row.claim.id for row in rest.items] == expected[4:]
    counts = status_counts(session, ClaimFilters(q="zorvath"))
    assert counts[Status.IN_REVIEW] == 1 and counts[Status.UNVERIFIED] == 5
