"""Edits that conflict are refused once, say what changed, and then go through: never stuck."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select

from factdb.claims import CitationInput, get_claim
from factdb.documents import get_document
from factdb.models import Citation
from factdb.sources import get_source
from factdb.vocab import Relation, Role
from tests.conftest import Auth
from tests.factories import Factory


def form_values(html: str) -> dict[str, str]:
    """What a browser would send for the page's record form, as it stands."""
    form = BeautifulSoup(html, "html.parser").select_one(
        "main form[method=post]:has(button, input[type=submit])"
    )
    assert form is not None
    values: dict[str, str] = {}
    for element in form.select("input, textarea, select"):
        name = element.get("name")
        if not name or element.get("type") == "submit":
            continue
        if element.get("type") == "checkbox":
            if element.has_attr("checked"):
                values[name] = element.get("value", "y")
        elif element.name == "textarea":
            # HTML drops one newline after <textarea>; WTForms writes CRLF there.
            text = element.text
            values[name] = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
        elif element.name == "select":
            chosen = element.select_one("option[selected]") or element.select_one("option")
            values[name] = chosen.get("value", "") if chosen else ""
        else:
            values[name] = element.get("value", "")
    return values


@pytest.fixture
def team(make: Factory):
    return {
        "alice": make.user(Role.EDITOR, email="alice@example.org", name="Alice"),
        "bob": make.user(Role.EDITOR, email="bob@example.org", name="Bob"),
    }


def _browser(app: Flask, email: str) -> Auth:
    auth = Auth(app.test_client())
    auth.login(email)
    return auth


@pytest.fixture
def claim(make: Factory, team):
    """Alice's claim with two citations: the statement (p. 4) and a news report."""
    statement, report = make.document("Ministry statement"), make.document("Evening news")
    return make.claim(
        team["alice"],
        "Exports rose 4% in 2025.",
        tags=["economy"],
        citations=[
            CitationInput(document_id=statement.id, relation=Relation.SUPPORTS,
                          quote="exports rose", locator="p. 4"),
            CitationInput(document_id=report.id, relation=Relation.REPORTS),
        ],
    )  # fmt: skip


SAVING_AGAIN = "Saving again keeps their changes to what you left alone"


def _edit_form(auth: Auth, url: str) -> dict[str, str]:
    page = auth.client.get(url)
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True))


def test_a_tags_edit_after_someone_changed_a_citation_is_refused_once_then_saved(
    app, session, team, claim
):
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    url = f"/claims/{claim.id}/edit"
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)

    alices["citations-0-locator"] = "p. 5"
    assert alice.post(url, alices).status_code == 302

    bobs["tags"] = "economy, trade"
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    first = claim.citations[0].id
    assert f"Alice changed citation #{first} (locator from “p. 4” to “p. 5”)" in page
    assert "shown below" not in page and "reapply" not in page
    assert page.count(SAVING_AGAIN) == 1
    again = form_values(page)
    assert again["tags"] == "economy, trade", "Bob's text is kept"
    assert again["citations-0-locator"] == "p. 5", "Alice's change to what Bob left alone is taken"

    saved = bob.post(url, again)
    assert saved.status_code == 302, (
        "the second save goes through: the form now stands on their versions"
    )
    session.rollback()
    stored = get_claim(session, claim.id)
    assert [tag.name for tag in stored.tags] == ["economy", "trade"]
    assert stored.citations[0].locator == "p. 5", "saving again never reverts what Bob left alone"


def test_a_citation_removed_meanwhile_is_named_and_comes_back_as_new(app, session, team, claim):
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    url = f"/claims/{claim.id}/edit"
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)
    removed = claim.citations[1].id
    alices["citations-1-remove"] = "y"
    assert alice.post(url, alices).status_code == 302

    bobs["citations-1-locator"] = "at 19:04"
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert f"Alice removed citation #{removed}" in page
    again = form_values(page)
    assert again["citations-1-id"] == "" and again["citations-1-locator"] == "at 19:04"
    assert bob.post(url, again).status_code == 302
    session.rollback()
    locators = session.scalars(select(Citation.locator).where(Citation.claim_id == claim.id)).all()
    assert sorted(locators) == ["at 19:04", "p. 4"]


@pytest.mark.parametrize("missing", ["version", "citations-0-version"])
def test_a_claim_edit_without_its_version_is_refused_not_saved_over_someone_else(
    app, session, team, claim, missing
):
    bob = _browser(app, "bob@example.org")
    url = f"/claims/{claim.id}/edit"
    form = _edit_form(bob, url)
    form["text"] = "Exports fell."
    del form[missing]
    refused = bob.post(url, form)
    assert refused.status_code == 409
    session.rollback()
    assert get_claim(session, claim.id).text == "Exports rose 4% in 2025."
    again = form_values(refused.get_data(as_text=True))
    assert again[missing] and again["text"] == "Exports fell."
    assert bob.post(url, again).status_code == 302


