"""A filtered list counts its matches only up to a bound, so its cost does not grow with them."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from factdb.claims import ClaimFilters, list_claims, queries, status_counts
from factdb.models import Claim
from factdb.vocab import Role, Status
from tests.test_api import check, declared, tokens  # noqa: F401 (a fixture)

BOUND = 5


@pytest.fixture
def many(session, make, monkeypatch):
    """Eight claims citing the budget (three of them true), two others; the bound lowered to 5.

    A list by a tag alone is counted by the kept counters (tag_status_count), never bounded:
    the bounded lists here are those by a document and by a text search.
    """
    monkeypatch.setattr(queries, "COUNT_BOUND", BOUND)
    monkeypatch.setattr(queries, "SEARCH_COUNT_BOUND", BOUND)
    editor = make.user(Role.EDITOR)
    budget = make.document("The budget", by=editor)
    ids = [
        make.claim(editor, f"Budget claim {n}", tags=["budget"], document=budget).id
        for n in range(8)
    ]
    assert budget.id == 1  # the URLs below name it
    make.claim(editor, "Rates one", tags=["rates"])
    make.claim(editor, "Rates two", tags=["rates"])
    session.execute(update(Claim).where(Claim.id.in_(ids[:3])).values(status=Status.TRUE))
    session.commit()
    return ids


@pytest.mark.parametrize("filters", [ClaimFilters(document_id=1), ClaimFilters(q="budget")])
def test_past_the_bound_the_total_says_at_least_and_no_status_is_counted(session, many, filters):
    counts = status_counts(session, filters)
    assert counts.bounded and counts.at_least == BOUND
    assert set(counts.values()) == {0}
    page = list_claims(session, filters, size=3, status_totals=counts)
    assert page.bounded and page.total == BOUND


def test_under_the_bound_the_counts_are_exact(session, many):
    counts = status_counts(session, ClaimFilters(tag="rates"))
    assert not counts.bounded and counts[Status.UNVERIFIED] == 2
    page = list_claims(session, ClaimFilters(tag="rates"), size=3)
    assert not page.bounded and page.total == 2 and page.pages == 1


def test_a_status_within_a_bounded_selection_is_counted_on_its_own(session, many):
    page = list_claims(session, ClaimFilters(document_id=1, status="true"), size=2)
    assert not page.bounded and page.total == 3 and page.pages == 2


@pytest.mark.parametrize("sort", list(queries.SORTS))
def test_a_bounded_list_pages_through_every_match(session, many, sort):
    page = list_claims(session, ClaimFilters(document_id=1, sort=sort), size=3)
    walked = [row.claim.id for row in page.items]
    while page.next_cursor:
        following = ClaimFilters(
            document_id=1, sort=sort, page=page.number + 1, after=page.next_cursor
        )
        page = list_claims(session, following, size=3)
        walked += [row.claim.id for row in page.items]
    assert sorted(walked) == sorted(many) and page.number == 3 and not page.has_next
    back = list_claims(
        session,
        ClaimFilters(document_id=1, sort=sort, page=2, before=page.previous_cursor),
        size=3,
    )
    assert [row.claim.id for row in back.items] == walked[3:6]
    by_number = list_claims(session, ClaimFilters(document_id=1, sort=sort, page=3), size=3)
    assert [row.claim.id for row in by_number.items] == walked[6:]
    beyond = list_claims(session, ClaimFilters(document_id=1, sort=sort, page=9), size=3)
    assert beyond.number == 9 and beyond.items == [] and beyond.has_previous


def test_the_list_page_says_at_least_and_why_it_shows_no_counts(app, client, auth, make, many):
    app.config["PAGE_SIZE"] = 3
    make.user(Role.VIEWER, email="reader@example.org")
    auth.login("reader@example.org")
    html = client.get("/?document=1").get_data(as_text=True)
    assert 'All <span class="count">5+</span>' in html
    assert "too many to count by status" in html
    assert "of 5+ claims · page 1" in html and 'rel="next"' in html and "Last »" not in html
    exact = client.get("/?tag=rates").get_data(as_text=True)
    assert 'All <span class="count">2</span>' in exact and "too many" not in exact
    far = client.get("/?document=1&page=40")
    assert far.status_code == 200 and "Page 40 is past the end" in far.get_data(as_text=True)


def test_the_audit_chart_leaves_out_the_statuses_it_did_not_count(client, auth, make, many):
    make.user(Role.VIEWER, email="reader@example.org")
    auth.login("reader@example.org")
    html = client.get("/audit/?document=1").get_data(as_text=True)
    assert "Claims by status" not in html and "too many to count by status" in html
    assert "Claims by status" in client.get("/audit/?tag=rates").get_data(as_text=True)


def test_the_api_meta_says_the_total_is_unknown_past_the_bound(client, tokens, many):  # noqa: F811
    schema = declared("/api/v1/claims", "get", 200)
    bounded = check(
        client.get("/api/v1/claims?document=1&per_page=3", headers=tokens["viewer"]), 200, schema
    )
    assert bounded["meta"]["total"] is None and bounded["meta"]["pages"] is None
    assert bounded["meta"]["total_bounded"] is True and bounded["meta"]["total_at_least"] == BOUND
    assert bounded["meta"]["next_after"]
    exact = check(client.get("/api/v1/claims?tag=rates", headers=tokens["viewer"]), 200, schema)
    assert exact["meta"]["total"] == 2 and exact["meta"]["pages"] == 1
    assert exact["meta"]["total_bounded"] is False


def test_a_list_by_a_tag_alone_is_counted_exactly_past_the_bound(session, many):
    counts = status_counts(session, ClaimFilters(tag="budget"))
    assert not counts.bounded and counts[Status.TRUE] == 3 and counts[Status.UNVERIFIED] == 5
    page = list_claims(session, ClaimFilters(tag="budget"), size=3, status_totals=counts)
    assert not page.bounded and page.total == 8 and page.pages == 3
