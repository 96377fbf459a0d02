"""A paste of only scripts and styles holds no article: it is refused as empty, on every path."""

from __future__ import annotations

import pytest

from factdb.article_text import prepare
from factdb.errors import ValidationFailed
from factdb.vocab import Role

MARKUP_ONLY = "<script>alert('quay')</script>\n<style>body { color: red }</style>"


@pytest.mark.parametrize(
    "text",
    [
        MARKUP_ONLY,
        "<noscript>Enable scripts</noscript><script>x()</script>",
        "<title></title><meta charset=utf-8>",
    ],
)
def test_markup_with_no_words_is_refused_as_no_text(text):
    with pytest.raises(ValidationFailed, match="no text"):
        prepare(text)


def test_plain_text_with_a_less_than_sign_is_still_plain_text():
    text = "Turnout was <a third of voters, 31 percent, the lowest since 1998."
    assert prepare(text) == text


def test_the_intake_page_refuses_a_paste_of_only_scripts(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    auth.login("ed@example.org")
    response = auth.post("/intake/", {"title": "Quay", "text": MARKUP_ONLY})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Paste the article&#39;s text." in page or "Paste the article's text." in page
