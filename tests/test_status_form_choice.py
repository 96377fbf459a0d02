"""The claim page's status form moves a claim only to a status the person chose."""

from __future__ import annotations

import re

import pytest

from factdb.claims import get_claim
from factdb.vocab import Relation, Role, Status
from tests.factories import Factory


@pytest.fixture
def reviewer(make: Factory):
    return make.user(Role.REVIEWER, email="reviewer@example.org", name="Li Wei")


@pytest.fixture
def in_review(make: Factory, reviewer):
    editor = make.user(Role.EDITOR, email="editor@example.org", name="Jonas Weber")
    claim = make.claim(
        editor,
        "Exports rose 4%.",
        document=make.document("Ministry statement", url="https://mfa.example/1"),
        speaker=make.source("Ilse Varga"),
        relation=Relation.SUPPORTS,
    )
    return make.set_status(claim, editor, Status.IN_REVIEW)


def test_no_status_is_chosen_before_the_reviewer_picks_one(client, auth, in_review):
    auth.login("reviewer@example.org")
    page = client.get(f"/claims/{in_review.id}").get_data(as_text=True)
    select = re.search(r'<select id="status" name="status"[^>]*>(.*?)</select>', page, re.S)
    assert select, "the status form is on the page"
    options = re.findall(r"<option[^>]*>", select.group(1))
    assert options[0] == '<option value="" selected>'
    assert all("selected" not in option for option in options[1:])


def test_a_note_sent_without_a_status_moves_nothing(client, auth, in_review, session):
    auth.login("reviewer@example.org")
    response = auth.post(
        f"/claims/{in_review.id}/status",
        {"version": str(in_review.version), "status": "", "note": "just a thought"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Choose the new status." in body and "just a thought" in body
    session.rollback()  # end the snapshot: see what the app wrote
    assert get_claim(session, in_review.id).status is Status.IN_REVIEW
