"""A form sent after the log-in changed in another tab comes back with what was typed."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from factdb.models import Claim, Document, Source
from factdb.models.team import ClaimNote as Note
from factdb.vocab import Role
from tests.factories import Factory

ORIGIN = {"Origin": "http://localhost"}
TOLD = "Your log-in changed since this page was opened; check and save again."

CLAIM_FORM = {
    "text": "The ferry to Ostrava Lake ran 212 days last year.",
    "context": "Said at the spring meeting of the lake council.",
    "citations-0-document": "Lake council minutes",
    "citations-0-new_document_type": "report",
    "citations-0-speaker": "Lake Council of Vessa",
    "citations-0-new_speaker_kind": "organisation",
    "citations-0-relation": "asserts",
    "citations-0-quote": "the ferry ran 212 days",
    "citations-0-quote_type": "direct",
    "save": "Save claim",
}


@pytest.fixture
def editor(make: Factory):
    user = make.user(Role.EDITOR, email="editor@example.org")
    make.commit()
    return user


def _token(page: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert match
    return match.group(1)


def _opened_then_relogged(client, auth, url: str) -> str:
    """Open `url`, then log out and in again elsewhere; the page's (now old) token."""
    old = _token(client.get(url).get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": old}).status_code == 302
    auth.login("editor@example.org")
    return old


def _count(session, model) -> int:
    session.rollback()  # a fresh read, not the snapshot of an earlier one
    return session.scalar(select(func.count(model.id)))


@pytest.mark.parametrize(
    ("url", "model", "form"),
    [
        ("/claims/new", Claim, CLAIM_FORM),
        ("/sources/new", Source, {"name": "Lake Council of Vessa", "kind": "organisation"}),
        ("/documents/new", Document, {"title": "Lake council minutes", "doc_type": "report"}),
    ],
)
def test_a_form_with_an_old_token_comes_back_with_every_field_and_a_fresh_token(
    client, auth, editor, session, url, model, form
):
    auth.login("editor@example.org")
    old = _opened_then_relogged(client, auth, url)
    before = _count(session, model)
    response = client.post(url, data={**form, "csrf_token": old}, headers=ORIGIN)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert TOLD in body
    for value in form.values():
        if value not in ("report", "organisation", "asserts", "direct", "Save claim"):
            assert value in body
    fresh = _token(body)
    assert fresh != old
    assert _count(session, model) == before
    again = client.post(url, data={**form, "csrf_token": fresh}, headers=ORIGIN)
    assert again.status_code == 302, again.get_data(as_text=True)
    assert _count(session, model) == before + 1


def test_a_note_with_an_old_token_comes_back_with_its_text(client, auth, editor, make, session):
    claim = make.claim(editor, "The lake froze twice.")
    make.commit()
    auth.login("editor@example.org")
    old = _opened_then_relogged(client, auth, f"/claims/{claim.id}")
    note = "Ask the council for the ice log."
    response = client.post(
        f"/claims/{claim.id}/notes", data={"text": note, "csrf_token": old}, headers=ORIGIN
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert TOLD in body and note in body
    assert _count(session, Note) == 0


def test_an_edit_with_an_old_token_keeps_the_typed_text(client, auth, editor, make, session):
    claim = make.claim(editor, "The lake froze twice.")
    make.commit()
    auth.login("editor@example.org")
    url = f"/claims/{claim.id}/edit"
    old = _opened_then_relogged(client, auth, url)
    response = client.post(
        url,
        data={"text": "The lake froze three times.", "version": "1", "csrf_token": old},
        headers=ORIGIN,
    )
    assert response.status_code == 422
    assert "The lake froze three times." in response.get_data(as_text=True)
    session.rollback()
    assert session.get(Claim, claim.id).text == "The lake froze twice."


def test_a_form_sent_once_logged_out_says_how_to_keep_the_text(client, auth, editor, session):
    auth.login("editor@example.org")
    old = _token(client.get("/claims/new").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": old})
    response = client.post("/claims/new", data={**CLAIM_FORM, "csrf_token": old}, headers=ORIGIN)
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "no longer logged in" in body
    assert 'href="/login" target="_blank"' in body
    assert _count(session, Claim) == 0


@pytest.mark.parametrize(
    "headers", [{}, {"Origin": "https://elsewhere.example"}], ids=["no origin", "other site"]
)
def test_a_form_from_another_site_is_still_refused_outright(client, auth, editor, session, headers):
    auth.login("editor@example.org")
    response = client.post(
        "/claims/new", data={**CLAIM_FORM, "csrf_token": "forged"}, headers=headers
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert CLAIM_FORM["text"] not in body and TOLD not in body
    assert _count(session, Claim) == 0


def test_a_viewer_with_an_old_token_is_still_refused_by_role(client, auth, make, session):
    make.user(Role.VIEWER, email="viewer@example.org")
    make.commit()
    auth.login("viewer@example.org")
    old = _token(client.get("/").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": old})
    auth.login("viewer@example.org")
    response = client.post("/claims/new", data={**CLAIM_FORM, "csrf_token": old}, headers=ORIGIN)
    assert response.status_code == 403
    assert _count(session, Claim) == 0


def test_a_pasted_article_with_an_old_token_comes_back_whole(client, auth, editor):
    auth.login("editor@example.org")
    old = _opened_then_relogged(client, auth, "/intake/")
    article = "The ferry to the lake ran 212 days, the council said on Monday."
    response = client.post(
        "/intake/",
        data={
            "title": "Lake ferry",
            "doc_type": "news_article",
            "text": article,
            "csrf_token": old,
        },
        headers=ORIGIN,
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert TOLD in body and article in body and 'value="Lake ferry"' in body
    assert _token(body) != old
