"""End-to-end in a real Chromium (Debian's package) driven by Playwright.

These skip, with the reason, where no Chromium is installed; CI installs it.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from factdb.vocab import Role
from tests.factories import PASSWORD, Factory

CHROMIUM = (
    os.environ.get("FACTDB_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium found: install Debian's 'chromium' package or set FACTDB_CHROMIUM",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class _AnswersClosedBeforeSent:
    """Read each answer whole and close it before the test server sends it, and know how
    many requests are still being answered.

    Werkzeug's test server does not close an answer whose client hung up while it was being
    written (Chromium drops a favicon it no longer wants), so the open static file surfaced
    later as an unraisable ResourceWarning in whichever test ran then. Production servers
    close it; here the answer is closed before a byte is written. Its request threads are
    daemons that shutting the server down does not wait for: a request still being answered
    when the test ended gave its database connection back to a pool already disposed, and
    the connection, never closed, warned in a later test (on PostgreSQL).
    """

    def __init__(self, app) -> None:
        self.app = app
        self.answering = 0
        self.idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self.idle:
            self.answering += 1
        try:
            answer = self.app(environ, start_response)
            try:
                body = b"".join(answer)
            finally:
                close = getattr(answer, "close", None)
                if close is not None:
                    close()
            return [body]
        finally:
            with self.idle:
                self.answering -= 1
                self.idle.notify_all()

    def wait_until_idle(self, timeout: float = 30) -> None:
        with self.idle:
            self.idle.wait_for(lambda: self.answering == 0, timeout=timeout)


@pytest.fixture
def server(app) -> Iterator[str]:
    answers = _AnswersClosedBeforeSent(app)
    http = make_server("127.0.0.1", 0, answers, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join()
    answers.wait_until_idle()
    http.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}/")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")


def test_record_a_claim_then_review_it_as_a_second_user(page, server, make: Factory):
    make.user(Role.EDITOR, email="jonas@example.org", name="Jonas Weber")
    make.user(Role.REVIEWER, email="li@example.org", name="Li Wei")

    log_in(page, server, "jonas@example.org")
    page.get_by_role("link", name="New claim").click()
    page.get_by_label("Claim", exact=True).fill(
        "The Senate was not consulted before the advisers were deployed."
    )
    page.get_by_label("Tags", exact=True).fill("senate, kestria")
    page.get_by_label("Document", exact=True).fill("Behind the president’s secret trip")
    page.get_by_text("Details for a new document").click()
    page.get_by_label("Outlet or website", exact=True).fill("The Northern Ledger")
    page.get_by_label("URL", exact=True).fill("https://ledger.example/trip")
    page.get_by_label("Published", exact=True).fill("2026-03-14")
    page.get_by_label("Speaker", exact=True).fill("Dana Whitfield")
    page.get_by_text("Details for a new speaker").click()
    page.get_by_label("Kind of new speaker", exact=True).select_option("person")
    page.get_by_label("Role of new speaker", exact=True).fill(
        "Senator, chair of the foreign relations committee"
    )
    page.get_by_label("Relation", exact=True).select_option("supports")
    page.get_by_label("Quote", exact=True).fill(
        "was not consulted before the advisers were deployed."
    )
    page.get_by_label("Locator", exact=True).fill("para. 7")
    page.get_by_role("button", name="Save claim").click()

    page.wait_for_url("**/claims/*")
    assert "New records created" in page.locator(".flash").inner_text()
    card = page.locator(".card").first
    assert "Dana Whitfield" in card.inner_text()
    assert "was not consulted" in card.inner_text()
    log_out(page)

    log_in(page, server, "li@example.org")
    page.get_by_role("link", name="The Senate was not consulted").click()
    page.get_by_label("New status", exact=True).select_option("true")
    page.get_by_label("Note", exact=True).fill("The committee's minutes show no consultation.")
    page.locator("#evidence input[type=checkbox]").first.check()
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url("**#timeline")

    assert page.locator(".claim-head .badge").first.inner_text() == "True"
    history = page.locator("#timeline").inner_text()
    assert "Li Wei changed the status" in history
    assert "The committee's minutes show no consultation." in history
    assert "Jonas Weber created claim" in history


def test_form_errors_keep_what_was_typed(page, server, make: Factory):
    make.user(Role.EDITOR, email="jonas@example.org")
    log_in(page, server, "jonas@example.org")
    page.goto(f"{server}/claims/new")
    page.get_by_label("Claim", exact=True).fill("Мария Захарова: «это провокация»")
    page.get_by_label("Quote", exact=True).fill("a quote with no document")
    page.get_by_role("button", name="Save claim").click()
    assert page.get_by_text("Choose a document, or type the title of a new one.").is_visible()
    assert (
        page.get_by_label("Claim", exact=True).input_value() == "Мария Захарова: «это провокация»"
    )
    assert page.get_by_label("Quote", exact=True).input_value() == "a quote with no document"


def test_speaker_suggestions_fill_from_existing_sources(page, server, make: Factory):
    make.user(Role.EDITOR, email="jonas@example.org")
    make.source("Ministry of Foreign Affairs of Kestria", aliases=["Kestrian foreign ministry"])
    log_in(page, server, "jonas@example.org")
    page.goto(f"{server}/claims/new")
    page.get_by_label("Speaker", exact=True).press_sequentially("Kest", delay=30)
    options = page.locator("datalist#citations-0-speaker-list option")
    options.first.wait_for(state="attached")
    assert options.first.get_attribute("value") == "Ministry of Foreign Affairs of Kestria"


def test_a_picked_parent_suggestion_saves_that_source_by_its_id(page, server, make: Factory):
    """Namesakes are told apart by their role; the pick, not the name, decides the parent."""
    make.user(Role.EDITOR, email="jonas@example.org")
    make.source("Defence Committee", role="of the Senate")
    lower = make.source("Defence Committee", role="of the Assembly")
    log_in(page, server, "jonas@example.org")
    page.goto(f"{server}/sources/new")
    page.get_by_label("Name", exact=True).fill("Pavel Orlov")
    parent = page.get_by_label("Parent organisation", exact=True)
    parent.press_sequentially("Defe", delay=30)
    options = page.locator("datalist#parent-list option")
    options.nth(1).wait_for(state="attached")
    assert sorted(options.evaluate_all("os => os.map(o => o.value)")) == [
        "Defence Committee (of the Assembly)",
        "Defence Committee (of the Senate)",
    ]
    parent.fill("Defence Committee (of the Assembly)")
    assert page.locator("#parent_id").input_value() == str(lower.id)
    parent.fill("Defence Committee (of the Assembly) and more")
    assert page.locator("#parent_id").input_value() == ""
    parent.fill("Defence Committee (of the Assembly)")
    page.get_by_role("button", name="Save source").click()
    page.wait_for_url(f"{server}/sources/*")
    assert (
        page.get_by_role("link", name="Defence Committee")
        .get_attribute("href")
        .endswith(f"/sources/{lower.id}")
    )


def test_keyboard_only_log_in(page, server, make: Factory):
    make.user(Role.VIEWER, email="sam@example.org")
    page.goto(f"{server}/login")
    # The e-mail field has focus on arrival, so typing starts at once.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'email'")
    page.keyboard.type("sam@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/")
    assert page.get_by_role("heading", name="Claims").is_visible()


def test_back_and_save_again_does_not_save_the_claim_twice(page, server, make: Factory):
    make.user(Role.EDITOR, email="jonas@example.org")
    log_in(page, server, "jonas@example.org")
    words = "The ferry to Lindholm carried 4,000 passengers in May."
    page.goto(f"{server}/claims/new")
    page.get_by_label("Claim", exact=True).fill(words)
    page.get_by_role("button", name="Save claim").click()
    page.wait_for_url("**/claims/*")
    claim_url = page.url

    page.go_back()  # the form again, fetched afresh with a new one-time token
    field = page.get_by_label("Claim", exact=True)
    if field.input_value() != words:  # restored by the browser, or typed again
        field.fill(words)
    page.get_by_role("button", name="Save claim").click()
    alert = page.get_by_role("alert").filter(has_text="You saved this claim a moment ago")
    assert alert.is_visible()
    assert alert.get_by_role("link").get_attribute("href") in claim_url
    assert page.get_by_label("Claim", exact=True).input_value() == words

    page.get_by_label("Save it again as a new claim").check()
    page.get_by_role("button", name="Save claim").click()
    page.wait_for_url("**/claims/*")
    assert page.url != claim_url
