"""What a new reader's trial found on the pages: the closest passage a finding quotes is set in
one pair of quotation marks, even when the document's passage carries its own; and the
navigation offers reading an article to those who may write."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from factdb.audit.quotes import QuoteCheck
from factdb.audit.runner import quote_finding
from factdb.vocab import Role
from tests.conftest import Auth

CITATION = SimpleNamespace(id=7, claim_id=3, document_id=5)


@pytest.mark.parametrize(
    "passage",
    ['"By wards, the islands would be heard."', "“By wards, the islands would be heard.”",
     '"By wards, the islands would be heard.', "By wards, the islands would be heard."],
)  # fmt: skip
def test_the_passage_is_quoted_once(passage):
    check = QuoteCheck("not_found", 61.0, passage)
    (finding,) = quote_finding("Council minutes", CITATION, check)
    assert finding.message.endswith("is 61% alike: “By wards, the islands would be heard.”")


def _navigation(app, email: str) -> str:
    browser = Auth(app.test_client())
    browser.login(email)
    page = browser.client.get("/").get_data(as_text=True)
    return page.split('class="main-nav"')[1].split("</nav>")[0]


def test_the_navigation_offers_reading_an_article_to_those_who_may_write(app, make):
    make.user(Role.EDITOR, email="ed@example.org")
    make.user(Role.VIEWER, email="viewer@example.org")
    nav = _navigation(app, "ed@example.org")
    assert 'href="/intake/"' in nav and "Read an article" in nav
    assert "Read an article" not in _navigation(app, "viewer@example.org")
