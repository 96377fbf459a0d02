"""A saved view's feed address belongs to one account: it stops with that account's access."""

from __future__ import annotations

import re

import pytest

from factdb.users import set_active
from factdb.vocab import Role


@pytest.fixture
def people(make):
    return {
        "owner": make.user(Role.EDITOR, email="owner@example.org"),
        "reader": make.user(Role.VIEWER, email="reader@example.org"),
    }


def _feed_url(client, auth, email: str, view_id: int) -> str:
    auth.login(email)
    page = client.get("/views/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": auth.csrf_token()})
    found = re.search(rf'href="https?://[^/]+(/views/{view_id}/feed\.atom\?key=[^"]+)"', page)
    assert found, page
    return found.group(1).replace("&amp;", "&")


@pytest.fixture
def shared_view(client, auth, people):
    auth.login("owner@example.org")
    assert (
        auth.post("/views/", {"name": "Shared", "query": "q=x", "shared": "1"}).status_code == 302
    )
    assert auth.post("/views/", {"name": "Private", "query": "q=y"}).status_code == 302
    client.post("/logout", data={"csrf_token": auth.csrf_token()})
    return 1


def test_each_reader_has_an_address_of_their_own(client, auth, people, shared_view):
    owners = _feed_url(client, auth, "owner@example.org", shared_view)
    readers = _feed_url(client, auth, "reader@example.org", shared_view)
    assert owners != readers
    assert client.get(owners).status_code == 200
    assert client.get(readers).status_code == 200
    # A key opens the view it was given for, not another one.
    assert client.get(readers.replace("/views/1/", "/views/2/")).status_code == 302


def test_a_feed_stops_when_its_reader_is_disabled(client, auth, session, people, shared_view):
    owners = _feed_url(client, auth, "owner@example.org", shared_view)
    readers = _feed_url(client, auth, "reader@example.org", shared_view)
    set_active(session, "reader@example.org", False)
    session.commit()
    assert client.get(readers).status_code == 302  # to the log-in, where nobody gets in
    assert client.get(owners).status_code == 200


def test_a_feed_stops_when_its_owner_is_disabled(client, auth, session, people, shared_view):
    owners = _feed_url(client, auth, "owner@example.org", shared_view)
    set_active(session, "owner@example.org", False)
    session.commit()
    assert client.get(owners).status_code == 302


def test_a_feed_stops_when_the_view_is_no_longer_shared(client, auth, people, shared_view):
    owners = _feed_url(client, auth, "owner@example.org", shared_view)
    readers = _feed_url(client, auth, "reader@example.org", shared_view)
    auth.login("owner@example.org")
    assert auth.post("/views/1/share", {"shared": "0"}).status_code == 302
    client.post("/logout", data={"csrf_token": auth.csrf_token()})
    assert client.get(readers).status_code == 302
    assert client.get(owners).status_code == 200


def test_the_api_gives_each_reader_their_own_feed_address(client, auth, people, shared_view):
    addresses = []
    for email in ("owner@example.org", "reader@example.org"):
        auth.login(email)
        views = client.get("/api/v1/views").get_json()["data"]
        addresses.append(next(view["feed_url"] for view in views if view["id"] == shared_view))
        client.post("/logout", data={"csrf_token": auth.csrf_token()})
    assert addresses[0] != addresses[1]
    assert addresses[1] == "http://localhost" + _feed_url(client, auth, "reader@example.org", 1)


@pytest.mark.parametrize(
    "key",
    ["1-é", "1-", "-abc", "²-abc", "1-abc\x00", "99999999999-abc", "1-" + "a" * 100, "x" * 5000],
)
def test_a_key_that_is_no_key_is_sent_to_the_log_in(client, people, shared_view, key):
    assert client.get("/views/1/feed.atom", query_string={"key": key}).status_code == 302
