"""A document typed by hand that is already recorded is refused, as an import would match it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.document_entry import add_document
from factdb.documents import DocumentInput
from factdb.errors import AlreadyRecorded
from factdb.models import Document
from factdb.text import url_key
from factdb.vocab import DocumentType, Role
from tests.test_api import tokens  # noqa: F401  (fixture)

URL = "https://www.harbour-gazette.example/2026/ferry-fares/"
#: The same page as linked from a social network: no "www.", http, a tracking parameter.
SHARED = "http://harbour-gazette.example/2026/ferry-fares?utm_source=twitter&fbclid=abc123"


@pytest.fixture
def recorded(make):
    return make.document("Ferry fares rise again", url=URL, published="2026-03-02")


def _count(session) -> int:
    return session.scalar(select(func.count(Document.id)))


@pytest.mark.parametrize(
    "url", [URL, SHARED, "https://harbour-gazette.example/2026/ferry-fares/?gclid=xyz"]
)
def test_one_url_key_ignores_tracking_www_slash_and_scheme(url):
    assert url_key(url) == url_key(URL)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "Ferry fares rise again", "url": URL}, "url"),
        ({"title": "Fares at the ferry", "url": SHARED}, "url"),
        ({"title": "Ferry fares rise again", "published": "2026-03-02"}, "title"),
    ],
)
def test_the_domain_refuses_a_recorded_document_naming_it(session, make, recorded, fields, field):
    before = _count(session)
    with pytest.raises(AlreadyRecorded) as refused:
        add_document(
            session, make.user(), DocumentInput(doc_type=DocumentType.NEWS_ARTICLE, **fields)
        )
    assert refused.value.document_id == recorded.id
    assert f"#{recorded.id}" in refused.value.fields[field]
    assert _count(session) == before


def test_the_domain_saves_it_when_told_it_is_different(session, make, recorded):
    saved = add_document(
        session, make.user(), DocumentInput(title="Ferry fares rise again", url=URL), different=True
    )
    assert saved.id != recorded.id


def test_the_domain_saves_a_document_at_another_address(session, make, recorded):
    saved = add_document(
        session,
        make.user(),
        DocumentInput(title="Ferry fares rise again", url="https://other.example/fares"),
    )
    assert saved.id != recorded.id


def test_the_form_shows_the_recorded_document_and_keeps_what_was_typed(
    client, auth, make, session, recorded
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    before = _count(session)
    typed = {"title": "Ferry fares, again", "doc_type": "news_article", "url": SHARED,
             "container_title": "Harbour Gazette"}  # fmt: skip
    refused = auth.post("/documents/new", typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert f'href="/documents/{recorded.id}"' in page
    assert "Ferry fares rise again" in page
    assert 'value="Ferry fares, again"' in page and 'value="Harbour Gazette"' in page
    assert 'name="different"' in page
    session.commit()  # a fresh snapshot: the request saved in its own transaction
    assert _count(session) == before
    saved = auth.post("/documents/new", {**typed, "different": "1"})
    assert saved.status_code == 302
    session.commit()  # a fresh snapshot: the request saved in its own transaction
    assert _count(session) == before + 1


def test_the_form_saves_a_new_document_without_asking(client, auth, make, session, recorded):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = client.get("/documents/new").get_data(as_text=True)
    assert 'name="different"' not in page
    saved = auth.post("/documents/new", {"title": "Tolls on the bridge", "doc_type": "report"})
    assert saved.status_code == 302


def test_the_api_refuses_a_recorded_document_with_a_link_to_it(client, session, recorded, tokens):  # noqa: F811
    before = _count(session)
    body = {"title": "Ferry fares rise again", "url": SHARED, "doc_type": "news_article"}
    refused = client.post("/api/v1/documents", json=body, headers=tokens["editor"])
    assert refused.status_code == 409
    assert refused.json["code"] == "already_recorded"
    assert refused.json["current"]["id"] == recorded.id
    assert f"#{recorded.id}" in refused.json["fields"]["url"]
    session.commit()  # a fresh snapshot: the request saved in its own transaction
    assert _count(session) == before
    saved = client.post("/api/v1/documents?different=true", json=body, headers=tokens["editor"])
    assert saved.status_code == 201


@pytest.mark.parametrize(
    ("final", "moved"),
    [(SHARED, False), ("https://harbour-gazette.example/2026/ferry-fares-2", True)],
)
def test_a_recheck_redirected_to_the_same_page_however_linked_has_not_moved(final, moved):
    from factdb.capture.recheck import same_address

    assert same_address(final, URL) is not moved
