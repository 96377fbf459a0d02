"""A form names every problem at once, and its inputs stop at the limits the records declare."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from factdb.declarations.claim import CLAIM
from factdb.declarations.document import DOCUMENT
from factdb.models import Claim
from factdb.vocab import Role


@pytest.fixture
def editor(make):
    user = make.user(Role.EDITOR, email="editor@example.org")
    make.commit()
    return user


def test_the_claim_form_names_the_address_date_length_and_tag_problems_together(
    auth, editor, session
):
    auth.login("editor@example.org")
    response = auth.post(
        "/claims/new",
        {
            "text": "The harbour dues rose. " + "x" * CLAIM["text"].max_length,
            "tags": "harbour, " + "t" * 101,
            "citations-0-document": "Harbour Board notice",
            "citations-0-new_document_type": "report",
            "citations-0-new_document_url": "not an address",
            "citations-0-new_document_published": "someday",
            "citations-0-speaker": "Harbour Board of Vessa",
            "citations-0-relation": "asserts",
            "citations-0-quote": "the dues rose",
            "citations-0-quote_type": "direct",
            "save": "Save claim",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Give a full web address starting with http:// or https://." in body
    assert "someday is not a date factdb can read" in body
    assert CLAIM["text"].too_long_message() in body
    assert "Keep each tag under 100 characters." in body
    session.rollback()
    assert session.scalar(select(func.count(Claim.id))) == 0


def _maxlength(page: str, name: str) -> int | None:
    tag = re.search(rf'<(?:input|textarea)[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    assert tag, f"no input {name}"
    found = re.search(r'maxlength="(\d+)"', tag.group(0))
    return int(found.group(1)) if found else None


def test_the_claim_form_inputs_carry_the_declared_limits(client, auth, editor):
    auth.login("editor@example.org")
    page = client.get("/claims/new").get_data(as_text=True)
    assert _maxlength(page, "text") == CLAIM["text"].max_length
    assert _maxlength(page, "context") == CLAIM["context"].max_length
    assert _maxlength(page, "citations-0-quote") is not None
    assert _maxlength(page, "citations-0-new_document_url") == 2000


def test_the_document_form_inputs_carry_the_declared_limits(client, auth, editor):
    auth.login("editor@example.org")
    page = client.get("/documents/new").get_data(as_text=True)
    assert _maxlength(page, "title") == DOCUMENT["title"].max_length
    assert _maxlength(page, "url") == DOCUMENT["url"].max_length
    # A date may be written out ("September 30, 2013") before it is read to its ten characters.
    assert _maxlength(page, "published") == 40
