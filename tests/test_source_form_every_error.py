"""The source form reports every field at fault at once: a bad Wikidata id was reported only
on the next save, after an unknown parent organisation was put right."""

from __future__ import annotations

from factdb.vocab import Role


def test_an_unknown_parent_and_a_bad_wikidata_id_are_both_reported(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"name": "Orla Penhale", "kind": "person", "wikidata": "42",
            "parent": "Nobody Known Council", "reliability": "F"}  # fmt: skip
    response = auth.post("/sources/new", form)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "No source has that name; create it first" in body
    assert "Give a Wikidata item id such as Q42." in body
