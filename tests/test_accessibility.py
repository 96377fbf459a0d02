"""axe-core, run in Chromium over the main pages: no serious or critical accessibility violations.

axe-core comes from the npm registry; `.ci/run` installs it into .ci/node_modules, or set
FACTDB_AXE to its axe.min.js. Where either piece is missing the test skips with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factdb.demo import load_demo
from tests.test_browser import CHROMIUM, browser, server  # noqa: F401 (fixtures shared with the browser tests)

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(
    os.environ.get("FACTDB_AXE") or ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium' package"
    ),
    pytest.mark.skipif(
        not AXE.exists(),
        reason=f"axe-core not found at {AXE}: run `npm install --prefix .ci axe-core@4`",
    ),
]

PAGES = ["/", "/claims/5", "/claims/new", "/sources/", "/sources/2", "/documents/", "/documents/1", "/audit/",
         "/search?q=kestria", "/export?format=apa&claim=1", "/intake/", "/profile/", "/api/v1/",
         "/queue", "/notifications", "/views/"]  # fmt: skip


@pytest.fixture
def demo(session):
    load_demo(session)
    session.commit()


def test_main_pages_have_no_serious_accessibility_violations(browser, server, demo):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{server}/login")
    page.get_by_label("E-mail", exact=True).fill("jonas@demo.factdb.org")
    page.get_by_label("Password", exact=True).fill("factdb-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}/")
    source = AXE.read_text()
    problems = []
    for url in PAGES:
        page.goto(server + url)
        page.evaluate(source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(
                    f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}"
                )
    context.close()
    assert problems == []
