"""An access date is read in the written forms a publication date is ("5 March 2004"), by the
one date reader, on the form, the API and an import; it is still a whole day, never ahead."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from factdb.models import Document
from factdb.vocab import Role
from tests.test_api import tokens  # noqa: F401  (fixture)


def _accessed(session, document_id: int) -> date | None:
    session.rollback()
    return session.scalar(select(Document.accessed).where(Document.id == document_id))


def test_the_edit_page_takes_an_access_date_written_out(client, auth, make, session):
    document = make.document("Harbour dues rise", published="2024")
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"version": str(document.version), "title": "Harbour dues rise",
            "doc_type": "news_article", "published": "5 March 2004", "accessed": "3 Feb 2025"}  # fmt: skip
    response = auth.post(f"/documents/{document.id}/edit", form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _accessed(session, document.id) == date(2025, 2, 3)


@pytest.mark.parametrize(
    ("written", "message"),
    [("2025-02", "a day"), ("03/04/2013", "year last"), ("soon", "not a date")],
)
def test_the_edit_page_refuses_what_is_not_a_day(client, auth, make, session, written, message):
    document = make.document("Harbour dues rise", published="2024")
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"version": str(document.version), "title": "Harbour dues rise",
            "doc_type": "news_article", "accessed": written}  # fmt: skip
    response = auth.post(f"/documents/{document.id}/edit", form)
    assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_the_api_takes_an_access_date_written_out(client, make, session, tokens):  # noqa: F811
    document = make.document("Harbour dues rise", published="2024")
    body = {"version": document.version, "accessed": "March 5, 2025"}
    changed = client.patch(f"/api/v1/documents/{document.id}", json=body, headers=tokens["editor"])
    assert changed.status_code == 200, changed.json
    assert changed.json["data"]["accessed"] == "2025-03-05"
