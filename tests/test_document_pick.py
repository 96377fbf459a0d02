"""A citation's document typed as part of a recorded title is not made a new document unasked."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.claims import CitationInput, ClaimInput, save_claim
from factdb.errors import ValidationFailed
from factdb.models import Claim, Document
from factdb.vocab import Role
from tests.factories import Factory

RECORDED = "Harbour Board annual report 2025"


@pytest.fixture
def editor(make: Factory):
    user = make.user(Role.EDITOR, email="editor@example.org")
    make.document(RECORDED)
    make.commit()
    return user


def _form(document: str, **extra: str) -> dict[str, str]:
    return {
        "text": "The harbour dues rose by a tenth.",
        "citations-0-document": document,
        "citations-0-new_document_type": "report",
        "citations-0-relation": "asserts",
        "citations-0-quote_type": "direct",
        "save": "Save claim",
        **extra,
    }


def _documents(session) -> list[str]:
    session.rollback()
    return list(session.scalars(select(Document.title).order_by(Document.id)))


def test_a_fragment_of_a_recorded_title_asks_which_document_is_meant(auth, editor, session):
    auth.login("editor@example.org")
    response = auth.post("/claims/new", _form("Harbour Board"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Documents with “Harbour Board” in their title are recorded" in page
    assert f"“{RECORDED}”" in page and "A new document" in page
    assert 'value="The harbour dues rose by a tenth."' in page or "The harbour dues rose" in page
    assert _documents(session) == [RECORDED]
    assert session.scalar(select(func.count(Claim.id))) == 0


def test_the_whole_title_cites_the_recorded_document(auth, editor, session):
    auth.login("editor@example.org")
    response = auth.post("/claims/new", _form(RECORDED))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _documents(session) == [RECORDED]


def test_a_new_document_with_a_like_title_is_recorded_when_asked(auth, editor, session):
    auth.login("editor@example.org")
    response = auth.post(
        "/claims/new", _form("Harbour Board", **{"citations-0-new_document_confirmed": "y"})
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _documents(session) == [RECORDED, "Harbour Board"]


def test_a_title_like_no_recorded_one_is_a_new_document_as_before(auth, editor, session):
    auth.login("editor@example.org")
    response = auth.post("/claims/new", _form("Ferry timetable notice"))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _documents(session) == [RECORDED, "Ferry timetable notice"]


def test_the_domain_asks_too_when_the_caller_says_the_title_may_be_a_fragment(session, editor):
    entry = CitationInput(document="Harbour Board", new_document_confirmed=False)
    with pytest.raises(ValidationFailed) as refused:
        save_claim(session, editor, ClaimInput(text="The dues rose.", citations=[entry]))
    assert "citations-0-document" in refused.value.fields
    session.rollback()
    assert _documents(session) == [RECORDED]
