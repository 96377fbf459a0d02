"""A quote typed or pasted with its own quotation marks is stored without them, on every path."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.models import Citation
from factdb.text import unwrap_quotation
from factdb.vocab import Role
from tests.factories import Factory


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("“We will reopen the port,”", "We will reopen the port,"),
        ('"We will reopen the port"', "We will reopen the port"),
        ("‘a disaster’", "a disaster"),
        ("„Wir öffnen den Hafen“", "Wir öffnen den Hafen"),
        ("« Nous rouvrirons le port »", "Nous rouvrirons le port"),
        ("「港を再開する」", "港を再開する"),
        ("”Vi öppnar hamnen”", "Vi öppnar hamnen"),
        # Marks that do not enclose the whole quote stay as written.
        ('"Open" and "shut"', '"Open" and "shut"'),
        ("“Open” and “shut”", "“Open” and “shut”"),
        ("'Tis the players' season'", "'Tis the players' season'"),
        ("“We will reopen", "“We will reopen"),
        ("We said “no”", "We said “no”"),
        ('""', '""'),
    ],
)
def test_one_pair_of_marks_around_the_whole_quote_is_dropped(typed, kept):
    assert unwrap_quotation(typed) == kept


def _stored_quote(session) -> str:
    session.rollback()
    return session.scalar(select(Citation.quote))


def test_the_claim_form_stores_a_pasted_quote_without_its_marks(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"text": "The port reopens", "context": "", "tags": "",
            "citations-0-document": "Harbour report", "citations-0-speaker": "Port authority",
            "citations-0-quote": "  “We will reopen the port”  ", "citations-0-locator": "",
            "citations-0-relation": "asserts", "citations-0-quote_type": "direct",
            "citations-0-new_document_type": "news_article", "save": "Save claim"}  # fmt: skip
    assert auth.post("/claims/new", form).status_code == 302
    assert _stored_quote(session) == "We will reopen the port"


def test_the_api_stores_a_quote_without_its_marks(client, make, session):
    from factdb.access import create_token

    editor = make.user(Role.EDITOR)
    token = create_token(session, editor, "t").secret
    session.commit()
    body = {"text": "The port reopens",
            "citations": [{"document": "Harbour report", "quote": '"We will reopen the port"'}]}  # fmt: skip
    response = client.post(
        "/api/v1/claims", headers={"Authorization": f"Bearer {token}"}, json=body
    )
    assert response.status_code == 201, response.get_json()
    assert _stored_quote(session) == "We will reopen the port"


def test_the_intake_records_a_quote_without_its_marks(make: Factory, session):
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record

    user = make.user(Role.EDITOR)
    document = DocumentInput(
        title="Harbour report", full_text="“We will reopen the port,” he said."
    )
    quote = AcceptedQuote("The port reopens", "“We will reopen the port,”", speaker="Ana Ruiz")
    record(session, user, document, [quote], [])
    session.commit()
    assert _stored_quote(session) == "We will reopen the port,"
