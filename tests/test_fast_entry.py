"""Recording an article in a real Chromium: few actions, the keyboard alone, no JavaScript.

A newsroom records one news analysis — a claim, four citations from two documents, and a
verdict by a second reviewer. Every click, fill, choice and key press is counted as one
action, log-ins included; the whole must take at most 35.
"""

from __future__ import annotations

import re

import pytest

from factdb.vocab import Role
from tests.factories import PASSWORD, Factory
from tests.test_browser import CHROMIUM, browser, server  # noqa: F401 (fixtures shared with the browser tests)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium' package"
    ),
]

MAX_ACTIONS = 35
CLAIM = "The Senate was not consulted before the advisers were deployed."


class Counted:
    """A page whose user actions are counted: each call is one click, fill, choice or key."""

    def __init__(self, page) -> None:
        self.page = page
        self.actions = 0

    def _count(self, locator, method: str, *args):
        self.actions += 1
        return getattr(locator, method)(*args)

    def fill(self, locator, value: str) -> None:
        self._count(locator, "fill", value)

    def click(self, locator) -> None:
        self._count(locator, "click")

    def choose(self, locator, value: str) -> None:
        self._count(locator, "select_option", value)

    def check(self, locator) -> None:
        self._count(locator, "check")

    def log_in(self, base: str, email: str) -> None:
        self.page.goto(f"{base}/login")  # opening the address is not counted
        self.fill(self.page.get_by_label("E-mail", exact=True), email)
        self.fill(self.page.get_by_label("Password", exact=True), PASSWORD)
        self.click(self.page.get_by_role("button", name="Log in"))
        self.page.wait_for_url(f"{base}/")


def _row(page, index: int):
    return page.locator("fieldset.citation").nth(index)


@pytest.fixture
def people(make: Factory):
    make.user(Role.EDITOR, email="jonas@example.org", name="Jonas Weber")
    make.user(Role.REVIEWER, email="li@example.org", name="Li Wei")
    make.source("Dana Whitfield")


def test_an_article_takes_at_most_35_actions(browser, server, people):  # noqa: F811
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = Counted(editor_context.new_page())
    page = editor.page
    editor.log_in(server, "jonas@example.org")
    editor.click(page.get_by_role("link", name="New claim"))
    editor.fill(page.get_by_label("Claim", exact=True), CLAIM)
    editor.fill(page.get_by_label("Tags", exact=True), "senate, kestria")

    first = _row(page, 0)
    editor.fill(first.get_by_label("Document", exact=True), "Behind the president’s secret trip")
    editor.click(first.get_by_text("Details for a new document"))
    editor.fill(first.get_by_label("Outlet or website", exact=True), "The Northern Ledger")
    editor.fill(first.get_by_label("URL", exact=True), "https://ledger.example/trip")
    editor.fill(first.get_by_label("Published", exact=True), "2026-03-14")
    editor.fill(first.get_by_label("Speaker", exact=True), "Dana Whitfield")
    editor.choose(first.get_by_label("Relation", exact=True), "supports")
    editor.fill(
        first.get_by_label("Quote", exact=True),
        "was not consulted before the advisers were deployed.",
    )

    # The second citation: same document and relation, carried over.
    editor.click(page.get_by_role("button", name="Add another citation"))
    second = _row(page, 1)
    assert (
        second.get_by_label("Document", exact=True).input_value()
        == "Behind the president’s secret trip"
    )
    assert page.evaluate("document.activeElement.name") == "citations-1-document"
    editor.fill(second.get_by_label("Speaker", exact=True), "Marek Olsen")
    editor.fill(second.get_by_label("Quote", exact=True), "nobody in the Senate was told")

    editor.click(page.get_by_role("button", name="Add another citation"))
    third = _row(page, 2)
    editor.fill(
        third.get_by_label("Document", exact=True),
        "Senate foreign relations committee, minutes of 2 March",
    )
    editor.fill(third.get_by_label("Speaker", exact=True), "Senate foreign relations committee")
    editor.choose(third.get_by_label("Relation", exact=True), "disputes")
    editor.fill(
        third.get_by_label("Quote", exact=True), "the chair briefed members on the deployment"
    )

    editor.click(page.get_by_role("button", name="Add another citation"))
    fourth = _row(page, 3)
    editor.fill(fourth.get_by_label("Speaker", exact=True), "Ilse Brandt")
    editor.fill(fourth.get_by_label("Quote", exact=True), "members were informed in closed session")
    editor.click(page.get_by_role("button", name="Save claim"))
    page.wait_for_url(re.compile(r"/claims/\d+$"))
    assert page.locator(".card").count() == 4
    claim_url = page.url
    editor_context.close()

    reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer = Counted(reviewer_context.new_page())
    page = reviewer.page
    reviewer.log_in(server, "li@example.org")
    reviewer.click(page.get_by_role("link", name=CLAIM))
    assert page.url == claim_url
    reviewer.choose(page.get_by_label("New status", exact=True), "mixed")
    reviewer.fill(
        page.get_by_label("Note", exact=True), "Whitfield says no; the minutes record a briefing."
    )
    reviewer.check(page.locator("#evidence input[type=checkbox]").first)
    reviewer.click(page.get_by_role("button", name="Change status"))
    page.wait_for_url("**#timeline")
    assert page.locator(".claim-head .badge").first.inner_text() == "Mixed"
    reviewer_context.close()

    total = editor.actions + reviewer.actions
    print(f"actions: editor {editor.actions}, reviewer {reviewer.actions}, total {total}")
    assert total <= MAX_ACTIONS


