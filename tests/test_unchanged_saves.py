# ruff: noqa: F811 (the fixtures imported are the test functions' arguments)
"""A save that changes nothing writes nothing: no new version, no new time, and says so.

A version moved by an empty save made the next editor's save a false conflict.
"""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.models import Citation, Claim, Document, Source
from factdb.vocab import Role
from tests.test_api_patch import headers, records  # noqa: F401 (fixtures)
from tests.test_conflicts import _browser, _edit_form, claim, team  # noqa: F401 (fixtures)

MODELS = {"claims": Claim, "sources": Source, "documents": Document}


def _stamp(session, model, record_id: int) -> tuple:
    session.rollback()
    record = session.get(model, record_id)
    return record.version, record.updated_at, record.updated_by_id


@pytest.mark.parametrize("what", ["claims", "sources", "documents"])
def test_saving_an_edit_form_unchanged_by_another_editor_writes_nothing(
    app,
    session,
    make,
    team,
    claim,
    what,
):
    citation = claim.citations[0]
    ids = {"claims": claim.id, "sources": make.source("Dana Whitfield").id,
           "documents": citation.document_id}  # fmt: skip
    session.commit()
    model, record_id = MODELS[what], ids[what]
    before = _stamp(session, model, record_id)
    bob = _browser(app, "bob@example.org")
    url = f"/{what}/{record_id}/edit"
    saved = bob.post(url, _edit_form(bob, url))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert _stamp(session, model, record_id) == before
    assert "Nothing changed" in bob.client.get(saved.location).get_data(as_text=True)
    if what == "claims":
        assert _stamp(session, Citation, citation.id)[:2] == (citation.version, citation.updated_at)


@pytest.mark.parametrize("kind", ["claim", "source", "document", "citation"])
def test_an_api_patch_repeating_the_record_writes_nothing(
    client,
    session,
    make,
    records,
    kind,
):
    other = make.user(Role.EDITOR, email="other@example.org", name="Other")
    bearer = {"Authorization": f"Bearer {create_token(session, other, 'script').secret}"}
    session.commit()
    url = f"/api/v1/{kind}s/{records[kind]['id']}"
    before = client.get(url, headers=bearer).get_json()["data"]
    body = {key: before[key] for key in before if key in _WRITABLE[kind]}
    response = client.patch(url, headers=bearer, json={"version": before["version"], **body})
    assert response.status_code == 200, response.get_data(as_text=True)
    after = client.get(url, headers=bearer).get_json()["data"]
    assert after["version"] == before["version"]
    assert after.get("updated_at") == before.get("updated_at")


_WRITABLE = {
    "claim": {"text", "context", "tags"},
    "source": {"name", "kind", "role", "aliases", "wikidata"},
    "document": {"title", "doc_type", "url", "published", "language"},
    "citation": {"relation", "quote", "quote_type", "locator", "speaker_role"},
}
