"""At a small phone's width (375 px) the Audit page's bars can be read, not only their numbers."""

from __future__ import annotations

import pytest

from factdb.demo import load_demo
from tests.test_browser import CHROMIUM, browser, server  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium'"),
]

#: The narrowest a bar's track may be: a tenth of it still shows as a bar.
TRACK = 150


def test_the_audit_bars_have_room_at_375_px(browser, server, session):  # noqa: F811
    load_demo(session)
    session.commit()
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/login")
    page.get_by_label("E-mail", exact=True).fill("li@demo.factdb.org")
    page.get_by_label("Password", exact=True).fill("factdb-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}/")
    page.goto(f"{server}/audit/")
    widths = page.eval_on_selector_all(
        "figure.chart li.bar",
        """bars => bars.map(bar => ({
            value: bar.querySelector('.bar-value').textContent.trim(),
            track: bar.querySelector('.bar-track').getBoundingClientRect().width,
            rect: bar.querySelector('.bar-rect').getBoundingClientRect().width,
            right: bar.getBoundingClientRect().right}))""",
    )
    counted = [bar for bar in widths if bar["value"] not in ("0", "")]
    assert len(counted) >= 5
    for bar in counted:
        assert bar["track"] >= TRACK, bar
        assert bar["right"] <= 375, bar  # and on the screen
    assert max(bar["rect"] for bar in counted) >= TRACK  # the longest bar fills its track
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
