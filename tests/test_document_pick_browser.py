"""In a real Chromium: Enter in a field with suggestions does not send the claim form."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.models import Claim, Document
from factdb.vocab import Role
from tests.test_browser import CHROMIUM, browser, log_in, server  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]


def test_enter_in_the_document_field_does_not_save_the_claim(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    make.document("Harbour Board annual report 2025")
    session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, server, "editor@example.org")
    page.goto(f"{server}/claims/new")
    sent = []
    page.on(
        "request", lambda request: sent.append(request.url) if request.method == "POST" else None
    )
    page.get_by_label("Claim", exact=True).fill("The harbour dues rose by a tenth.")
    document = page.locator("#citations-0-document")
    document.click()
    page.keyboard.type("Harbour Bo")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert sent == []  # the form was not sent
    assert document.input_value() == "Harbour Bo"  # still being typed
    page.locator("#tags").press("Enter")
    page.wait_for_timeout(300)
    assert sent == []
    context.close()
    session.rollback()
    assert session.scalar(select(func.count(Claim.id))) == 0
    assert session.scalar(select(func.count(Document.id))) == 1
