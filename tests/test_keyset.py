"""Lists page by their sort key: walking Next and Previous gives the rows an offset would."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from factdb.claims import ClaimFilters, list_claims
from factdb.claims.queries import SORTS
from factdb.documents import list_documents
from factdb.models import Claim
from factdb.sources import list_sources
from factdb.vocab import Role, Status


@pytest.fixture
def claims(session, make):
    editor = make.user(Role.EDITOR)
    ids = [make.claim(editor, f"Claim {n}").id for n in range(11)]
    statuses = [Status.UNVERIFIED, Status.IN_REVIEW, Status.RETRACTED]
    for n, claim_id in enumerate(ids):  # ties in status and in time, broken by the id
        session.execute(update(Claim).where(Claim.id == claim_id).values(status=statuses[n % 3]))
    session.commit()
    return ids


def _ids(page) -> list[int]:
    return [row.claim.id for row in page.items]


@pytest.mark.parametrize("sort", list(SORTS))
def test_next_previous_and_last_pages_match_offsets(session, claims, sort):
    by_offset = []
    for number in (1, 2, 3, 4):
        page = list_claims(session, ClaimFilters(sort=sort, page=number), size=3)
        by_offset.append(_ids(page))
    assert sorted(claim for page in by_offset for claim in page) == sorted(claims)

    page = list_claims(session, ClaimFilters(sort=sort), size=3)
    walked = [_ids(page)]
    while page.next_cursor:
        page = list_claims(
            session, ClaimFilters(sort=sort, page=page.number + 1, after=page.next_cursor), size=3
        )
        walked.append(_ids(page))
    assert walked == by_offset
    assert page.number == 4 and len(page.items) == 2

    back = [_ids(page)]
    while page.previous_cursor:
        page = list_claims(
            session,
            ClaimFilters(sort=sort, page=page.number - 1, before=page.previous_cursor),
            size=3,
        )
        back.append(_ids(page))
    assert back[::-1] == by_offset

    # The last page, asked by its number, is read from the end of the order.
    assert _ids(list_claims(session, ClaimFilters(sort=sort, page=4), size=3)) == by_offset[-1]


@pytest.mark.parametrize("sort", list(SORTS))
def test_every_page_by_number_is_its_slice_of_the_whole_list(session, claims, sort):
    everything = _ids(list_claims(session, ClaimFilters(sort=sort), size=len(claims)))
    size = 2  # six pages: pages 4 and 5 are nearer the end, read from it
    for number in range(1, 7):
        page = list_claims(session, ClaimFilters(sort=sort, page=number), size=size)
        assert _ids(page) == everything[(number - 1) * size : number * size], number


def test_a_mangled_cursor_falls_back_to_the_page_number(session, claims):
    first = list_claims(session, ClaimFilters(page=2), size=3)
    mangled = list_claims(session, ClaimFilters(page=2, after="not~a~cursor"), size=3)
    assert _ids(mangled) == _ids(first)


@pytest.mark.parametrize("sort", SORTS)
def test_a_cursor_holding_a_number_no_database_column_holds_is_mangled(session, claims, sort):
    first = list_claims(session, ClaimFilters(sort=sort, page=2), size=3)
    huge = "9" * 30
    for cursor in (huge, f"{huge}~{huge}", f"2026-01-01T00:00:00~{huge}", f"-{huge}"):
        for field in ("after", "before"):
            page = list_claims(session, ClaimFilters(sort=sort, page=2, **{field: cursor}), size=3)
            assert _ids(page) == _ids(first)


def test_the_list_links_carry_cursors_and_filters_drop_them(app, client, auth, make, claims):
    app.config["PAGE_SIZE"] = 3
    make.user(Role.VIEWER, email="pager@example.org")
    auth.login("pager@example.org")
    html = client.get("/").get_data(as_text=True)
    following = html.split('rel="next"')[0].rsplit("<a ", 1)[1]
    assert "page=2" in following and f"after={claims[-3]}" in following
    second = client.get(f"/?page=2&after={claims[-3]}").get_data(as_text=True)
    assert f"/claims/{claims[-4]}" in second and f'/claims/{claims[-3]}"' not in second
    # Links to another filter or sort start again from page 1, without the cursor:
    # only Next carries one (and Previous its own).
    status_links = [part.split('"')[0] for part in second.split('href="/?status=')[1:]]
    assert status_links and not any("after=" in link for link in status_links)
    # The page's JSON twin is the same page, read the same way.
    assert f'href="/api/v1/claims?page=2&amp;after={claims[-3]}"' in second


def _walk(list_page):
    page = list_page(page=1)
    forward = [page.items]
    while page.next_cursor:
        page = list_page(page=page.number + 1, after=page.next_cursor)
        forward.append(page.items)
    backward = [page.items]
    while page.previous_cursor:
        page = list_page(page=page.number - 1, before=page.previous_cursor)
        backward.append(page.items)
    return forward, backward[::-1]


def test_sources_and_documents_page_by_their_sort_key(session, make):
    for name in ["Bravo", "Alpha", "Alpha", "Charlie", "alpha", "Delta", "Echo"]:
        make.source(name)
    for n in range(7):
        make.document(f"Report {n}")
    sources = lambda **kw: list_sources(session, size=3, **kw)  # noqa: E731
    documents = lambda **kw: list_documents(session, size=3, **kw)  # noqa: E731
    for lister, key in (
        (sources, lambda row: row.source.id),
        (documents, lambda row: row.document.id),
    ):
        by_offset = [[key(r) for r in lister(page=n).items] for n in (1, 2, 3)]
        forward, backward = _walk(lister)
        assert [[key(r) for r in rows] for rows in forward] == by_offset
        assert [[key(r) for r in rows] for rows in backward] == by_offset
