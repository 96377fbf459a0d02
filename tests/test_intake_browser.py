"""An article recorded end to end in a real Chromium: paste, check, fix two speakers, record.

Counts the clicks: ten correct proposals and two fixes must take fewer than thirty.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.models import Citation, Claim, Document, Source
from factdb.vocab import Role
from tests.test_accessibility import AXE
from tests.test_browser import CHROMIUM, browser, log_in, server  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]

#: Written for this test: ten quotes the intake attributes, one it cannot, one with nobody named.
ARTICLE = """\
Harbour reopens after the storm

PORTLAND, March 3 — The city's harbour reopened on Monday, nine days after the storm.

"We lost nine days of work, but nobody lost a boat," harbour master Ines Okafor said at the quay.

Okafor said: "The crews worked through every night. I have never seen anything like it."

"The insurance claims will take months," said Daniel Brandt, a lawyer for the fishermen's association.

Brandt added that the association would meet on Friday. "We will ask the council for an advance," he said.

Mayor Lucia Ferreira told reporters the city would pay for the repairs. "This harbour is the heart of Portland," Ferreira said.

"It is not a question of money," the mayor added.

A statement from the Port Authority said the quay was "safe for every vessel under 40 metres."

"I sold my catch in Brest this week," fisherman Tom Reyes said. "It cost me twice the diesel."

Officials said the dredging would finish "before the summer season."

Banners along the quay read "the sea gives and the sea takes" on Monday evening.
"""


def test_an_article_is_recorded_end_to_end_in_under_thirty_clicks(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    clicks = 0

    def click(locator) -> None:
        nonlocal clicks
        clicks += 1
        locator.click()

    log_in(page, server, "editor@example.org")
    page.goto(f"{server}/intake/")
    page.get_by_label("Title").fill("Harbour reopens after the storm")
    page.get_by_label("URL").fill("https://portland.example/harbour")
    page.get_by_label("Article text or HTML").fill(ARTICLE)
    click(page.get_by_role("button", name="Find quotes and claims"))
    page.wait_for_url(f"{server}/intake/")
    proposals = page.locator("[data-proposal]")
    assert proposals.count() >= 12
    # every proposal shows its quote in context, its confidence and the reason
    first = proposals.nth(0)
    assert first.locator("mark.quote").inner_text().startswith("We lost nine days")
    assert first.locator("mark.speaker").inner_text() == "Ines Okafor"
    assert "confidence" in first.inner_text() and "Why:" in first.inner_text()

    if AXE.exists():
        page.evaluate(AXE.read_text())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []

    # Fix 1: the banner's words are nobody's quote: reject it from the keyboard.
    banner = page.locator("[data-proposal]", has_text="the sea gives")
    banner.locator("[data-accept]").focus()
    page.keyboard.press("r")
    assert not banner.locator("[data-accept]").is_checked()
    # Fix 2: "Officials said" names nobody: name the speaker, which ticks the row.
    officials = page.locator("[data-proposal]", has_text="before the summer season")
    assert not officials.locator("[data-accept]").is_checked()
    speaker = officials.locator("[data-speaker]")
    click(speaker)
    speaker.fill("Portland harbour office")
    speaker.press("Tab")
    assert officials.locator("[data-accept]").is_checked()

    ticked = page.locator("[data-accept]:checked").count()
    assert ticked >= 10
    click(page.get_by_role("button", name="Record the accepted items"))
    page.wait_for_url(f"{server}/documents/*")
    assert "claims recorded as a new document" in page.inner_text("body")
    assert clicks < 30
    context.close()

    session.rollback()
    assert session.scalar(select(func.count(Document.id))) == 1
    assert session.scalar(select(func.count(Claim.id))) == ticked
    speakers = set(
        session.scalars(select(Source.name).join(Citation, Citation.speaker_id == Source.id))
    )
    assert {"Ines Okafor", "Daniel Brandt", "Lucia Ferreira", "Tom Reyes"} <= speakers
    assert "Portland harbour office" in speakers
    assert not any("sea gives" in quote for quote in session.scalars(select(Citation.quote)))
