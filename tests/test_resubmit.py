"""A form sent twice (back and resubmit, or a retried POST) creates one record."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import event, func, select

from factdb.models import Change, Citation, Claim, ClaimNote, Document, Source
from factdb.vocab import Role
from factdb.web.database import database
from tests.conftest import Auth

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
    """Words saved a moment ago are saved again only when the person says so (the box)."""
    auth.login("editor@example.org")
    before = _count(session, Claim)
    for again in ({}, {"again": "1"}):
        form = {**CLAIM_FORM, **again, "once_token": _once_token(client, "/claims/new")}
        assert auth.post("/claims/new", form).status_code == 302
    assert _count(session, Claim) == before + 2


def test_a_post_without_a_token_still_saves(client, auth, team, session):
    auth.login("editor@example.org")
    before = _count(session, Claim)
    assert auth.post("/claims/new", CLAIM_FORM).status_code == 302
    assert auth.post("/claims/new", {**CLAIM_FORM, "again": "1"}).status_code == 302
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


def test_the_same_note_post_twice_records_one_note(client, auth, team, make, session):
    claim = make.claim(team, "The ferry will run twice a day from May.")
    make.commit()
    auth.login("editor@example.org")
    url = f"/claims/{claim.id}/notes"
    form = {"text": "Asked the port office for the timetable.",
            "once_token": _once_token(client, f"/claims/{claim.id}")}  # fmt: skip
    first = auth.post(url, form)
    second = auth.post(url, form)
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    assert _count(session, ClaimNote) == 1
    note = session.scalar(select(ClaimNote))
    assert first.location.endswith(f"/claims/{claim.id}#note-{note.id}")
    page = client.get(second.location).get_data(as_text=True)
    assert f"This form was already saved as note #{note.id}." in page


def test_a_refused_note_keeps_its_token_and_saves_once_corrected(client, auth, team, make, session):
    claim = make.claim(team, "The bridge reopens on Monday.")
    make.commit()
    auth.login("editor@example.org")
    url = f"/claims/{claim.id}/notes"
    token = _once_token(client, f"/claims/{claim.id}")
    refused = auth.post(url, {"text": "   ", "once_token": token})
    assert refused.status_code == 422
    assert token in refused.get_data(as_text=True)
    form = {"text": "The council's notice gives Tuesday.", "once_token": token}
    assert auth.post(url, form).status_code == 302
    assert auth.post(url, form).status_code == 302
    assert _count(session, ClaimNote) == 1


def test_two_notes_from_two_renders_are_both_recorded(client, auth, team, make, session):
    claim = make.claim(team, "The library closes at six.")
    make.commit()
    auth.login("editor@example.org")
    for text in ("First note.", "First note."):  # the same words, meant twice
        form = {"text": text, "once_token": _once_token(client, f"/claims/{claim.id}")}
        assert auth.post(f"/claims/{claim.id}/notes", form).status_code == 302
    assert _count(session, ClaimNote) == 2


INTAKE_ARTICLE = (
    "\u201cWe moved nine crates through the north gate,\u201d said Mara Quill, the harbour "
    "master. The harbour handled 4 million tonnes of grain in the year to March."
)


def _intake_review(auth) -> dict[str, str]:
    """The review form as the browser would send it back, with the first checkable sentence taken."""
    from tests.test_intake import _form_defaults

    review = auth.post("/intake/", {"title": "The harbour in numbers", "doc_type": "news_article",
                                    "text": INTAKE_ARTICLE})  # fmt: skip
    assert review.status_code == 200
    form = _form_defaults(review.get_data(as_text=True))
    assert form.get("once_token"), "the review form carries a one-time form token"
    return {**form, "take-0": "on"}


def test_the_same_intake_confirm_twice_records_the_article_once(client, auth, team, session):
    auth.login("editor@example.org")
    form = _intake_review(auth)
    first = auth.post("/intake/confirm", form)
    assert first.status_code == 302 and "/documents/" in first.location
    claims = _count(session, Claim)
    changes = _count(session, Change)
    assert claims >= 1
    second = auth.post("/intake/confirm", form)
    assert second.status_code == 302
    assert second.location == first.location
    assert (_count(session, Document), _count(session, Claim)) == (1, claims)
    assert _count(session, Change) == changes  # nothing written at all the second time
    document_id = session.scalar(select(Document.id))
    page = client.get(second.location).get_data(as_text=True)
    assert f"This form was already saved as document #{document_id}." in page


def test_the_same_intake_confirm_sent_at_once_twice_records_the_article_once(
    app, client, auth, team, session
):
    # A double click sends both copies before either is recorded: on PostgreSQL both look for
    # the article, neither finds it, and without the token both would record it.
    auth.login("editor@example.org")
    form = _intake_review(auth)
    clients = [client, app.test_client()]
    Auth(clients[1]).login("editor@example.org")
    barrier = threading.Barrier(2)
    answers: list = [None, None]

    def send(number: int) -> None:
        barrier.wait(timeout=30)
        answers[number] = clients[number].post(
            "/intake/confirm", data={**form, "csrf_token": tokens[number]}
        )

    tokens = [auth.csrf_token(), Auth(clients[1]).csrf_token()]
    threads = [threading.Thread(target=send, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0].location == answers[1].location
    assert _count(session, Document) == 1
    assert _count(session, Claim) == 2  # the quote's claim and the sentence taken
