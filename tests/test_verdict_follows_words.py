"""A verdict is always about the words that were judged, whichever way the words change."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select, update

from factdb import migrate, transfer
from factdb.access import create_token
from factdb.audit.runner import run_audit
from factdb.claims import get_claim, status_history
from factdb.db import make_engine, make_session_factory
from factdb.documents import DocumentInput
from factdb.errors import NotAllowed
from factdb.intake import AcceptedQuote, record
from factdb.models import Change, Citation, Claim, StatusChange
from factdb.review import ReviewPolicy, change_status
from factdb.vocab import Relation, Role, Status
from tests.conftest import Auth
from tests.factories import Factory


@pytest.fixture
def team(make: Factory):
    return {
        "editor": make.user(Role.EDITOR, email="editor@example.org", name="Jonas"),
        "reviewer": make.user(Role.REVIEWER, email="reviewer@example.org", name="Li"),
        "other_reviewer": make.user(Role.REVIEWER, email="other@example.org", name="Amira"),
    }


@pytest.fixture
def judged(make: Factory, team, session) -> Claim:
    """A claim by Jonas, rated true by Li on its one supporting citation."""
    statement = make.document("Ministry statement")
    claim = make.claim(team["editor"], "Exports rose 4% in 2025.", document=statement,
                       relation=Relation.SUPPORTS, quote="exports rose by four per cent")  # fmt: skip
    evidence = [claim.citations[0].id]
    return make.set_status(claim, team["reviewer"], Status.TRUE, note="Matches the statement.",
                           evidence=evidence)  # fmt: skip


def _tokens(session, team) -> dict[str, dict[str, str]]:
    secrets = {role: create_token(session, user, role).secret for role, user in team.items()}
    session.commit()
    return {role: {"Authorization": f"Bearer {secret}"} for role, secret in secrets.items()}


def _reopened(session, claim_id: int) -> StatusChange:
    """The claim is back in review, and its last step names the edit that sent it there."""
    session.rollback()
    claim = get_claim(session, claim_id)
    assert claim.status is Status.IN_REVIEW
    assert claim.verdict == ""
    steps = status_history(session, claim_id)
    assert [step.to_status for step in steps] == [Status.TRUE, Status.IN_REVIEW]
    assert steps[0].note == "Matches the statement.", "the old verdict stays in the history"
    step = steps[-1]
    assert step.cause_change_id is not None
    return step


def _cause(session, step: StatusChange) -> Change:
    cause = session.get(Change, step.cause_change_id)
    assert cause is not None
    return cause


def test_changing_a_judged_claims_text_in_the_form_sends_it_back_to_review(
    client, auth, session, team, judged
):
    auth.login("editor@example.org")
    citation = judged.citations[0]
    form = {
        "version": str(judged.version),
        "text": "Exports fell 4% in 2025.",
        "citations-0-id": str(citation.id),
        "citations-0-version": str(citation.version),
        "citations-0-document": "Ministry statement",
        "citations-0-document_id": str(citation.document_id),
        "citations-0-relation": "supports",
        "citations-0-quote": citation.quote,
        "citations-0-quote_type": "direct",
        "save": "Save claim",
    }
    response = auth.post(f"/claims/{judged.id}/edit", form)
    assert response.status_code == 302
    step = _reopened(session, judged.id)
    cause = _cause(session, step)
    assert (cause.entity, cause.entity_id, list(cause.fields)) == ("claim", judged.id, ["text"])
    assert "Jonas changed the claim's text" in step.note

    page = client.get(response.location).get_data(as_text=True)
    assert "back in review for a new verdict" in page  # the flash after saving
    assert "Superseded" in page and f'href="#change-{cause.id}"' in page
    assert f'id="change-{cause.id}"' in page


def test_the_edit_form_warns_before_the_words_of_a_verdict_change(client, auth, judged, team):
    auth.login("editor@example.org")
    page = client.get(f"/claims/{judged.id}/edit").get_data(as_text=True)
    assert "sends it back to review" in page


@pytest.mark.parametrize("change", [{"relation": "disputes"}, {"quote": "exports fell"}])
def test_changing_the_evidence_of_a_verdict_in_the_form_sends_it_back_to_review(
    auth, session, team, judged, change
):
    auth.login("editor@example.org")
    citation = judged.citations[0]
    entry = {"relation": "supports", "quote": citation.quote} | change
    form = {
        "version": str(judged.version),
        "text": judged.text,
        "citations-0-id": str(citation.id),
        "citations-0-version": str(citation.version),
        "citations-0-document": "Ministry statement",
        "citations-0-document_id": str(citation.document_id),
        "citations-0-relation": entry["relation"],
        "citations-0-quote": entry["quote"],
        "citations-0-quote_type": "direct",
        "save": "Save claim",
    }
    assert auth.post(f"/claims/{judged.id}/edit", form).status_code == 302
    step = _reopened(session, judged.id)
    cause = _cause(session, step)
    assert (cause.entity, cause.entity_id) == ("citation", citation.id)
    assert f"changed citation #{citation.id}, evidence for the verdict ({next(iter(change))})" in (
        step.note
    )


def test_changing_a_judged_claims_text_through_the_api_sends_it_back_to_review(
    client, session, team, judged
):
    headers = _tokens(session, team)["editor"]
    response = client.patch(f"/api/v1/claims/{judged.id}", headers=headers,
                            json={"version": judged.version, "text": "Exports fell 4% in 2025."})  # fmt: skip
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["data"]["status"] == "in_review"
    step = _reopened(session, judged.id)
    history = client.get(f"/api/v1/claims/{judged.id}/history", headers=headers).get_json()["data"]
    assert history["status_changes"][-1]["cause_change_id"] == step.cause_change_id
    assert step.cause_change_id in [change["id"] for change in history["changes"]]


@pytest.mark.parametrize(
    "change",
    [{"relation": "disputes"}, {"quote": "exports fell by four per cent"}],
    ids=["relation", "quote"],
)
def test_changing_the_evidence_of_a_verdict_through_the_api_sends_it_back_to_review(
    client, session, team, judged, change
):
    headers = _tokens(session, team)["editor"]
    citation = judged.citations[0]
    body = {"version": citation.version, "document": citation.document_id,
            "relation": "supports", "quote": citation.quote} | change  # fmt: skip
    response = client.patch(f"/api/v1/citations/{citation.id}", headers=headers, json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    step = _reopened(session, judged.id)
    cause = _cause(session, step)
    assert (cause.entity, cause.entity_id) == ("citation", citation.id)
    assert f"changed citation #{citation.id}, evidence for the verdict ({next(iter(change))})" in (
        step.note
    )


def test_edits_that_leave_the_judged_words_alone_keep_the_verdict(
    client, session, team, judged, make: Factory
):
    headers = _tokens(session, team)["editor"]
    tagged = client.patch(f"/api/v1/claims/{judged.id}", headers=headers,
                          json={"version": judged.version, "tags": ["economy"], "context": "From the budget debate."})  # fmt: skip
    assert tagged.status_code == 200
    added = client.post(f"/api/v1/claims/{judged.id}/citations", headers=headers,
                        json={"document": "Evening news", "relation": "reports"})  # fmt: skip
    assert added.status_code == 201, added.get_data(as_text=True)
    new_citation = added.get_json()["data"]
    retouched = client.patch(f"/api/v1/citations/{new_citation['id']}", headers=headers,
                             json={"version": new_citation["version"], "document": "Evening news",
                                   "relation": "reports", "locator": "at 19:04"})  # fmt: skip
    assert retouched.status_code == 200, retouched.get_data(as_text=True)
    session.rollback()
    assert get_claim(session, judged.id).status is Status.TRUE


@pytest.mark.parametrize("status", [Status.UNVERIFIED, Status.IN_REVIEW])
def test_editing_an_unjudged_claim_twice_records_no_step_and_claims_no_verdict(
    client, auth, session, team, make: Factory, status
):
    """Only a verdict can be superseded: an unjudged claim keeps its status and its history."""
    claim = make.claim(team["editor"], "Imports fell in 2025.")
    if status is not Status.UNVERIFIED:
        claim = make.set_status(claim, team["editor"], status)
    auth.login("editor@example.org")
    for text in ("Imports fell 2% in 2025.", "Imports fell 3% in 2025."):
        session.rollback()
        version = session.scalar(select(Claim.version).where(Claim.id == claim.id))
        form = {"version": str(version), "text": text, "save": "Save claim"}
        response = auth.post(f"/claims/{claim.id}/edit", form)
        assert response.status_code == 302, response.get_data(as_text=True)
        page = client.get(response.location).get_data(as_text=True)
        assert "judged the words" not in page and "back in review" not in page
    session.rollback()
    assert get_claim(session, claim.id).status is status
    steps = [(step.from_status, step.to_status) for step in status_history(session, claim.id)]
    assert steps == ([] if status is Status.UNVERIFIED else [(Status.UNVERIFIED, status)])


def test_a_reopened_claim_edited_again_gets_no_step_from_in_review_to_in_review(
    client, session, team, judged
):
    headers = _tokens(session, team)["editor"]
    for text in ("Exports fell 4% in 2025.", "Exports fell 5% in 2025."):
        version = client.get(f"/api/v1/claims/{judged.id}", headers=headers).get_json()["data"]
        response = client.patch(f"/api/v1/claims/{judged.id}", headers=headers,
                                json={"version": version["version"], "text": text})  # fmt: skip
        assert response.status_code == 200, response.get_data(as_text=True)
    _reopened(session, judged.id)  # one step back to review, not two
    same = session.scalars(
        select(StatusChange).where(StatusChange.from_status == StatusChange.to_status)
    )
    assert list(same) == []


def test_intake_merging_a_quote_into_a_judged_claim_keeps_its_verdict(session, team, judged):
    record(
        session,
        team["editor"],
        DocumentInput(title="Morning paper"),
        [
            AcceptedQuote(
                claim_text="", quote="exports rose", speaker="Trade minister", merge_into=judged.id
            )
        ],
        [],
    )
    session.commit()
    claim = get_claim(session, judged.id)
    assert claim.status is Status.TRUE and len(claim.citations) == 2


def test_whoever_last_worded_the_claim_counts_as_its_author_for_four_eyes(
    client, session, team, judged
):
    tokens = _tokens(session, team)
    # Li gave the verdict; now Amira (a reviewer) rewrites Jonas's claim in her own words.
    rewritten = client.patch(f"/api/v1/claims/{judged.id}", headers=tokens["other_reviewer"],
                             json={"version": judged.version, "text": "Exports grew by 4% last year."})  # fmt: skip
    assert rewritten.status_code == 200
    claim_data = rewritten.get_json()["data"]
    evidence = [claim_data["citations"][0]["id"]]
    refused = client.post(f"/api/v1/claims/{judged.id}/status", headers=tokens["other_reviewer"],
                          json={"version": claim_data["version"], "status": "true", "note": "Fine.", "evidence": evidence})  # fmt: skip
    assert refused.status_code == 403
    assert "present wording" in refused.get_json()["message"]

    # The form does not offer her the verdicts either, and says why.
    browser = Auth(client)
    browser.login("other@example.org")
    page = client.get(f"/claims/{judged.id}").get_data(as_text=True)
    assert "You wrote this claim&#39;s present wording" in page
    assert '<option value="true"' not in page

    accepted = client.post(f"/api/v1/claims/{judged.id}/status", headers=tokens["reviewer"],
                           json={"version": claim_data["version"], "status": "true", "note": "Fine.", "evidence": evidence})  # fmt: skip
    assert accepted.status_code == 201, accepted.get_data(as_text=True)


def test_four_eyes_holds_in_the_domain_whatever_the_path(session, team, judged):
    claim = get_claim(session, judged.id)
    claim.text_changed_by_id = team["reviewer"].id  # as if Li had reworded it
    session.commit()
    claim = get_claim(session, judged.id)
    with pytest.raises(NotAllowed, match="present wording"):
        change_status(session, team["reviewer"], claim.id, to_status=Status.FALSE, note="No.",
                      evidence_ids=[claim.citations[0].id], expected_version=claim.version,
                      policy=ReviewPolicy())  # fmt: skip


def _findings(session, rule: str) -> list:
    session.rollback()
    return [f for f in run_audit(session, rules=[rule]).findings if f.rule == rule]


def test_the_audit_flags_a_verdict_older_than_its_claims_text(session, judged):
    assert _findings(session, "VERDICT_OUTDATED") == []
    # Changed outside factdb's rules: an old database, a script, a loaded dump.
    later = session.scalar(select(StatusChange.at).where(StatusChange.claim_id == judged.id))
    session.execute(
        update(Claim).where(Claim.id == judged.id).values(text="Exports fell.", text_changed_at=later.replace(year=later.year + 1))
    )  # fmt: skip
    session.commit()
    (finding,) = _findings(session, "VERDICT_OUTDATED")
    assert finding.claim_id == judged.id and "its text changed after that" in finding.message


def test_the_audit_flags_a_verdict_older_than_its_evidence(session, judged):
    later = session.scalar(select(StatusChange.at).where(StatusChange.claim_id == judged.id))
    session.execute(
        update(Citation).where(Citation.id == judged.citations[0].id).values(relation=Relation.DISPUTES, updated_at=later.replace(year=later.year + 1))
    )  # fmt: skip
    session.commit()
    (finding,) = _findings(session, "VERDICT_OUTDATED")
    assert "a citation the verdict rests on changed" in finding.message


def test_the_audit_flags_outdated_verdicts_in_a_loaded_dump(session, judged, empty_database_url):
    out = io.StringIO()
    transfer.dump(session, out)
    data = json.loads(out.getvalue())
    (row,) = [r for r in data["tables"]["claim"] if r["id"] == judged.id]
    row["text"], row["text_changed_at"] = "Exports fell.", "2099-01-01T00:00:00"
    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine)
        with make_session_factory(engine, write=True)() as other, other.begin():
            transfer.load(other, io.StringIO(json.dumps(data)))
        with make_session_factory(engine)() as other:
            assert [f.claim_id for f in _findings(other, "VERDICT_OUTDATED")] == [judged.id]
    finally:
        engine.dispose()


def test_the_claim_page_shows_the_outdated_verdict_finding(client, auth, session, team, judged):
    later = session.scalar(select(StatusChange.at).where(StatusChange.claim_id == judged.id))
    session.execute(update(Claim).where(Claim.id == judged.id).values(text_changed_at=later.replace(year=later.year + 1)))  # fmt: skip
    session.commit()
    auth.login("editor@example.org")
    page = client.get(f"/claims/{judged.id}").get_data(as_text=True)
    assert "Verdict given on other words" in page
