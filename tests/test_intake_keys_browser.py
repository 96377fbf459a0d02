"""In a real Chromium: the review page starts on its first quote, and Esc leaves a field."""

from __future__ import annotations

import pytest

from factdb.vocab import Role
from tests.test_browser import CHROMIUM, browser, log_in, server  # noqa: F401 (fixtures)
from tests.test_intake_joins_browser import _review

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]


def _current(page) -> list[int]:
    """The numbers (from 1) of the rows marked current."""
    marked = page.eval_on_selector_all(
        "[data-proposal]", "rows => rows.map(row => row.classList.contains('current'))"
    )
    return [number for number, on in enumerate(marked, 1) if on]


def test_the_first_quote_is_current_and_esc_goes_back_to_the_rows(browser, server, make, session):  # noqa: F811
    make.user(Role.EDITOR, email="editor@example.org")
    session.commit()
    context, page = _review(browser, server, javascript=True)
    assert _current(page) == [1]  # before any key: the first quote
    page.keyboard.press("j")
    assert _current(page) == [2]
    page.keyboard.press("s")  # the speaker of quote 2
    speaker = page.locator("[data-proposal]").nth(1).locator("[data-speaker]")
    assert speaker.evaluate("field => field === document.activeElement")
    page.keyboard.press("Control+a")
    page.keyboard.type("Mara Quill")
    page.keyboard.press("Escape")
    assert not speaker.evaluate("field => field === document.activeElement")
    assert page.evaluate("document.activeElement.closest('[data-proposal]').id") == "proposal-1"
    assert speaker.input_value() == "Mara Quill"  # what was typed stays
    page.keyboard.press("j")  # row keys work again
    assert _current(page) == [3]
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert _current(page) == [1]
    context.close()
