"""A confirmation records at most what one review page shows: 50 quotes and 100 sentences.

The page never posts more, but a form built by hand could carry thousands of rows, each a
claim, a citation and perhaps a new source, in one request: 1,000 rows held it 105 s and
the database's write lock with it.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select

from factdb.intake.review import CLAIMS_PER_PAGE, QUOTES_PER_PAGE
from factdb.models import Claim, Document
from factdb.vocab import Role

TEXT = "“The quay stays open,” said Wren Talbot.\n\nThe board met on Monday."
_KEPT = ("csrf_token", "once_token", "text", "title", "doc_type", "page", "pages", "job", "url",
         "published", "container_title", "authors")  # fmt: skip


def _review_form(auth) -> dict[str, str]:
    page = auth.post("/intake/", {"title": "Quay", "doc_type": "news_article", "text": TEXT})
    fields = re.findall(
        r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.get_data(as_text=True)
    )
    return {name: value for name, value in fields if name in _KEPT}


def test_more_quotes_than_a_page_holds_are_refused_and_nothing_is_recorded(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = _review_form(auth)
    for row in range(QUOTES_PER_PAGE + 1):
        form |= {f"quote-{row}": f"The quay stays open {row}.", f"accept-{row}": "on",
                 f"speaker-{row}": "Wren Talbot", f"kind-{row}": "person"}  # fmt: skip
    response = auth.client.post("/intake/confirm", data=form)
    assert response.status_code == 422
    assert f"at most {QUOTES_PER_PAGE} quotes" in response.get_data(as_text=True)
    assert session.scalar(select(func.count(Document.id))) == 0
    assert session.scalar(select(func.count(Claim.id))) == 0


def test_more_sentences_than_a_page_holds_are_refused(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = _review_form(auth)
    for row in range(CLAIMS_PER_PAGE + 1):
        form |= {f"candidate-{row}": f"The board met on day {row}.", f"take-{row}": "on"}
    response = auth.client.post("/intake/confirm", data=form)
    assert response.status_code == 422
    assert session.scalar(select(func.count(Claim.id))) == 0
