"""One declaration of a document's fields: every entry point keeps the same rules."""

from __future__ import annotations

import pytest

from factdb.api.bodies import DOCUMENT_BODY
from factdb.declarations.base import TEXT, URL
from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput, create_document
from factdb.errors import ValidationFailed
from factdb.history import changes_for
from factdb.models import Document
from factdb.vocab import Role
from tests.test_api import tokens  # noqa: F401  (fixture)

LIMITED = [spec for spec in DOCUMENT.fields if spec.max_length and spec.kind in (TEXT, URL)]


def _too_long(spec) -> str:
    if spec.kind == URL:
        return "https://x.example/" + "a" * spec.max_length
    return "x" * (spec.max_length + 1)


@pytest.mark.parametrize("spec", LIMITED, ids=lambda spec: spec.name)
def test_every_length_limit_is_refused_naming_its_field(session, spec):
    """SQLite stores any length and PostgreSQL refuses it: the domain refuses it first, on both."""
    with pytest.raises(ValidationFailed) as refused:
        create_document(
            session, None, DocumentInput(**{"title": "Long", spec.name: _too_long(spec)})
        )
    assert set(refused.value.fields) == {spec.name}
    assert "under" in refused.value.fields[spec.name]


@pytest.mark.parametrize("spec", LIMITED, ids=lambda spec: spec.name)
def test_columns_hold_what_the_declaration_allows(spec):
    assert Document.__table__.c[spec.name].type.length == spec.max_length


def test_the_form_shows_the_domains_message_beside_the_field(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = auth.post(
        "/documents/new", {"title": "Report", "doc_type": "report", "publisher": "p" * 501}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Keep the publisher under 500 characters." in page.split('name="publisher"', 1)[1]


def test_the_api_refuses_the_same_way_naming_the_field(client, tokens):  # noqa: F811
    response = client.post(
        "/api/v1/documents",
        json={"title": "Report", "publisher": "p" * 501, "volume": 12},
        headers=tokens["editor"],
    )
    assert response.status_code == 422
    assert response.json["fields"] == {
        "publisher": "Keep the publisher under 500 characters.",
        "volume": "Expected text.",
    }


def test_a_bibliographic_field_goes_through_form_page_api_and_history(
    client,
    auth,
    make,
    session,
    tokens,  # noqa: F811
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = client.get("/documents/new").get_data(as_text=True)
    assert 'name="volume"' in form and 'name="isbn"' in form and 'name="extra"' in form
    saved = auth.post(
        "/documents/new",
        {"title": "Airspace incidents", "doc_type": "journal_article", "volume": "12",
         "pages": "201-229", "extra": '{"bibtex.keywords": "drones"}'},
    )  # fmt: skip
    assert saved.status_code == 302
    document = session.query(Document).filter_by(title="Airspace incidents").one()
    assert (document.volume, document.pages, document.extra) == ("12", "201-229", {"bibtex.keywords": "drones"})  # fmt: skip
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "<dt>Volume</dt><dd>12</dd>" in page and "bibtex.keywords" in page
    data = client.get(f"/api/v1/documents/{document.id}", headers=tokens["editor"]).json["data"]
    assert data["volume"] == "12" and data["extra"] == {"bibtex.keywords": "drones"}
    changed = client.patch(
        f"/api/v1/documents/{document.id}",
        json={"version": data["version"], "issue": "3"},
        headers=tokens["editor"],
    )
    assert changed.status_code == 200 and changed.json["data"]["issue"] == "3"
    session.commit()  # a fresh snapshot: the API saved in its own transaction
    assert changes_for(session, "document", document.id)[-1].fields == {"issue": ["", "3"]}


def test_the_request_schema_is_the_validating_models():
    properties = DOCUMENT_BODY["properties"]
    for spec in LIMITED:
        assert properties[spec.name]["maxLength"] == spec.max_length
    assert DOCUMENT_BODY["required"] == ["title"] and DOCUMENT_BODY["additionalProperties"] is False
    assert properties["doc_type"]["enum"][:3] == [
        "news_article",
        "magazine_article",
        "journal_article",
    ]


def test_the_history_shows_a_choice_by_its_label_and_other_fields_as_pairs(
    client, auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    saved = auth.post(
        "/documents/new",
        {"title": "Harbour levy", "doc_type": "news_article", "extra": '{"note": "print"}'},
    )
    assert saved.status_code == 302
    document = session.query(Document).filter_by(title="Harbour levy").one()
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    history = page.split('class="diff"', 1)[1]
    assert "<ins>News article</ins>" in history and "news_article" not in history
    assert "<ins>note: print</ins>" in history and "{" not in history.split("</table>", 1)[0]