def _tab_to(page, name: str, limit: int = 25) -> None:
    """Press Tab until the field called `name` has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {name}")


def test_a_claim_and_its_citations_with_the_keyboard_alone(browser, server, people):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/login")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'email'")
    page.keyboard.type("jonas@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/")
    page.goto(f"{server}/claims/new")
    # The claim's text has the focus on arrival.
    assert page.evaluate("document.activeElement.name") == "text"
    page.keyboard.type(CLAIM)
    _tab_to(page, "citations-0-document")
    page.keyboard.type("Behind the president’s secret trip")
    _tab_to(page, "citations-0-speaker")
    page.keyboard.type("Dana Whitfield")
    page.keyboard.press("Tab")
    page.keyboard.type("s")  # "Supports" in the relation list
    _tab_to(page, "citations-0-quote")
    page.keyboard.type("was not consulted before the advisers were deployed.")
    _tab_to(page, "add_citation")
    page.keyboard.press("Enter")
    # The new row has the focus, its document carried over and selected.
    assert page.evaluate("document.activeElement.name") == "citations-1-document"
    page.keyboard.press("Tab")
    _tab_to(page, "citations-1-speaker")
    page.keyboard.type("Marek Olsen")
    _tab_to(page, "citations-1-quote")
    page.keyboard.type("nobody in the Senate was told")
    _tab_to(page, "save")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/claims/\d+$"))
    cards = page.locator(".card")
    assert cards.count() == 2
    assert "Supports" in cards.nth(1).inner_text() and "Marek Olsen" in cards.nth(1).inner_text()
    assert "Behind the president’s secret trip" in cards.nth(1).inner_text()
    context.close()


def test_without_javascript_the_form_still_adds_rows(browser, server, people):  # noqa: F811
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/login")
    page.get_by_label("E-mail", exact=True).fill("jonas@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server}/claims/new")
    page.get_by_label("Claim", exact=True).fill(CLAIM)
    first = _row(page, 0)
    first.get_by_label("Document", exact=True).fill("Behind the president’s secret trip")
    first.get_by_text("Details for a new document").click()
    first.get_by_label("Outlet or website", exact=True).fill("The Northern Ledger")
    first.get_by_label("Relation", exact=True).select_option("supports")
    page.get_by_role("button", name="Add another citation").click()
    page.wait_for_load_state()
    second = _row(page, 1)
    assert (
        second.get_by_label("Document", exact=True).input_value()
        == "Behind the president’s secret trip"
    )
    assert second.get_by_label("Relation", exact=True).input_value() == "supports"
    assert first.get_by_label("Outlet or website", exact=True).is_visible()  # details kept open
    second.get_by_label("Speaker", exact=True).fill("Marek Olsen")
    page.get_by_role("button", name="Save claim").click()
    page.wait_for_url(re.compile(r"/claims/\d+$"))
    assert page.locator(".card").count() == 2
    context.close()
