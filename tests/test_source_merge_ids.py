"""A merged source's id is never handed to a new source, on any path.

SQLite gives a new row the highest id plus one, so the id of a merged source that was
the newest went to the next source recorded: the merged source's old address, and every
"(#N)" naming it, then led to someone else instead of to the source it was merged into.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb import importer
from factdb.access import create_token
from factdb.models import Source
from factdb.source_merge import merge_source
from factdb.vocab import Role


@pytest.fixture
def merged(make, session):
    """Two records of one speaker; the newer (highest id) merged into the older."""
    editor = make.user(Role.EDITOR, email="ed@example.org", name="Rhea Tamsin")
    kept = make.source("Joseph Santorin")
    short = make.source("Joe Santorin")
    merge_source(session, editor, short.id, kept.id, short.version)
    session.commit()
    return editor, kept.id, short.id


def _still_redirects(client, merged_id: int, kept_id: int) -> None:
    old = client.get(f"/sources/{merged_id}")
    assert old.status_code == 301 and old.headers["Location"].endswith(f"/sources/{kept_id}")


def test_a_source_added_on_the_form_takes_a_new_id(client, auth, session, merged):
    _, kept_id, merged_id = merged
    auth.login("ed@example.org")
    saved = auth.post("/sources/new", {"name": "Ilse Varga", "kind": "person"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    session.rollback()
    new_id = session.scalar(select(Source.id).where(Source.name == "Ilse Varga"))
    assert new_id > merged_id
    _still_redirects(client, merged_id, kept_id)


def test_a_source_added_through_the_api_or_a_citation_takes_a_new_id(client, auth, session, merged):
    editor, kept_id, merged_id = merged
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    added = client.post("/api/v1/sources", json={"name": "Ilse Varga"}, headers=headers)
    assert added.status_code == 201 and added.get_json()["data"]["id"] > merged_id
    claim = client.post(
        "/api/v1/claims",
        json={"text": "The ferry ran late all winter.", "citations": [
            {"document": "Ferry board minutes", "speaker": "Otto Brandvik", "relation": "supports"}
        ]},
        headers=headers,
    )  # fmt: skip
    assert claim.status_code == 201, claim.get_json()
    assert claim.get_json()["data"]["citations"][0]["speaker"]["id"] > merged_id
    auth.login("ed@example.org")
    _still_redirects(client, merged_id, kept_id)


def test_authors_created_by_an_import_take_new_ids(client, auth, session, merged):
    editor, kept_id, merged_id = merged
    bib = (
        "@article{varga2020,\n  title = {Tides of the inner sound},\n"
        "  author = {Varga, Ilse and Brandvik, Otto},\n  journal = {Coastal Notes},\n"
        "  year = {2020}\n}\n"
    )
    importer.import_references(session, editor, bib.encode(), format_name="bibtex")
    session.commit()
    ids = session.scalars(select(Source.id).where(Source.name.in_(["Ilse Varga", "Otto Brandvik"])))
    assert sorted(ids)[0] > merged_id
    auth.login("ed@example.org")
    _still_redirects(client, merged_id, kept_id)
