"""In a real Chromium: a source is merged into another picked from suggestions, after a confirmation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.models import Citation, Source
from factdb.vocab import Role
from tests.test_browser import CHROMIUM, browser, log_in, server  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]


def test_merge_into_a_source_picked_from_suggestions(browser, server, make, session):  # noqa: F811
    editor = make.user(Role.EDITOR, email="editor@example.org")
    kept = make.source("Joseph Santorin", role="Harbour master")
    make.source("Josefa Santorinova", role="Pilot")
    short = make.source("Joe Santorin")
    claim = make.claim(editor, "The quay was rebuilt twice.", document=make.document("Memo"), speaker=short)  # fmt: skip
    session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, server, "editor@example.org")
    page.goto(f"{server}/sources/{short.id}")
    page.get_by_role("link", name="Merge into…").click()
    target = page.get_by_label("Merge into")
    target.click()
    page.keyboard.type("Jos")
    page.locator("#into-list option").first.wait_for(state="attached")
    assert page.locator("#into-list option").count() == 2  # both namesakes offered
    target.fill("Joseph Santorin")
    target.dispatch_event("input")
    page.get_by_role("button", name="Show what will move").click()
    plan = page.locator(".merge-plan")
    assert "1 citation of 1 claim will name Joseph Santorin as the speaker" in plan.inner_text()
    page.get_by_role("button", name="Merge Joe Santorin into Joseph Santorin").click()
    page.wait_for_url(f"{server}/sources/{kept.id}")
    assert "Joe Santorin merged into Joseph Santorin." in page.inner_text("main")
    assert "Joe Santorin" in page.locator("dl.fields").inner_text()  # now an alias
    page.goto(f"{server}/sources/{short.id}")
    assert page.url == f"{server}/sources/{kept.id}"
    context.close()
    session.rollback()
    assert session.scalar(select(Source.id).where(Source.id == short.id)) is None
    assert (
        session.scalar(select(Citation.speaker_id).where(Citation.claim_id == claim.id)) == kept.id
    )
