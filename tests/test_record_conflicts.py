"""Conflicting edits of a source or a document: saving again never reverts their changes.

Two editors open the same form; the first saves a change to one field, the second changes
another and is refused. Saving again must keep the first one's change to what the second
left alone, as a claim's form does (tests/test_conflicts.py).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from factdb.documents import get_document
from factdb.sources import get_source
from factdb.vocab import Role, SourceKind
from tests.factories import Factory
from tests.test_conflicts import SAVING_AGAIN, _browser, _edit_form, form_values


@pytest.fixture(autouse=True)
def editors(make: Factory) -> None:
    """Alice and Bob, two editors who open the same form."""
    make.user(Role.EDITOR, email="alice@example.org", name="Alice")
    make.user(Role.EDITOR, email="bob@example.org", name="Bob")


#: record, their field and value (with how the banner names it), your field and value.
CASES = {
    "source role": ("source", "role", "Harbour authority chair", "Role or description",
                    "notes", "Met at the port hearing."),
    "source aliases": ("source", "aliases", "D. Whitfield", "Aliases",
                       "role", "Harbour authority chair"),
    "document publisher": ("document", "publisher", "Coastline Press", "Publisher",
                           "container_title", "The Tidewater Gazette"),
    "document authors": ("document", "authors", "Dana Whitfield", "Authors",
                         "title", "Harbour fees to rise"),
}  # fmt: skip


def _made(make: Factory, record: str):
    if record == "source":
        return make.source("Dana Whitfield", role="Port spokesperson")
    make.source("Dana Whitfield")
    return make.document("Harbour fees rise", publisher="Coastal Media")


def _stored(session, record: str, record_id: int):
    session.rollback()
    session.expire_all()
    return (
        get_source(session, record_id) if record == "source" else get_document(session, record_id)
    )


def _shown(stored, field: str) -> str:
    if field == "aliases":
        return "\n".join(alias.name for alias in stored.aliases)
    if field == "authors":
        return "\n".join(author.source.name for author in stored.authors)
    return getattr(stored, field)


@pytest.mark.parametrize("case", CASES)
def test_saving_again_after_a_conflict_keeps_their_change_to_a_field_you_left_alone(
    app, session, make: Factory, case
):
    record, their_field, their_value, label, my_field, my_value = CASES[case]
    made = _made(make, record)
    url = f"/{record}s/{made.id}/edit"
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)
    before = alices[their_field]
    alices[their_field] = their_value
    assert alice.post(url, alices).status_code == 302

    bobs[my_field] = my_value
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    banner = (
        BeautifulSoup(page, "html.parser").select_one("section.stale").get_text(" ", strip=True)
    )
    assert f"{label} changed from “{before}” to “{their_value}”" in banner
    assert "now in your form" in banner and SAVING_AGAIN in banner
    again = form_values(page)
    assert again[their_field] == their_value, "their change to what Bob left alone is taken"
    assert again[my_field] == my_value, "Bob's text is kept"

    assert bob.post(url, again).status_code == 302
    stored = _stored(session, record, made.id)
    assert _shown(stored, their_field) == their_value, "saving again reverted their change"
    assert _shown(stored, my_field) == my_value


@pytest.mark.parametrize("record", ["source", "document"])
def test_a_field_both_changed_keeps_yours_and_says_so(app, session, make: Factory, record):
    made = _made(make, record)
    url = f"/{record}s/{made.id}/edit"
    field = "role" if record == "source" else "publisher"
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)
    alices[field] = "Alice's value"
    assert alice.post(url, alices).status_code == 302
    bobs[field] = "Bob's value"
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    banner = (
        BeautifulSoup(page, "html.parser").select_one("section.stale").get_text(" ", strip=True)
    )
    assert "you changed it too: yours is kept" in banner
    again = form_values(page)
    assert again[field] == "Bob's value"
    assert bob.post(url, again).status_code == 302
    assert getattr(_stored(session, record, made.id), field) == "Bob's value"


def test_a_parent_they_set_stays_when_you_left_it_alone(app, session, make: Factory):
    """A reference is its typed name and a hidden id: taking theirs takes both."""
    made = make.source("Dana Whitfield")
    ministry = make.source("Ministry of Harbours", kind=SourceKind.ORGANISATION)
    url = f"/sources/{made.id}/edit"
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)
    alices["parent"], alices["parent_id"] = ministry.name, str(ministry.id)
    assert alice.post(url, alices).status_code == 302
    bobs["notes"] = "Spoke at the hearing."
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    again = form_values(refused.get_data(as_text=True))
    assert (again["parent"], again["parent_id"]) == (ministry.name, str(ministry.id))
    assert bob.post(url, again).status_code == 302
    stored = _stored(session, "source", made.id)
    assert (stored.parent_id, stored.notes) == (ministry.id, "Spoke at the hearing.")
