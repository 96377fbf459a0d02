"""From the top of a claim page, the keyboard reaches the status form in a few presses."""

from __future__ import annotations

import pytest

from factdb.vocab import Relation, Role
from tests.factories import Factory
from tests.test_browser import CHROMIUM, browser, log_in, page, server  # noqa: F401 (shared fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium' package"
    ),
]


def test_the_status_form_is_a_few_tabs_from_the_top(page, server, make: Factory):  # noqa: F811
    # The form sits below every citation and finding: 32 presses of Tab on a claim with
    # three citations, more with each one added.
    editor = make.user(Role.EDITOR, email="jonas@example.org", name="Jonas Weber")
    make.user(Role.REVIEWER, email="li@example.org", name="Li Wei")
    claim = make.claim(
        editor,
        "Cargo fell 3%.",
        document=make.document("Port statement", url="https://port.example/1"),
        speaker=make.source("Ilse Varga"),
        relation=Relation.SUPPORTS,
    )
    log_in(page, server, "li@example.org")
    page.goto(f"{server}/claims/{claim.id}")
    presses = 0
    while presses < 30 and page.evaluate("document.activeElement.textContent").strip() != (
        "Jump to the status form"
    ):
        page.keyboard.press("Tab")
        presses += 1
    assert presses < 20, "a link to the status form comes before the citations"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "status"
