"""A role the review page proposed belongs to the speaker it proposed: another speaker named in
its place is recorded without it."""

from __future__ import annotations

from sqlalchemy import select

from factdb.models import Citation, Source
from factdb.vocab import Role
from tests.test_intake import _form_defaults

#: Written for these tests: a quote nobody is named for, a named speaker, an unnamed one.
ARTICLE = """\
Harbour fees rise again

"Nobody warned the crews about any of this."

PORTLAND, March 3 — The harbour board raised its mooring fees on Monday.

"The fees pay for the dredging," harbour master Ines Okafor said at the quay.

"We will appeal the decision," one person familiar with the board said.
"""
#: The row of the unnamed speaker, proposed as "unnamed source" with the role "one person".
UNNAMED = 2


def _review(auth, make) -> dict[str, str]:
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = auth.post("/intake/", {"title": "Harbour fees rise again", "text": ARTICLE})
    form = _form_defaults(page.get_data(as_text=True))
    assert (form[f"speaker-{UNNAMED}"], form[f"role-{UNNAMED}"]) == ("unnamed source", "one person")
    return {**form, f"accept-{UNNAMED}": "on"}


def _recorded_role(auth, session, form: dict[str, str]) -> tuple[str, str]:
    response = auth.post("/intake/confirm", form)
    assert response.status_code == 302
    session.rollback()
    quote = "We will appeal the decision"
    return session.execute(
        select(Source.name, Citation.speaker_role)
        .join(Source, Source.id == Citation.speaker_id)
        .where(Citation.quote == quote)
    ).one()


def test_another_speaker_is_recorded_without_the_proposed_role(client, auth, make, session):
    form = _review(auth, make)
    form[f"speaker-{UNNAMED}"] = "Harbour board press office"
    recorded = _recorded_role(auth, session, form)
    assert tuple(recorded) == ("Harbour board press office", "")


def test_the_proposed_speaker_keeps_its_role(client, auth, make, session):
    recorded = _recorded_role(auth, session, _review(auth, make))
    assert tuple(recorded) == ("unnamed source", "one person")


def test_a_role_typed_for_another_speaker_is_kept(client, auth, make, session):
    form = _review(auth, make)
    form[f"speaker-{UNNAMED}"] = "Harbour board press office"
    form[f"role-{UNNAMED}"] = "its spokesperson"
    recorded = _recorded_role(auth, session, form)
    assert tuple(recorded) == ("Harbour board press office", "its spokesperson")
