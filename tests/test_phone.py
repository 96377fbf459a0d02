"""At a phone's width (390 px): the navigation is one line and the charts can be read."""

from __future__ import annotations

import pytest

from factdb.demo import load_demo
from tests.test_browser import CHROMIUM, browser, server  # noqa: F401 (fixtures shared with the browser tests)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium' package"
    ),
]


@pytest.fixture
def phone(browser, server, session):  # noqa: F811
    load_demo(session)
    session.commit()
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/login")
    page.get_by_label("E-mail", exact=True).fill("li@demo.factdb.org")
    page.get_by_label("Password", exact=True).fill("factdb-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}/")
    yield page
    context.close()


def test_phone_navigation_is_one_line(phone, server):  # noqa: F811
    for path in ("/", "/claims/1", "/audit/", "/queue"):
        phone.goto(server + path)
        links = phone.locator("nav.main-nav > a, nav.main-nav summary")
        tops = {
            round(box["y"])
            for box in (links.nth(i).bounding_box() for i in range(links.count()))
            if box
        }
        assert max(tops) - min(tops) < 12, (
            f"{path}: navigation items start at heights {sorted(tops)}"
        )
        # The page itself never scrolls sideways.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_chart_labels_are_readable_at_phone_width(phone, server):  # noqa: F811
    phone.goto(f"{server}/audit/")
    labels = phone.locator("figure.chart .bar-label")
    assert labels.count() >= 10
    for index in range(labels.count()):
        label = labels.nth(index)
        size = float(label.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
        assert size >= 12, f"{label.inner_text()!r} is {size}px"
        assert label.is_visible()
    # Rule names in words, not codes.
    assert "Quote differs from its document" in phone.locator("figure.chart").first.inner_text()
    assert "QUOTE_ALTERED" not in phone.locator("figure.chart").first.inner_text()
