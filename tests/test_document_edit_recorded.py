"""Editing a document into one already recorded is refused, as adding it would be."""

from __future__ import annotations

import pytest

from factdb.document_entry import edit_document
from factdb.documents import DocumentInput
from factdb.errors import AlreadyRecorded
from factdb.models import Document
from factdb.vocab import DocumentType, Role
from tests.test_api import tokens  # noqa: F401  (fixture)

URL = "https://www.harbour-gazette.example/2026/ferry-fares/"
SHARED = "http://harbour-gazette.example/2026/ferry-fares?utm_source=twitter"
DOI = "10.5555/ferry.2026.1"


@pytest.fixture
def recorded(make):
    return make.document("Ferry fares rise again", url=URL, doi=DOI, published="2026-03-02")


@pytest.fixture
def other(make):
    return make.document("Tolls on the bridge", url="https://bridge.example/tolls")


def _input(document: Document, **changes) -> DocumentInput:
    fields = {"title": document.title, "doc_type": DocumentType.NEWS_ARTICLE,
              "url": document.url, "doi": document.doi, "published": document.published}  # fmt: skip
    return DocumentInput(**(fields | changes))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"doi": DOI.upper()}, "doi"),
        ({"doi": "https://doi.org/10.5555%2FFERRY.2026.1"}, "doi"),
        ({"doi": "DOI " + DOI}, "doi"),
        ({"url": SHARED}, "url"),
    ],
)
def test_the_domain_refuses_an_edit_into_a_recorded_document(session, make, recorded, other, changes, field):  # fmt: skip
    with pytest.raises(AlreadyRecorded) as refused:
        edit_document(session, make.user(), other.id, other.version, _input(other, **changes))
    assert refused.value.document_id == recorded.id
    assert f"#{recorded.id}" in refused.value.fields[field]
    session.rollback()
    assert session.get(Document, other.id).url == "https://bridge.example/tolls"


def test_the_domain_saves_the_edit_when_told_it_is_different(session, make, recorded, other):
    saved = edit_document(session, make.user(), other.id, other.version, _input(other, url=SHARED), different=True)  # fmt: skip
    assert saved.url == SHARED


def test_a_document_is_never_the_same_as_itself(session, make, recorded):
    saved = edit_document(session, make.user(), recorded.id, recorded.version, _input(recorded, language="en"))  # fmt: skip
    assert saved.language == "en"


def test_the_edit_form_asks_before_saving_a_recorded_document(client, auth, make, session, recorded, other):  # fmt: skip
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    typed = {"title": "Tolls on the bridge", "doc_type": "news_article", "url": SHARED,
             "version": str(other.version)}  # fmt: skip
    refused = auth.post(f"/documents/{other.id}/edit", typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert f'href="/documents/{recorded.id}"' in page
    assert 'name="different"' in page and "It is a different document" in page
    session.commit()  # a fresh snapshot: the request saved in its own transaction
    assert session.get(Document, other.id).url == "https://bridge.example/tolls"
    saved = auth.post(f"/documents/{other.id}/edit", {**typed, "different": "1"})
    assert saved.status_code == 302
    session.expire_all()
    assert session.get(Document, other.id).url == SHARED


def test_the_api_answers_409_to_an_edit_into_a_recorded_document(
    client,
    session,
    recorded,
    other,
    tokens,  # noqa: F811
):
    path = f"/api/v1/documents/{other.id}"
    body = {"version": other.version, "doi": DOI}
    refused = client.patch(path, json=body, headers=tokens["editor"])
    assert refused.status_code == 409
    assert refused.json["code"] == "already_recorded"
    assert refused.json["current"]["id"] == recorded.id
    session.commit()  # a fresh snapshot: the request saved in its own transaction
    assert session.get(Document, other.id).doi == ""
    saved = client.patch(f"{path}?different=true", json=body, headers=tokens["editor"])
    assert saved.status_code == 200
    assert saved.json["data"]["doi"] == DOI


@pytest.mark.parametrize(
    "typed", ["https://doi.org/" + DOI, "doi:" + DOI, "10.5555%2Fferry.2026.1"]
)
def test_a_doi_is_kept_bare_however_it_was_typed(client, session, make, other, typed, tokens):  # noqa: F811
    # Kept as typed, one work read as two wherever DOIs are compared (an import, a capture).
    saved = client.patch(f"/api/v1/documents/{other.id}", json={"version": other.version, "doi": typed}, headers=tokens["editor"])  # fmt: skip
    assert saved.status_code == 200
    assert saved.json["data"]["doi"] == DOI
    added = client.post("/api/v1/documents", json={"title": "Ferry timetable", "doc_type": "report", "doi": "https://www.doi.org/10.5555/Timetable"}, headers=tokens["editor"])  # fmt: skip
    assert added.status_code == 201, added.json
    assert added.json["data"]["doi"] == "10.5555/Timetable"
