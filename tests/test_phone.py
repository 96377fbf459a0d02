"""At a phone's width (390 px): the navigation wraps with every item on screen, and the charts can be read."""

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


def test_phone_navigation_wraps_with_every_item_on_screen(phone, server):  # noqa: F811
    # A navigation that scrolled sideways hid Documents, Audit and the rest past the edge,
    # with nothing to say they were there: it wraps instead, every item in sight.
    for path in ("/", "/claims/1", "/audit/", "/queue"):
        phone.goto(server + path)
        items = phone.locator(
            "nav.main-nav > a, nav.main-nav summary, .who a, .who .me, .who button"
        )
        assert items.count() >= 8
        for index in range(items.count()):
            item = items.nth(index)
            box = item.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (
                f"{path}: {item.inner_text()!r} is not on screen ({box})"
            )
        nav = phone.locator("nav.main-nav")
        assert nav.evaluate("el => el.scrollWidth <= el.clientWidth"), f"{path}: the nav scrolls"
        # The page itself never scrolls sideways.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
    phone.goto(server + "/")
    phone.locator("nav.main-nav summary").first.click()
    menu = phone.locator("nav.main-nav details[open] .menu-list a").first
    box = menu.bounding_box()
    assert menu.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 390


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


def test_a_long_unbroken_word_never_widens_a_page(phone, server, make):  # noqa: F811
    # A pasted address or a run of letters with no space once made a claim page
    # tens of thousands of pixels wide: every text block wraps it instead.
    word = "Harbourduesrose" * 200
    editor = make.user(email="longword@example.org")
    speaker = make.source(f"Board {word[:180]}")
    document = make.document(f"Notice {word[:400]}", url=f"https://harbour.example/{word[:400]}")
    claim = make.claim(editor, f"The dues {word} rose.", document=document, speaker=speaker,
                       quote=f"the dues {word} rose", tags=["harbour"])  # fmt: skip
    pages = [f"/claims/{claim.id}", "/", f"/documents/{document.id}", f"/sources/{speaker.id}",
             "/documents/", "/sources/", f"/search?q={word[:60]}"]  # fmt: skip
    for width in (390, 1280):
        phone.set_viewport_size({"width": width, "height": 844})
        for path in pages:
            phone.goto(server + path)
            assert word[:30] in phone.content(), path
            wide = phone.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{path} is {wide} px wide at {width} px"


#: Each word of each column heading, as many lines as the browser set it on (1 = whole).
_HEADING_WORD_LINES = """() => [...document.querySelectorAll('main thead th')].flatMap(th => {
  const text = th.firstChild && th.firstChild.nodeType === 3 ? th.firstChild : null;
  if (!text) return [];
  const words = [];
  for (const m of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, m.index);
    range.setEnd(text, m.index + m[0].length);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    words.push([m[0], tops.size]);
  }
  return words;
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_column_headings_never_break_inside_a_word(phone, server, width):  # noqa: F811
    # The report: list headings read "DOCUME / NT" and "CITAT / IONS" at a laptop's width.
    phone.set_viewport_size({"width": width, "height": 844})
    for path in ("/", "/sources/", "/documents/"):
        phone.goto(server + path)
        words = phone.evaluate(_HEADING_WORD_LINES)
        assert words, f"{path}: no column headings found"
        broken = [word for word, lines in words if lines > 1]
        assert broken == [], f"{path} at {width} px breaks {broken}"
        wide = phone.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{path} is {wide} px wide at {width} px"
