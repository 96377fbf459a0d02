"""A form sent twice (back and resubmit, or a retried POST) creates one record."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, func, select

from factdb.models import Citation, Claim, Document, Source
from factdb.vocab import Role
from factdb.web.database import database

CLAIM_FORM = {
    "text": "Norvania will deliver 40 air-defence systems.",
    "citations-0-document": "Statement by the Office of the President",
    "citations-0-new_document_type": "press_release",
    "citations-0-speaker": "Office of the President",
    "citations-0-relation": "asserts",
    "citations-0-quote": "will deliver 40 air-defence systems",
    "citations-0-quote_type": "direct",
    "save": "Save claim",
}


@pytest.fixture
def team(make):
    return make.user(Role.EDITOR, email="editor@example.org")


def _once_token(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="once_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="once_token" value="([^"]+)"', page
    )
    assert match, f"{url} carries a one-time form token"
    return match.group(1)


def _count(session, model) -> int:
    session.rollback()  # a fresh read, not the snapshot of an earlier one
    return session.scalar(select(func.count()).select_from(model))


def test_the_same_new_claim_post_twice_creates_one_claim(client, auth, team, session):
    auth.login("editor@example.org")
    before = _count(session, Claim)
    form = {
        **CLAIM_FORM,
        "once_token": _once_token(client, "/claims/new"),
        "csrf_token": auth.csrf_token(),
    }
    first = client.post("/claims/new", data=form)
    assert first.status_code == 302
    second = client.post("/claims/new", data=form)
    assert second.status_code == 302
    assert second.location == first.location
    assert _count(session, Claim) == before + 1
    claim_id = int(first.location.rstrip("/").rsplit("/", 1)[-1])
    page = client.get(second.location).get_data(as_text=True)
    assert f"This form was already saved as claim #{claim_id}." in page


def test_a_new_render_of_the_form_creates_another_claim(client, auth, team, session):
    auth.login("editor@example.org")
    before = _count(session, Claim)
    for _ in range(2):
        form = {**CLAIM_FORM, "once_token": _once_token(client, "/claims/new")}
        assert auth.post("/claims/new", form).status_code == 302
    assert _count(session, Claim) == before + 2


def test_a_post_without_a_token_still_saves(client, auth, team, session):
    auth.login("editor@example.org")
    before = _count(session, Claim)
    assert auth.post("/claims/new", CLAIM_FORM).status_code == 302
    assert auth.post("/claims/new", CLAIM_FORM).status_code == 302
    assert _count(session, Claim) == before + 2


def test_a_refused_form_keeps_its_token_and_saves_once_corrected(client, auth, team, session):
    auth.login("editor@example.org")
    before = _count(session, Claim)
    token = _once_token(client, "/claims/new")
    refused = auth.post("/claims/new", {**CLAIM_FORM, "text": "", "once_token": token})
    assert refused.status_code == 422
    assert token in refused.get_data(as_text=True)
    form = {**CLAIM_FORM, "once_token": token}
    assert auth.post("/claims/new", form).status_code == 302
    assert auth.post("/claims/new", form).status_code == 302
    assert _count(session, Claim) == before + 1


def test_the_same_new_source_post_twice_creates_one_source(client, auth, team, session):
    auth.login("editor@example.org")
    before = _count(session, Source)
    form = {"name": "Ministry of Resubmission", "once_token": _once_token(client, "/sources/new")}
    first = auth.post("/sources/new", form)
    second = auth.post("/sources/new", form)
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    assert _count(session, Source) == before + 1
    assert "This form was already saved as source #" in client.get(second.location).get_data(
        as_text=True
    )


def test_the_same_new_document_post_twice_creates_one_document(client, auth, team, session):
    auth.login("editor@example.org")
    before = _count(session, Document)
    form = {
        "title": "A report sent twice",
        "doc_type": "report",
        "once_token": _once_token(client, "/documents/new"),
    }
    first = auth.post("/documents/new", form)
    second = auth.post("/documents/new", form)
    assert first.status_code == second.status_code == 302, first.get_data(as_text=True)
    assert second.location == first.location
    assert _count(session, Document) == before + 1
    assert "This form was already saved as document #" in client.get(second.location).get_data(
        as_text=True
    )


@pytest.mark.parametrize("url", ["/claims/new", "/sources/new", "/documents/new"])
def test_the_form_pages_make_their_token_without_a_query(app, client, auth, team, url):
    auth.login("editor@example.org")
    engine = database(app).engine
    client.get(url)  # warm up caches and the session
    sent: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", remember)
    try:
        first, second = _once_token(client, url), _once_token(client, url)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert first != second
    assert sent and not [statement for statement in sent if "form_receipt" in statement]


def test_the_same_cite_post_twice_cites_the_passage_once(client, auth, team, make, session):
    document = make.document("A speech cited twice", full_text="We will act.")
    make.commit()
    auth.login("editor@example.org")
    url = f"/documents/{document.id}/cite"
    form = {
        "quote": "We will act",
        "claim_text": "The council will act.",
        "relation": "asserts",
        "once_token": _once_token(client, url),
    }
    first = auth.post(url, form)
    second = auth.post(url, form)
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    session.rollback()
    cited = session.scalars(select(Citation).where(Citation.document_id == document.id)).all()
    assert len(cited) == 1
    page = client.get(second.location).get_data(as_text=True)
    assert f"This form was already saved as claim #{cited[0].claim_id}." in page
