"""On the claims list, one box ticks every claim on the page for a bulk action."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.models import Claim
from factdb.vocab import Role, Status
from tests.factories import Factory
from tests.test_browser import CHROMIUM, browser, log_in, page, server  # noqa: F401 (shared fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium' package"
    ),
]


def test_one_box_ticks_every_claim_on_the_page(page, server, make: Factory, session):  # noqa: F811
    # A desk moving a page of 25 claims to review ticked 25 boxes one by one.
    editor = make.user(Role.EDITOR, email="jonas@example.org", name="Jonas Weber")
    for number in range(3):
        make.claim(editor, f"Harbour fees rose {number + 2}%.")
    log_in(page, server, "jonas@example.org")
    pick_all = page.get_by_label("Select every claim on this page", exact=True)
    pick_all.check()
    rows = page.locator("table.list tbody input[name=claim]")
    assert rows.count() == 3
    assert all(rows.nth(index).is_checked() for index in range(3))
    page.get_by_text("With the ticked claims").click()
    page.locator("#bulk-action").select_option("in_review")
    page.get_by_role("button", name="Apply to ticked claims").click()
    page.wait_for_load_state()
    assert "3 claims moved to in review." in page.locator(".flash").inner_text()
    session.rollback()  # end the snapshot: see what the app wrote
    assert set(session.scalars(select(Claim.status))) == {Status.IN_REVIEW}
