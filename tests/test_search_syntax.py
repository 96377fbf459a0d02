"""Search-box syntax as web search engines read it, with the same results on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdb.access import create_token
from factdb.claims import ClaimFilters, list_claims
from factdb.search import parse_query, search
from factdb.vocab import Role
from tests.factories import Factory

BRIDGE = "The Kroner bridge toll doubled in Vesterhavn"
FERRY = "The Ferry to Nordholm costs 40 kroner"
TUNNEL = "A tunnel under the fjord would cost 9 billion kroner"


@pytest.fixture
def claims(session, make: Factory) -> dict[str, int]:
    editor = make.user(Role.EDITOR)
    made = {
        "bridge": make.claim(editor, BRIDGE),
        "ferry": make.claim(editor, FERRY),
        "tunnel": make.claim(
            editor,
            TUNNEL,
            document=make.document("Harbour board minutes"),
            quote="the boats stop in winter",
        ),
    }
    session.commit()
    return {name: claim.id for name, claim in made.items()}


def listed(session, q: str) -> set[int]:
    return {row.claim.id for row in list_claims(session, ClaimFilters(q=q)).items}


def searched(session, q: str) -> set[int]:
    hits = search(session, q, kinds=("claim",)).hits
    return {hit.record_id for hit in hits}


CASES = [
    ("kroner -bridge", {"ferry", "tunnel"}),
    ("bridge OR ferry", {"bridge", "ferry"}),
    ("bridge or tunnel", {"bridge", "tunnel"}),
    ("bridge OR ferry kroner", {"bridge", "ferry"}),
    ("kroner -bridge -tunnel", {"ferry"}),
    ('"bridge toll"', {"bridge"}),
    ('kroner -"bridge toll"', {"ferry", "tunnel"}),
    ("nordh*", {"ferry"}),
    ("tun* OR brid*", {"bridge", "tunnel"}),
    ("kroner", {"bridge", "ferry", "tunnel"}),
]


@pytest.mark.parametrize(("q", "expected"), CASES)
def test_the_search_page_reads_web_search_syntax(session, claims, q, expected):
    assert searched(session, q) == {claims[name] for name in expected}


@pytest.mark.parametrize(("q", "expected"), CASES)
def test_the_claims_list_reads_the_same_syntax(session, claims, q, expected):
    assert listed(session, q) == {claims[name] for name in expected}


def test_an_excluded_word_in_a_quote_leaves_its_claim_out_of_the_list(session, claims):
    """The list shows claims: a claim is left out when its text or any of its quotes has the word."""
    assert listed(session, "kroner -boats") == {claims["bridge"], claims["ferry"]}
    # The search page shows records: the tunnel claim's own text has no "boats".
    assert searched(session, "kroner -boats") == set(claims.values())


@pytest.mark.parametrize(
    "q",
    ["AND", "NEAR", "NEAR(a b)", "(", ")", ":", "a:b", "*", "-", "--", "OR", "OR OR", '"', '"bridge',
     'bridge"', "-OR", "bridge OR", "OR bridge", "^bridge", "bridge -", "col:bridge", "- bridge",
     "NOT bridge", "bridge NOT", "+bridge", "'", "!", "&", "|", "<->", ":*", "bridge:*"],
)  # fmt: skip
def test_operator_characters_never_error(session, claims, q):
    search(session, q)
    list_claims(session, ClaimFilters(q=q))


def test_stray_operators_and_unbalanced_quotes_are_read_as_people_mean_them(session, claims):
    assert searched(session, "OR bridge") == {claims["bridge"]}
    assert searched(session, "bridge OR") == {claims["bridge"]}
    assert searched(session, '"bridge toll') == {claims["bridge"]}
    assert searched(session, "- bridge") == {claims["bridge"]}
    assert searched(session, "NOT bridge") == set()  # NOT is a word, not an operator


def test_a_query_of_only_excluded_words_says_so(session, claims):
    results = search(session, "-bridge")
    assert results.hits == []
    assert "-bridge" in results.message and "leave out" in results.message
    assert listed(session, "-bridge") == set()


def test_a_query_that_excludes_every_match_says_which_words_did(session, claims):
    results = search(session, "bridge -kroner")
    assert results.hits == []
    assert "-kroner" in results.message


def test_query_parsing_quotes_every_token():
    query = parse_query('brid* OR "defence committee" -NEAR -"a b" don\'t AND')
    assert query is not None
    assert query.fts5() == (
        '(("brid"* OR "defence committee") AND "don t" AND "AND") NOT ("NEAR" OR "a b")'
    )
    assert (
        query.tsquery()
        == "('brid':* | ('defence' <-> 'committee')) & ('don' <-> 't') & 'and' & !('near' | ('a' <-> 'b'))"
    )
    only_excluded = parse_query("-bridge")
    assert only_excluded is not None and only_excluded.groups == ()
    assert only_excluded.excluded_text() == "-bridge"


def test_the_search_page_shows_the_message_and_the_syntax_help(client, auth, make, claims):
    auth.login(make.user(Role.EDITOR).email)
    page = client.get("/search?q=-bridge").get_data(as_text=True)
    assert "leave out" in page
    assert "OR" in page and "-word" in page


def test_the_claims_list_shows_the_message(client, auth, make, claims):
    auth.login(make.user(Role.EDITOR).email)
    page = client.get("/?q=-bridge").get_data(as_text=True)
    assert "leave out" in page
    assert "-word" in page


def test_the_api_list_reads_the_syntax_and_refuses_only_excluded_words(
    session, client, make, claims
):
    secret = create_token(session, make.user(Role.VIEWER), "script").secret
    session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    answer = client.get("/api/v1/claims?q=bridge%20OR%20ferry", headers=headers)
    assert answer.status_code == 200
    assert {item["id"] for item in answer.get_json()["data"]} == {claims["bridge"], claims["ferry"]}
    refused = client.get("/api/v1/claims?q=-bridge", headers=headers)
    assert refused.status_code == 422  # as every refused query parameter
    assert "leave out" in str(refused.get_json())


def test_the_claims_list_names_the_filters_it_left_out(client, auth, make, claims):
    auth.login(make.user(Role.EDITOR).email)
    page = client.get("/?status=nonsense&page=abc&sort=bogus").get_data(as_text=True)
    assert "status=nonsense (not a status)" in page
    assert "page=abc (not a page number)" in page
    assert "sort=bogus (choose newest" in page
    assert "Left out" not in client.get("/?status=in_review&sort=oldest&page=2").get_data(
        as_text=True
    )


_PIECES = ["kroner", "bridge", "brid*", "-ferry", "OR", "or", "-", '"', '-"', "*", "AND", "NOT",
           "NEAR", "(", ")", ":", "^", "!", "&", "|", "'", "-OR", '"bridge toll"', "é", "x_y"]  # fmt: skip


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=8), glue=st.sampled_from([" ", ""]))
def test_any_mix_of_operators_is_a_safe_query_and_both_paths_agree(session, claims, pieces, glue):
    q = glue.join(pieces)
    found, parsed = searched(session, q), parse_query(q)
    if parsed is not None and parsed.groups:  # else the list looks for the punctuation as typed
        assert listed(session, q) == found  # only "boats" is in a quote, and it is not searched
    else:
        assert found == set()
