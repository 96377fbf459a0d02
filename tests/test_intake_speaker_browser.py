"""In a real Chromium: a speaker typed on a row of the review page, then its box clicked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.models import Citation, Source
from factdb.vocab import Role
from tests.test_browser import CHROMIUM, browser, log_in, server  # noqa: F401 (fixtures)
from tests.test_intake_proposed_roles import ARTICLE, UNNAMED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]


def _review(browser, server):  # noqa: F811
    """Log in and read the article; the review page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, server, "editor@example.org")
    page.goto(f"{server}/intake/")
    page.get_by_label("Title").fill("Harbour fees rise again")
    page.get_by_label("Article text or HTML").fill(ARTICLE)
    page.get_by_role("button", name="Find quotes and claims").click()
    page.wait_for_url(f"{server}/intake/")
    return context, page


def _citations(session) -> list[tuple[str, str, str]]:
    session.rollback()
    rows = session.execute(
        select(Citation.quote, Source.name, Citation.speaker_role)
        .join(Source, Source.id == Citation.speaker_id)
        .order_by(Citation.id)
    )
    return [tuple(row) for row in rows]


def test_a_speaker_typed_then_the_box_clicked_leaves_it_ticked(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context, page = _review(browser, server)
    row = page.locator("[data-proposal]").nth(0)
    accept = row.locator("[data-accept]")
    assert not accept.is_checked()  # no speaker found: it waits
    row.locator("[data-speaker]").fill("Mara Quill")
    accept.click()  # the speaker field loses its focus to the box
    assert accept.is_checked()
    accept.click()  # and a second click still unticks it
    assert not accept.is_checked()
    row.get_by_text("Record quote 1").click()  # the label, likewise
    assert accept.is_checked()
    context.close()


def test_a_speaker_typed_then_tab_ticks_the_row(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context, page = _review(browser, server)
    row = page.locator("[data-proposal]").nth(0)
    row.locator("[data-speaker]").fill("Mara Quill")
    page.keyboard.press("Tab")
    assert row.locator("[data-accept]").is_checked()
    page.get_by_role("button", name="Record the accepted items").click()
    page.wait_for_url(f"{server}/documents/*")
    context.close()
    quotes = [quote for quote, _, _ in _citations(session)]
    assert "Nobody warned the crews about any of this." in quotes


def test_another_speaker_typed_clears_the_proposed_role(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context, page = _review(browser, server)
    row = page.locator("[data-proposal]").nth(UNNAMED)
    speaker, role = row.locator("[data-speaker]"), row.get_by_label("Role in this article")
    assert (speaker.input_value(), role.input_value()) == ("unnamed source", "one person")
    speaker.fill("Harbour board press office")
    assert role.input_value() == ""  # the proposed role was said of the proposed speaker
    speaker.fill("unnamed source")
    assert role.input_value() == "one person"  # back with its speaker
    role.fill("its spokesperson")
    speaker.fill("Harbour board press office")
    assert role.input_value() == "its spokesperson"  # a role typed is kept
    context.close()
