"""U+FFFE and U+FFFF are no characters: never kept, and never the end of a view's Atom feed.

XML cannot hold them, so one claim whose text carried U+FFFF (typed, pasted or sent to the
API) made the feed of every view listing it answer 500, for everyone following it.
"""

from __future__ import annotations

from sqlalchemy import update

from factdb.models import Claim
from factdb.text import clean
from factdb.vocab import Role


def test_noncharacters_are_dropped_from_what_is_recorded():
    assert clean("The fees rose \ufffe by a \uffffthird.") == "The fees rose  by a third."


def test_a_claim_sent_with_a_noncharacter_is_recorded_without_it(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    response = auth.post("/claims/new", {"text": "The fees rose \uffffby a third.", "status": "unverified"})  # fmt: skip
    assert response.status_code == 302
    assert session.get(Claim, 1).text == "The fees rose by a third."


def test_a_view_listing_a_claim_recorded_with_a_noncharacter_keeps_its_feed(
    client, auth, make, session
):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    claim = make.claim(editor, "The fees rose by a third.")
    # recorded before noncharacters were dropped
    session.execute(update(Claim).where(Claim.id == claim.id).values(text="The fees \uffffrose."))
    session.commit()
    auth.login("ed@example.org")
    assert auth.post("/views/", {"name": "Fees", "query": ""}).status_code == 302
    feed = client.get("/views/1/feed.atom")
    assert feed.status_code == 200
    assert "The fees rose." in feed.get_data(as_text=True)
