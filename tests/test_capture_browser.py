"""End to end in Chromium: paste a link, save the filled document, select a passage and cite it,
then recheck the page and see what changed and which quote it no longer carries."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from factdb.vocab import Role
from tests.capture_site import ARTICLE_QUOTE, start_site
from tests.factories import Factory
from tests.test_browser import CHROMIUM, browser, log_in, page, server  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium found: install Debian's 'chromium' package or set FACTDB_CHROMIUM",
    ),
]

#: Set to a folder to keep the README's screenshot of the document page.
SCREENSHOTS = os.environ.get("FACTDB_SCREENSHOTS", "")


@pytest.fixture
def site():
    running = start_site()
    yield running
    running.stop()


def test_capture_cite_and_recheck_in_the_browser(app, make: Factory, page, server, site, consumer):  # noqa: F811
    app.config.update(CAPTURE_ALLOW_PRIVATE=True, CAPTURE_TIMEOUT=2)
    make.user(Role.EDITOR, email="jonas@example.org", name="Jonas")
    make.commit()
    log_in(page, server, "jonas@example.org")

    # Paste a link: the job page reloads itself until the page is read, then the filled form opens.
    page.goto(f"{server}/documents/")
    page.get_by_role("link", name="Capture from a link").click()
    page.get_by_label("Web address of the page or PDF").fill(site.url("/changing.html"))
    page.get_by_role("button", name="Capture").click()
    page.wait_for_url(re.compile(r".*/documents/from-capture/\d+"), timeout=20_000)
    assert page.get_by_label("Title").input_value() == "Minister on the fuel levy"
    assert ARTICLE_QUOTE in page.get_by_label("Stored text").input_value()
    page.get_by_role("button", name="Save document").click()
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    document_url = page.url
    assert page.get_by_text("Captured on").is_visible()
    assert page.get_by_role("link", name="Download the WARC").is_visible()

    # Select the quote in the stored text; the page offers to cite it.
    page.locator("details.fulltext summary").click()
    page.evaluate(
        """(quote) => {
            const node = document.getElementById('stored-text').firstChild;
            const start = node.textContent.indexOf(quote);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + quote.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }""",
        ARTICLE_QUOTE,
    )
    cite = page.locator("a.cite-selection")
    cite.wait_for(state="visible")
    cite.click()
    assert page.get_by_label("Quote").input_value() == ARTICLE_QUOTE
    page.get_by_label("New claim").fill("The fuel levy will not rise this year.")
    page.get_by_label("Speaker").fill("Dana Whitfield")
    page.get_by_role("button", name="Cite this passage").click()
    page.wait_for_url(re.compile(r".*/claims/\d+$"))
    assert page.get_by_text(ARTICLE_QUOTE).first.is_visible()

    # Later the page is edited; a recheck shows the change and the withdrawn quote.
    site.state.changing.append("The minister declined to say whether the fuel levy would rise.")
    page.goto(document_url)
    page.get_by_role("button", name="Recheck the page now").click()
    page.wait_for_url(document_url, timeout=20_000)
    checks = page.locator("table.checks")
    assert "changed" in checks.inner_text()
    assert "Cited quotes no longer on the page" in checks.inner_text()
    page.locator("table.checks summary").first.click()
    assert page.locator(".word-diff del").first.inner_text().startswith("“We will not")
    if SCREENSHOTS:
        page.locator("#evidence-heading").scroll_into_view_if_needed()
        page.screenshot(path=str(Path(SCREENSHOTS) / "capture.png"), full_page=False)

    page.goto(f"{server}/audit/?rule=QUOTE_WITHDRAWN")
    assert page.get_by_text("is no longer on the live page").first.is_visible()
