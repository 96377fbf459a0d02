"""In a real Chromium: an article's byline proposed as its authors, and three quotes by one
speaker recorded under one claim, from the keyboard and without JavaScript."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.intake.byline import recorded_authors
from factdb.models import Citation, Claim, Document
from factdb.vocab import Role
from tests.test_browser import CHROMIUM, browser, log_in, server  # noqa: F401 (fixtures)
from tests.test_intake_joins import ARTICLE, WORDS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]

#: The test article with a byline under its headline.
WITH_BYLINE = ARTICLE.replace("\n\n", "\n\nBy Mara Quill\n\n", 1)


def _review(browser, server, javascript: bool):  # noqa: F811
    """Log in and read the article; the review page."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, server, "editor@example.org")
    page.goto(f"{server}/intake/")
    page.get_by_label("Title").fill("Harbour reopens after the storm")
    page.get_by_label("Article text or HTML").fill(WITH_BYLINE)
    page.get_by_role("button", name="Find quotes and claims").click()
    page.wait_for_url(f"{server}/intake/")
    return context, page


def _recorded(session) -> list[list[str]]:
    session.rollback()
    claims = session.scalars(select(Claim.id).order_by(Claim.id)).all()
    return [
        list(
            session.scalars(
                select(Citation.quote).where(Citation.claim_id == claim_id).order_by(Citation.id)
            )
        )
        for claim_id in claims
    ]


def test_three_quotes_share_one_claim_from_the_keyboard(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context, page = _review(browser, server, javascript=True)
    assert page.get_by_label("Authors").input_value().strip() == "Mara Quill"
    rows = page.locator("[data-proposal]")
    assert rows.count() == 4
    rows.nth(0).locator("[data-accept]").focus()
    page.keyboard.press("j")  # to quote 2
    page.keyboard.press("u")  # quote 2: the claim of quote 1; on to quote 3
    page.keyboard.press("u")  # quote 3 (it started unticked): the claim of quote 2
    for row in (1, 2):
        assert rows.nth(row).locator("[data-join]").is_checked()
        assert rows.nth(row).locator("[data-accept]").is_checked()
    assert rows.nth(2).locator("[data-join-to]").input_value() == "2"
    page.get_by_role("button", name="Record the accepted items").click()
    page.wait_for_url(f"{server}/documents/*")
    assert "2 claims recorded as a new document" in page.inner_text("body")
    context.close()
    assert _recorded(session) == [WORDS[:3], WORDS[3:]]
    document = session.scalar(select(Document))
    assert recorded_authors(session, document.id) == ["Mara Quill"]


def test_without_javascript_a_bad_join_is_named_and_kept(
    browser,  # noqa: F811
    server,  # noqa: F811
    make,
    session,
):
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context, page = _review(browser, server, javascript=False)
    rows = page.locator("[data-proposal]")
    # quote 3 shares the claim of quote 4, which is left unticked: refused, named, kept
    rows.nth(2).locator("[data-accept]").check()
    rows.nth(2).get_by_label("The same claim as quote").check()
    rows.nth(2).get_by_label("Number of the quote whose claim quote 3 shares").fill("4")
    rows.nth(3).locator("[data-accept]").uncheck()
    rows.nth(1).get_by_label("The same claim as quote").check()
    page.get_by_role("button", name="Record the accepted items").click()
    page.wait_for_load_state()
    assert "Quote 3 shares the claim of quote 4, which is not ticked" in page.inner_text(
        "[role=alert]"
    )
    third = page.locator("#proposal-2")
    assert "which is not ticked" in third.locator(".error").inner_text()
    assert third.get_by_label("The same claim as quote").is_checked()
    assert third.locator("[data-join-to]").input_value() == "4"
    assert not page.locator("#proposal-3 [data-accept]").is_checked()
    assert page.locator("#proposal-1 [data-join]").is_checked()
    assert session.scalar(select(func.count(Document.id))) == 0
    # pointing it at quote 1 instead records one claim with three citations
    third.locator("[data-join-to]").fill("1")
    page.get_by_role("button", name="Record the accepted items").click()
    page.wait_for_url(f"{server}/documents/*")
    context.close()
    assert _recorded(session) == [WORDS[:3]]