@pytest.mark.parametrize("value", ["²", "abc", "-1", "99999999999999999999999"])
def test_a_claim_edit_with_a_malformed_version_is_a_conflict_not_a_crash(app, team, claim, value):
    bob = _browser(app, "bob@example.org")
    url = f"/claims/{claim.id}/edit"
    form = _edit_form(bob, url)
    form["version"] = value
    form["citations-0-id"] = value if value != "-1" else form["citations-0-id"]
    assert bob.post(url, form).status_code in (409, 422)


@pytest.mark.parametrize("record", ["source", "document"])
def test_source_and_document_edits_without_a_version_are_refused_then_go_through(
    app, session, make: Factory, team, record
):
    made = make.source("Dana Whitfield") if record == "source" else make.document("Senate record")
    bob = _browser(app, "bob@example.org")
    url = f"/{record}s/{made.id}/edit"
    form = _edit_form(bob, url)
    text_field = "role" if record == "source" else "publisher"
    form[text_field] = "Changed by Bob"
    for value in (None, "²"):
        attempt = dict(form)
        if value is None:
            del attempt["version"]
        else:
            attempt["version"] = value
        refused = bob.post(url, attempt)
        assert refused.status_code == 409
        page = refused.get_data(as_text=True)
        assert "Their version, saved by" in page and "shown below" not in page
    again = form_values(page)
    assert again[text_field] == "Changed by Bob"
    assert bob.post(url, again).status_code == 302
    session.rollback()
    session.expire_all()
    stored = get_source(session, made.id) if record == "source" else get_document(session, made.id)
    assert getattr(stored, text_field) == "Changed by Bob"


def test_a_conflict_names_their_claim_text_and_citation_changes_and_keeps_them_on_saving_again(
    app, session, team, claim
):
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    url = f"/claims/{claim.id}/edit"
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)
    alices["text"] = "Exports rose 5% in 2025."
    alices["citations-0-quote"] = "exports rose sharply"
    assert alice.post(url, alices).status_code == 302

    bobs["citations-1-locator"] = "at 19:04"
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    banner = (
        BeautifulSoup(page, "html.parser").select_one("section.stale").get_text(" ", strip=True)
    )
    assert (
        "Claim text changed from “Exports rose 4% in 2025.” to “Exports rose 5% in 2025.”" in banner
    )
    first = claim.citations[0].id
    assert (
        f"Citation #{first} quote changed from “exports rose” to “exports rose sharply”" in banner
    )
    assert "now in your form" in banner
    again = form_values(page)
    assert again["text"] == "Exports rose 5% in 2025."
    assert again["citations-0-quote"] == "exports rose sharply"
    assert again["citations-1-locator"] == "at 19:04"

    assert bob.post(url, again).status_code == 302
    session.rollback()
    session.expire_all()
    stored = get_claim(session, claim.id)
    assert stored.text == "Exports rose 5% in 2025."
    assert [(c.quote, c.locator) for c in stored.citations] == [
        ("exports rose sharply", "p. 4"),
        ("", "at 19:04"),
    ]


def test_a_field_both_changed_keeps_yours_and_says_so(app, session, team, claim):
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    url = f"/claims/{claim.id}/edit"
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)
    alices["text"] = "Exports rose 5% in 2025."
    assert alice.post(url, alices).status_code == 302
    bobs["text"] = "Exports rose 6% in 2025."
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    banner = BeautifulSoup(refused.get_data(as_text=True), "html.parser").select_one(
        "section.stale"
    )
    assert "you changed it too: yours is kept" in banner.get_text(" ", strip=True)
    again = form_values(refused.get_data(as_text=True))
    assert again["text"] == "Exports rose 6% in 2025."
    assert bob.post(url, again).status_code == 302
    session.rollback()
    assert get_claim(session, claim.id).text == "Exports rose 6% in 2025."


def test_a_citation_they_added_or_removed_meanwhile_stays_so_when_you_left_it_alone(
    app, session, make: Factory, team, claim
):
    alice, bob = _browser(app, "alice@example.org"), _browser(app, "bob@example.org")
    url = f"/claims/{claim.id}/edit"
    alices, bobs = _edit_form(alice, url), _edit_form(bob, url)
    removed = claim.citations[1].id
    alices["citations-2-document"] = "Harbour bulletin"
    alices["citations-2-relation"] = "reports"
    alices["citations-2-quote"] = "exports rose again"
    assert alice.post(url, alices).status_code == 302
    # Removed in a second save: SQLite gives a new row the id of a row deleted in the same save.
    alices = _edit_form(alice, url)
    alices["citations-1-remove"] = "y"
    assert alice.post(url, alices).status_code == 302

    bobs["tags"] = "economy, trade"
    refused = bob.post(url, bobs)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert f"Alice removed citation #{removed}" in page
    again = form_values(page)
    assert str(removed) not in [again.get(f"citations-{i}-id") for i in range(4)]
    assert "exports rose again" in again.values()
    assert bob.post(url, again).status_code == 302
    session.rollback()
    session.expire_all()
    stored = get_claim(session, claim.id)
    assert sorted(c.quote for c in stored.citations) == ["exports rose", "exports rose again"]
    assert [tag.name for tag in stored.tags] == ["economy", "trade"]
