"""A claim with no evidence yet says how to add some, with a link to where it is added."""

from __future__ import annotations

from factdb.vocab import Relation, Role


def test_the_status_form_links_to_a_new_citation_when_no_citation_is_evidence(
    client, auth, make, session
):
    editor = make.user(Role.EDITOR, email="quill@example.org")
    make.user(Role.REVIEWER, email="tarn@example.org")
    claim = make.claim(
        editor, "The ferry carried 9,000 riders a day.",
        document=make.document("Harbour weekly"),
        relation=Relation.REPORTS, quote="9,000 riders a day",
    )  # fmt: skip
    session.commit()
    auth.login("tarn@example.org")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f'href="/claims/{claim.id}/edit#new-citation">Add a citation that supports' in page
    edit = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert 'id="new-citation"' in edit
