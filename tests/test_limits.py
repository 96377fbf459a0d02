"""Bounded input: list sizes and field lengths refused by name, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sqlalchemy import inspect as inspect_schema

from factdb import migrate, transfer
from factdb.access import create_token
from factdb.claims import MAX_CITATIONS, MAX_TAGS
from factdb.db import make_engine, make_session_factory
from factdb.documents import MAX_AUTHORS, DocumentInput, create_document
from factdb.models import Document, Source
from factdb.sources import MAX_ALIASES, SourceInput, create_source
from factdb.users import create_user
from factdb.vocab import DocumentType, Role, SourceKind
from tests.factories import Factory


def _token(make: Factory, session, role: Role = Role.EDITOR) -> dict[str, str]:
    user = make.user(role)
    secret = create_token(session, user, "limits").secret
    session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_a_form_with_60_citations_is_refused_by_name_not_cut_to_50(client, auth, make, session):
    editor = make.user(Role.EDITOR)
    document = make.document("Limits document")
    auth.login(editor.email)
    data = {"text": "A claim with too many citations"}
    for index in range(60):
        data[f"citations-{index}-document"] = document.title
        data[f"citations-{index}-document_id"] = str(document.id)
        data[f"citations-{index}-relation"] = "asserts"
        data[f"citations-{index}-quote_type"] = "direct"
        data[f"citations-{index}-quote"] = f"quote number {index}"
    response = auth.post("/claims/new", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"at most {MAX_CITATIONS} citations; this form sent 60 rows" in page
    assert client.get("/api/v1/claims", headers=_token(make, session)).get_json()["data"] == []


def test_the_api_refuses_more_citations_tags_aliases_and_authors_than_allowed(
    client, make, session
):
    headers = _token(make, session)
    document = make.document("Limits document")
    citations = [{"document": document.id, "relation": "asserts"}] * (MAX_CITATIONS + 1)
    response = client.post(
        "/api/v1/claims", headers=headers, json={"text": "Many", "citations": citations}
    )
    assert response.status_code == 422, response.get_json()
    assert f"at most {MAX_CITATIONS} citations" in response.get_json()["fields"]["citations"]

    tags = [f"tag {n}" for n in range(MAX_TAGS + 1)]
    response = client.post("/api/v1/claims", headers=headers, json={"text": "Tagged", "tags": tags})
    assert response.status_code == 422
    assert f"at most {MAX_TAGS} tags" in response.get_json()["fields"]["tags"]

    aliases = [f"Alias {n}" for n in range(20_000)]
    response = client.post(
        "/api/v1/sources",
        headers=headers,
        json={"name": "Many Names", "kind": "person", "aliases": aliases},
    )
    assert response.status_code == 422
    assert (
        f"at most {MAX_ALIASES} aliases; 20,000 were given"
        in response.get_json()["fields"]["aliases"]
    )

    authors = [f"Author {n}" for n in range(MAX_AUTHORS + 1)]
    response = client.post(
        "/api/v1/documents", headers=headers, json={"title": "Crowded", "authors": authors}
    )
    assert response.status_code == 422
    assert f"at most {MAX_AUTHORS} authors" in response.get_json()["fields"]["authors"]

    for path in ("claims", "sources", "documents"):
        listed = client.get(f"/api/v1/{path}", headers=headers).get_json()["data"]
        assert [row.get("title", row.get("name")) for row in listed] in ([], ["Limits document"])


def test_a_full_list_is_accepted(client, make, session):
    headers = _token(make, session)
    document = make.document("Limits document")
    citations = [
        {"document": document.id, "relation": "asserts", "quote": f"q{n}"}
        for n in range(MAX_CITATIONS)
    ]
    response = client.post(
        "/api/v1/claims", headers=headers, json={"text": "Exactly full", "citations": citations}
    )
    assert response.status_code == 201, response.get_json()
    assert len(response.get_json()["data"]["citations"]) == MAX_CITATIONS


def test_over_long_values_are_refused_by_name_on_every_database(client, make, session):
    """PostgreSQL refused these with a 500 and SQLite stored them; both now answer 422."""
    headers = _token(make, session)
    for field, length in (
        ("publisher", 500),
        ("doi", 200),
        ("language", 35),
        ("container_title", 500),
    ):
        body = {"title": f"Long {field}", field: "x" * (length + 1)}
        response = client.post("/api/v1/documents", headers=headers, json=body)
        assert response.status_code == 422, (field, response.get_json())
        assert (
            response.get_json()["fields"][field]
            == f"Keep the {field.replace('_', ' ')} under {length:,} characters."
        )
        body[field] = "x" * length
        assert client.post("/api/v1/documents", headers=headers, json=body).status_code == 201


def test_over_long_values_in_a_web_form_are_named_beside_the_field(client, auth, make, session):
    editor = make.user(Role.EDITOR)
    auth.login(editor.email)
    response = auth.post(
        "/documents/new", {"title": "Form", "doc_type": "report", "publisher": "p" * 501}
    )
    assert response.status_code == 422
    assert "500" in response.get_data(as_text=True)
    assert session.query(Document).count() == 0


def _maximal(session) -> None:
    """A document and a source whose every text field is as long as its column allows."""
    user = create_user(
        session,
        email="max@example.org",
        name="M" * 100,
        role=Role.ADMIN,
        password="correct horse battery",
    )
    columns = {
        c.key: c.columns[0].type.length
        for c in inspect_schema(Document).column_attrs
        if getattr(c.columns[0].type, "length", None)
    }
    create_document(
        session,
        user,
        DocumentInput(
            title="T" * columns["title"],
            doc_type=DocumentType.REPORT,
            container_title="C" * columns["container_title"],
            publisher="P" * columns["publisher"],
            url="https://example.org/" + "u" * (columns["url"] - 20),
            doi="10.1/" + "d" * (columns["doi"] - 5),
            archive_url="https://archive.example/" + "a" * (columns["archive_url"] - 24),
            language="l" * columns["language"],
            full_text="ünïcödé " * 1000,
        ),
    )
    create_source(
        session,
        user,
        SourceInput(
            name="N" * 300, kind=SourceKind.ORGANISATION, role="R" * 300, aliases=["A" * 300]
        ),
    )
    session.commit()


def test_maximal_values_move_from_sqlite_to_the_test_database(tmp_path: Path, empty_database_url):
    """factdb dump from SQLite, factdb load into PostgreSQL (when tests run on it): every value fits."""
    sqlite_engine = make_engine(f"sqlite:///{tmp_path / 'max.sqlite'}")
    migrate.upgrade(sqlite_engine)
    with make_session_factory(sqlite_engine, write=True)() as session:
        _maximal(session)
    with make_session_factory(sqlite_engine)() as session:
        out = io.StringIO()
        transfer.dump(session, out)
    sqlite_engine.dispose()
    dumped = out.getvalue()

    target = make_engine(empty_database_url)
    migrate.upgrade(target)
    with make_session_factory(target, write=True)() as session, session.begin():
        transfer.load(session, io.StringIO(dumped))
    with make_session_factory(target)() as session:
        again = io.StringIO()
        transfer.dump(session, again)
        assert session.query(Source).count() == 1
    target.dispose()
    assert json.loads(again.getvalue())["tables"] == json.loads(dumped)["tables"]
