"""A role given for a speaker on one intake row goes to that speaker's rows left without one."""

from __future__ import annotations

from sqlalchemy import select

from factdb.models import Citation
from factdb.vocab import Role


def test_a_role_typed_on_one_row_goes_to_the_same_speakers_empty_rows(session, make):
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record

    user = make.user(Role.EDITOR)
    document = DocumentInput(
        title="Harbour", full_text="“We stay,” said Lina Varga. “We stay long,” she said."
    )
    quotes = [
        AcceptedQuote("They stay", "We stay", speaker="Lina Varga", speaker_role="harbour master"),
        AcceptedQuote("They stay long", "We stay long", speaker="lina varga "),
        AcceptedQuote("Ivo waits", "I wait", speaker="Ivo Brandt"),
        AcceptedQuote("She waits", "We wait", speaker="Lina Varga", speaker_role="pilot"),
    ]
    record(session, user, document, quotes, [])
    roles = {c.quote: c.speaker_role for c in session.scalars(select(Citation)).all()}
    assert roles == {
        "We stay": "harbour master",
        "We stay long": "harbour master",
        "I wait": "",
        "We wait": "pilot",
    }
