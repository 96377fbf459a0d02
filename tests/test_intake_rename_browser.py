"""In a real Chromium: a speaker renamed on one review row is offered for the rows that named it."""

from __future__ import annotations

import pytest

from factdb.vocab import Role
from tests.test_browser import CHROMIUM, browser, log_in, server  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]

ARTICLE = (
    "Harbour reopens after the storm\n\n"
    "\u201cThe quay is safe again after the storm,\u201d the Tessaly Harbour Office said on "
    "Monday.\n\n"
    "\u201cShips may dock from Friday morning,\u201d the Tessaly Harbour Office said.\n\n"
    "\u201cWe thank the crews who worked all night,\u201d Mara Quill said.\n"
)


def _speakers(page) -> list[str]:
    return page.eval_on_selector_all("[data-speaker]", "fields => fields.map(f => f.value)")


def test_a_renamed_speaker_is_offered_for_its_other_rows(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, server, "editor@example.org")
    page.goto(f"{server}/intake/")
    page.get_by_label("Title").fill("Harbour reopens after the storm")
    page.get_by_label("Article text or HTML").fill(ARTICLE)
    page.get_by_role("button", name="Find quotes and claims").click()
    page.wait_for_url(f"{server}/intake/")
    before = _speakers(page)
    assert before[0] == before[1] != before[2] == "Mara Quill"
    ticks = page.eval_on_selector_all("[data-accept]", "boxes => boxes.map(b => b.checked)")

    first = page.locator("[data-speaker]").first
    first.fill("Harbour Office of Tessaly")
    page.locator("#kind-0").select_option("government")
    first.press("Tab")
    offer = page.locator("[data-rename-others]")
    assert offer.count() == 1
    assert "for the 1 other quote on this page given to" in offer.inner_text()
    offer.click()
    assert _speakers(page) == [
        "Harbour Office of Tessaly",
        "Harbour Office of Tessaly",
        "Mara Quill",
    ]
    assert page.locator("#kind-1").input_value() == "government"
    after = page.eval_on_selector_all("[data-accept]", "boxes => boxes.map(b => b.checked)")
    assert after[1:] == ticks[1:]  # the other rows keep their ticks
    assert page.get_by_role("status").filter(has_text="Renamed on 1 other quote").count() == 1
    # A kind chosen for the new name after the rename is that speaker's on the renamed rows too.
    page.locator("#kind-0").select_option("organisation")
    assert page.locator("#kind-1").input_value() == "organisation"
    assert page.locator("#kind-2").input_value() != "organisation"

    # Renaming the last row, whose speaker no other row names, offers nothing.
    last = page.locator("[data-speaker]").nth(2)
    last.fill("Mara Quill-Brandt")
    last.press("Tab")
    assert page.locator("#proposal-2 [data-rename-others]").count() == 0
    context.close()
