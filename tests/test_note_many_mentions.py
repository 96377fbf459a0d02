"""A note may mention as many handles as its 10,000 characters hold.

Each handle was one LIKE in a single OR, and SQLite refuses an expression deeper than 1,000:
a note of 1,560 "@u1 @u2 …" answered 500 and was lost.
"""

from __future__ import annotations

from sqlalchemy import select

from factdb.models import ClaimNote, Notification
from factdb.vocab import Role


def test_a_note_of_many_mentions_is_saved_and_notifies_who_it_names(auth, make, session):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    colleague = make.user(Role.REVIEWER, email="li@example.org")
    claim = make.claim(editor, "The harbour fees rose by a third.")
    auth.login("ed@example.org")
    text = " ".join(f"@u{number}" for number in range(1_500)) + " and @li"
    response = auth.post(f"/claims/{claim.id}/notes", {"text": text})
    assert response.status_code == 302
    assert session.scalar(select(ClaimNote.text)) == text
    assert session.scalars(select(Notification.user_id)).all() == [colleague.id]
