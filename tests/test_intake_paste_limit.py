"""A paste longer than the intake reads is refused by the server, kept and the limit named,
never cut short by the browser without a word."""

from __future__ import annotations

import re

from factdb.models.limits import MAX_ARTICLE_CHARACTERS
from factdb.vocab import Role


def test_the_article_box_has_no_maxlength_and_an_over_long_paste_is_refused_and_kept(
    auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    auth.login("ed@example.org")
    form = auth.client.get("/intake/").get_data(as_text=True)
    box = re.search(r"<textarea[^>]*name=\"text\"[^>]*>", form)
    assert box is not None and "maxlength" not in box.group(0)

    text = "The quay opened in 1998 and cost 41 million lira. " * 40_000 + "THE LAST WORDS"
    assert len(text) > MAX_ARTICLE_CHARACTERS
    response = auth.post("/intake/", {"title": "Quay", "text": text})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"This text is {len(text)} characters long" in page
    assert f"at most {MAX_ARTICLE_CHARACTERS}" in page
    assert "THE LAST WORDS</textarea>" in page
