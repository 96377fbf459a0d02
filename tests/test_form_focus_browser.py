"""After a refused save the first field in error has the focus, and a long text field says how
much of its limit a paste used, where the browser cut it without a word."""

from __future__ import annotations

from factdb.declarations.claim import CLAIM
from factdb.vocab import Role
from tests.factories import Factory
from tests.test_browser import browser, log_in, page, server  # noqa: F401 (fixtures)

LIMIT = CLAIM["text"].max_length


def test_the_first_field_in_error_has_the_focus(page, server, make: Factory):  # noqa: F811
    make.user(Role.EDITOR, email="jonas@example.org")
    log_in(page, server, "jonas@example.org")
    page.goto(f"{server}/claims/new")
    page.get_by_label("Claim", exact=True).fill("The harbour dues rose by a tenth.")
    page.get_by_label("Quote", exact=True).fill("a quote with no document")
    page.get_by_role("button", name="Save claim").click()
    assert page.get_by_text("Choose a document, or type the title of a new one.").is_visible()
    focused = page.evaluate("document.activeElement.getAttribute('aria-invalid')")
    assert focused == "true"
    assert page.evaluate("document.activeElement.name") != "text"


def test_a_paste_past_the_limit_is_said_beside_the_field(page, server, make: Factory):  # noqa: F811
    make.user(Role.EDITOR, email="jonas@example.org")
    log_in(page, server, "jonas@example.org")
    page.goto(f"{server}/claims/new")
    area = page.get_by_label("Claim", exact=True)
    assert page.get_by_text(f"0 of {LIMIT:,} characters").is_visible()
    pasted = "The harbour dues rose. " * (LIMIT // 20)
    area.focus()
    page.evaluate(
        """text => {
            const area = document.activeElement;
            const data = new DataTransfer();
            data.setData("text/plain", text);
            const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
            area.dispatchEvent(event);
            area.value = text.slice(0, Number(area.getAttribute("maxlength")));
            area.dispatchEvent(new Event("input", {bubbles: true}));
        }""",
        pasted,
    )
    note = page.locator("#text + .char-count")
    assert f"{LIMIT:,} of {LIMIT:,} characters" in note.inner_text()
    assert f"{len(pasted) - LIMIT:,} characters too long" in note.inner_text()
