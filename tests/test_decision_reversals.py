"""Taking back a recorded decision (a verdict or a retraction) needs a note, on every path."""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.claims import get_claim, status_history
from factdb.errors import ValidationFailed
from factdb.review import ReviewPolicy
from factdb.team import bulk
from factdb.vocab import Relation, Role, Status
from tests.factories import Factory


@pytest.fixture
def people(make: Factory):
    return {
        "editor": make.user(Role.EDITOR, email="quill@example.org", name="Quill"),
        "reviewer": make.user(Role.REVIEWER, email="tarn@example.org", name="Tarn"),
    }


@pytest.fixture
def retracted(make: Factory, people):
    claim = make.claim(
        people["editor"], "The ferry carried 9,000 riders a day.",
        document=make.document("Harbour board minutes"),
        relation=Relation.SUPPORTS, quote="9,000 riders a day",
    )  # fmt: skip
    return make.set_status(claim, people["reviewer"], Status.RETRACTED, note="Wrong harbour.")


@pytest.mark.parametrize("to_status", [Status.UNVERIFIED, Status.IN_REVIEW])
def test_taking_back_a_retraction_without_a_note_is_refused(
    session, make, people, retracted, to_status
):
    with pytest.raises(ValidationFailed) as refused:
        make.set_status(retracted, people["reviewer"], to_status, note="")
    assert "retraction" in refused.value.fields["note"]
    session.rollback()
    assert get_claim(session, retracted.id).status is Status.RETRACTED


def test_taking_back_a_retraction_with_a_note_keeps_the_reason(session, make, people, retracted):
    make.set_status(
        retracted, people["reviewer"], Status.IN_REVIEW, note="Right harbour after all."
    )
    last = status_history(session, retracted.id)[-1]
    assert (last.from_status, last.to_status) == (Status.RETRACTED, Status.IN_REVIEW)
    assert last.note == "Right harbour after all."


def test_taking_back_a_verdict_without_a_note_is_refused(session, make, people):
    claim = make.claim(
        people["editor"], "The pier is 300 m long.", document=make.document("Pier survey"),
        relation=Relation.SUPPORTS, quote="300 m long",
    )  # fmt: skip
    make.set_status(claim, people["reviewer"], Status.TRUE, note="The survey says so.")
    with pytest.raises(ValidationFailed) as refused:
        make.set_status(claim, people["reviewer"], Status.UNVERIFIED, note="")
    assert "verdict" in refused.value.fields["note"]


def test_the_api_refuses_to_take_back_a_retraction_without_a_note(
    client, session, people, retracted
):
    secret = create_token(session, people["reviewer"], "script").secret
    session.commit()
    version = get_claim(session, retracted.id).version
    session.commit()
    response = client.post(
        f"/api/v1/claims/{retracted.id}/status",
        headers={"Authorization": f"Bearer {secret}"},
        json={"version": version, "status": "unverified", "note": ""},
    )
    assert response.status_code == 422
    assert "retraction" in response.get_data(as_text=True)


def test_the_form_refuses_to_take_back_a_retraction_without_a_note(
    auth, session, people, retracted
):
    auth.login("tarn@example.org")
    version = get_claim(session, retracted.id).version
    session.commit()
    response = auth.post(
        f"/claims/{retracted.id}/status", {"version": version, "status": "unverified", "note": ""}
    )
    assert response.status_code == 422
    assert "taking back a retraction needs a note" in response.get_data(as_text=True)
    assert get_claim(session, retracted.id).status is Status.RETRACTED


def test_bulk_moves_leave_a_retracted_claim_as_it_is(session, people, retracted):
    result = bulk.bulk_status(
        session, people["reviewer"], [retracted.id], Status.UNVERIFIED, ReviewPolicy()
    )
    assert result.done == []
    assert result.skipped == {retracted.id: "it is retracted"}
