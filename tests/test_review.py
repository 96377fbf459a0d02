"""The review rules: who may set which status, and what a verdict needs."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.claims import CitationInput, get_claim, status_history
from factdb.errors import NotAllowed, StaleEdit, ValidationFailed
from factdb.models import StatusChange
from factdb.review import ReviewPolicy, allowed_statuses, change_status
from factdb.vocab import Relation, Role, Status
from tests.factories import Factory


@pytest.fixture
def team(make: Factory):
    return {
        "viewer": make.user(Role.VIEWER),
        "editor": make.user(Role.EDITOR),
        "reviewer": make.user(Role.REVIEWER),
        "other_reviewer": make.user(Role.REVIEWER),
        "admin": make.user(Role.ADMIN),
    }


@pytest.fixture
def evidenced_claim(make: Factory, team):
    document = make.document("Ministry statement")
    return make.claim(
        team["editor"], "Exports rose 4% in 2025.", document=document,
        relation=Relation.SUPPORTS, quote="exports rose 4%",
    )  # fmt: skip


def _change(
    session, user, claim, status, note="Checked against the statement.", evidence=None, policy=None
):
    claim = get_claim(session, claim.id)
    change = change_status(
        session,
        user,
        claim.id,
        to_status=status,
        note=note,
        evidence_ids=[c.id for c in claim.citations] if evidence is None else evidence,
        expected_version=claim.version,
        policy=policy or ReviewPolicy(),
    )
    session.commit()
    return change


def test_reviewer_gives_verdict_with_note_and_evidence(session, team, evidenced_claim):
    change = _change(session, team["reviewer"], evidenced_claim, Status.TRUE)
    claim = get_claim(session, evidenced_claim.id)
    assert claim.status is Status.TRUE
    assert claim.verdict == "Checked against the statement."
    assert change.from_status is Status.UNVERIFIED and change.to_status is Status.TRUE
    history = status_history(session, claim.id)
    assert [c.to_status for c in history] == [Status.TRUE]
    assert [c.id for c in history[0].evidence] == [claim.citations[0].id]
    assert history[0].reviewer.id == team["reviewer"].id


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_reviewers_give_verdicts(session, team, evidenced_claim, role):
    with pytest.raises(NotAllowed, match="reviewer"):
        _change(session, team[role], evidenced_claim, Status.FALSE)


def test_admin_counts_as_reviewer(session, team, evidenced_claim):
    _change(session, team["admin"], evidenced_claim, Status.MIXED)
    assert get_claim(session, evidenced_claim.id).status is Status.MIXED


def test_editor_moves_claim_into_review_and_back(session, team, evidenced_claim):
    _change(session, team["editor"], evidenced_claim, Status.IN_REVIEW, note="")
    _change(session, team["editor"], evidenced_claim, Status.UNVERIFIED, note="")
    assert [c.to_status for c in status_history(session, evidenced_claim.id)] == [
        Status.IN_REVIEW,
        Status.UNVERIFIED,
    ]


def test_editor_cannot_reopen_a_verdict(session, team, evidenced_claim):
    _change(session, team["reviewer"], evidenced_claim, Status.TRUE)
    with pytest.raises(NotAllowed):
        _change(session, team["editor"], evidenced_claim, Status.IN_REVIEW, note="Looks wrong")


def test_four_eyes_blocks_self_review(session, make, team):
    document = make.document()
    claim = make.claim(team["reviewer"], document=document, relation=Relation.DISPUTES, quote="no")
    with pytest.raises(NotAllowed, match="four-eyes"):
        _change(session, team["reviewer"], claim, Status.FALSE)
    assert Status.FALSE not in allowed_statuses(team["reviewer"], claim, ReviewPolicy())


def test_setting_allows_self_review_for_one_person_teams(session, make, team):
    document = make.document()
    claim = make.claim(team["reviewer"], document=document, relation=Relation.DISPUTES, quote="no")
    _change(
        session, team["reviewer"], claim, Status.FALSE, policy=ReviewPolicy(allow_self_review=True)
    )
    assert get_claim(session, claim.id).status is Status.FALSE


def test_verdict_needs_a_note(session, team, evidenced_claim):
    with pytest.raises(ValidationFailed) as error:
        _change(session, team["reviewer"], evidenced_claim, Status.TRUE, note="  ")
    assert "note" in error.value.fields


def test_verdict_needs_supporting_or_disputing_evidence(session, make, team):
    document = make.document()
    claim = make.claim(team["editor"], document=document, relation=Relation.ASSERTS)
    with pytest.raises(ValidationFailed) as error:
        _change(session, team["reviewer"], claim, Status.TRUE)
    assert "evidence" in error.value.fields
    assert get_claim(session, claim.id).status is Status.UNVERIFIED


def test_evidence_must_belong_to_the_claim(session, make, team, evidenced_claim):
    other = make.claim(team["editor"], document=make.document(), relation=Relation.SUPPORTS)
    with pytest.raises(ValidationFailed):
        _change(
            session,
            team["reviewer"],
            evidenced_claim,
            Status.TRUE,
            evidence=[other.citations[0].id],
        )


def test_same_status_is_refused(session, team, evidenced_claim):
    with pytest.raises(ValidationFailed, match="already"):
        _change(session, team["editor"], evidenced_claim, Status.UNVERIFIED)


def test_retraction_needs_a_note(session, team, evidenced_claim):
    with pytest.raises(ValidationFailed):
        _change(session, team["reviewer"], evidenced_claim, Status.RETRACTED, note="")


def test_stale_status_change_is_refused(session, team, evidenced_claim):
    claim = get_claim(session, evidenced_claim.id)
    old_version = claim.version
    _change(session, team["editor"], evidenced_claim, Status.IN_REVIEW, note="")
    with pytest.raises(StaleEdit):
        change_status(
            session,
            team["reviewer"],
            claim.id,
            to_status=Status.TRUE,
            note="x",
            evidence_ids=[c.id for c in claim.citations],
            expected_version=old_version,
            policy=ReviewPolicy(),
        )


def test_review_history_cannot_be_edited_or_deleted(session, team, evidenced_claim):
    _change(session, team["reviewer"], evidenced_claim, Status.TRUE)
    change = session.scalar(select(StatusChange))
    change.note = "rewritten"
    with pytest.raises(PermissionError):
        session.flush()
    session.rollback()
    change = session.scalar(select(StatusChange))
    session.delete(change)
    with pytest.raises(PermissionError):
        session.flush()
    session.rollback()


def test_allowed_statuses_by_role(team, evidenced_claim):
    policy = ReviewPolicy()
    assert allowed_statuses(team["viewer"], evidenced_claim, policy) == []
    assert allowed_statuses(team["editor"], evidenced_claim, policy) == [Status.IN_REVIEW]
    reviewer_options = allowed_statuses(team["reviewer"], evidenced_claim, policy)
    assert Status.TRUE in reviewer_options and Status.UNVERIFIED not in reviewer_options


def test_verdict_ratings_cover_every_verdict():
    verdicts = [s for s in Status if s.is_verdict]
    assert {s.rating for s in verdicts} <= {1, 2, 3, 4, 5}
    assert Status.TRUE.rating == 5 and Status.FALSE.rating == 1
    assert Status.IN_REVIEW.rating is None and Status.RETRACTED.rating is None


def test_a_verdict_cannot_rest_on_citations_with_no_quote_and_no_speaker(session, make, team):
    document = make.document("Harbour yearbook")
    claim = make.claim(
        team["editor"], "The port grew.", document=document, relation=Relation.SUPPORTS
    )
    cited = claim.citations[0].id
    with pytest.raises(ValidationFailed) as refused:
        _change(session, team["reviewer"], claim, Status.TRUE)
    session.rollback()
    message = refused.value.fields["evidence"]
    assert f"citation #{cited} has no quote and no speaker" in message
    assert get_claim(session, claim.id).status is Status.UNVERIFIED


def test_a_verdict_cannot_rest_on_a_quote_the_audit_does_not_find(session, make, team):
    document = make.document("Harbour yearbook", full_text="The port handled 4 million tonnes.")
    claim = make.claim(team["editor"], "The port grew.", document=document,
                       relation=Relation.SUPPORTS, quote="gulls nest on the north pier every spring")  # fmt: skip
    cited = claim.citations[0].id
    with pytest.raises(ValidationFailed) as refused:
        _change(session, team["reviewer"], claim, Status.TRUE)
    session.rollback()
    assert (
        f"citation #{cited}: its quote is not found in its document"
        in (refused.value.fields["evidence"])
    )


def test_a_verdict_resting_on_one_sound_citation_among_hollow_ones_is_given(session, make, team):
    document = make.document("Harbour yearbook", full_text="The port handled 4 million tonnes.")
    claim = make.claim(team["editor"], "The port grew.", citations=[
        CitationInput(document_id=document.id, relation=Relation.SUPPORTS),
        CitationInput(document_id=document.id, relation=Relation.SUPPORTS,
                      quote="The port handled 4 million tonnes"),
    ])  # fmt: skip
    change = _change(session, team["reviewer"], claim, Status.TRUE)
    assert change.to_status is Status.TRUE


def test_a_quote_the_audit_does_not_find_is_refused_even_beside_a_sound_one(session, make, team):
    """One sound citation let a made-up quote through as evidence; it stayed on record."""
    document = make.document("Harbour yearbook", full_text="The port handled 4 million tonnes.")
    claim = make.claim(team["editor"], "The port grew.", citations=[
        CitationInput(document_id=document.id, relation=Relation.SUPPORTS,
                      quote="The port handled 4 million tonnes"),
        CitationInput(document_id=document.id, relation=Relation.SUPPORTS,
                      quote="half the cranes were painted violet overnight"),
    ])  # fmt: skip
    made_up = claim.citations[1].id
    with pytest.raises(ValidationFailed) as refused:
        _change(session, team["reviewer"], claim, Status.TRUE)
    session.rollback()
    message = refused.value.fields["evidence"]
    assert f"citation #{made_up}: its quote is not found in its document" in message
    assert "untick it" in message
    assert get_claim(session, claim.id).status is Status.UNVERIFIED
    sound = [claim.citations[0].id]
    assert _change(session, team["reviewer"], claim, Status.TRUE, evidence=sound).to_status is (
        Status.TRUE
    )


def test_whoever_wrote_the_present_wording_may_not_retract_it_either(session, make, team):
    """Retraction is a decision as a verdict is: four-eyes offered it to the rewording reviewer."""
    claim = make.claim(team["editor"], "The ferry runs twice a day.")
    stored = get_claim(session, claim.id)
    stored.text_changed_by_id = team["reviewer"].id
    session.commit()
    stored = get_claim(session, claim.id)
    assert Status.RETRACTED not in allowed_statuses(team["reviewer"], stored, ReviewPolicy())
    assert Status.RETRACTED in allowed_statuses(team["other_reviewer"], stored, ReviewPolicy())
    with pytest.raises(NotAllowed, match="present wording"):
        _change(session, team["reviewer"], claim, Status.RETRACTED, evidence=[])


def test_each_evidence_checkbox_shows_its_quote_s_audit_finding(client, auth, make, team):
    document = make.document("Harbour yearbook", full_text="The port handled 4 million tonnes.")
    claim = make.claim(team["editor"], "The port grew.", citations=[
        CitationInput(document_id=document.id, relation=Relation.SUPPORTS,
                      quote="The port handled 4 million tonnes"),
        CitationInput(document_id=document.id, relation=Relation.SUPPORTS,
                      quote="half the cranes were painted violet overnight"),
    ])  # fmt: skip
    auth.login(team["reviewer"].email)
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    evidence = page[page.index('<ul id="evidence">') :]
    evidence = evidence[: evidence.index("</ul>")]
    rows = evidence.split("<li>")[1:]
    assert len(rows) == 2
    assert "evidence-flag" not in rows[0]
    assert "evidence-flag" in rows[1] and "Quote not in its document" in rows[1]
    # a screen reader reads the finding with its checkbox
    assert "aria-describedby" not in rows[0]
    assert 'aria-describedby="evidence-1-flag"' in rows[1] and 'id="evidence-1-flag"' in rows[1]
