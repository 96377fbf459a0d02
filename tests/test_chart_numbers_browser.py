"""A chart's numbers stay on one line, however many digits, on a desk screen and a phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_browser import CHROMIUM, browser  # noqa: F401 (fixture shared with the browser tests)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium' package"
    ),
]

CSS = Path(__file__).resolve().parent.parent / "factdb" / "static" / "factdb.css"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_count_in_the_hundred_thousands_is_not_broken_over_two_lines(app, browser, width):  # noqa: F811
    # "240,804 findings" read as "240,80" over "4": the number column was too narrow.
    bars = [
        {"label": "Only second-hand reports", "tone": "warn", "href": "", "percent": 100, "value": 240_804},
        {"label": "Source not graded yet", "tone": "info", "href": "", "percent": 1, "value": 1_234_567},
    ]  # fmt: skip
    chart = app.jinja_env.from_string(
        '{% from "_charts.html" import bar_chart %}{{ bar_chart(bars, "Findings by rule", "c") }}'
    ).render(bars=bars)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_content(
        f'<html><head><style>{CSS.read_text()}</style></head><body><main class="charts">'
        f"{chart}</main></body></html>"
    )
    for value in page.locator(".bar-value").all():
        line = float(value.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        box = value.bounding_box()
        assert box is not None
        assert box["height"] < 1.5 * line, value.inner_text()
    context.close()


def test_a_struck_out_status_strikes_its_name_and_not_its_count(app, browser):  # noqa: F811
    # "Retracted" is struck out; the line ran on through its count, "1".
    bars = [{"label": "Retracted", "tone": "muted", "href": "", "percent": 10, "value": 1}]
    chart = app.jinja_env.from_string(
        '{% from "_charts.html" import bar_chart %}{{ bar_chart(bars, "Claims by status", "c") }}'
    ).render(bars=bars)
    page = browser.new_context().new_page()
    page.set_content(
        f"<html><head><style>{CSS.read_text()}</style></head><body><main>{chart}</main></body></html>"
    )
    struck = """e => { const lines = [];
        for (let n = e; n; n = n.parentElement) lines.push(getComputedStyle(n).textDecorationLine);
        return lines.some(line => line.includes("line-through")); }"""
    assert page.locator(".bar-label").evaluate(struck)
    assert not page.locator(".bar-value").evaluate(struck)
