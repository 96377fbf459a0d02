"""Which sources a claim rests on, for the audit's "not graded yet": each citation's speaker, or,
where a citation names none, its document's first author (the document speaks for itself).

The grade that weighs a citation is the same one (LOW_RELIABILITY reads it so): the reporter
of an article quoting a minister is no source of the minister's words.
"""

from __future__ import annotations

from sqlalchemy import select

from factdb.audit import run_audit
from factdb.audit.kept import about
from factdb.audit.rebuild import rebuild
from factdb.claims import CitationInput
from factdb.claims.view import load_claim_view
from factdb.documents import DocumentInput, update_document
from factdb.models import AuditFinding
from factdb.vocab import Relation, Reliability, Role, Status


def _ungraded(findings) -> set[int]:
    return {f.source_id for f in findings if f.rule == "SOURCE_UNGRADED"}


def _kept(session) -> set[int]:
    query = select(AuditFinding.source_id).where(AuditFinding.rule == "SOURCE_UNGRADED")
    return set(session.scalars(query))


def test_the_author_of_a_document_quoting_someone_is_no_source_the_claim_rests_on(
    session, make, client, auth
):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    reporter = make.source("Wren Halvard")
    minister = make.source("Ivo Stroud", reliability=Reliability.B)
    article = make.document(
        "Harbour to reopen", authors=[reporter.id], url="https://news.example/harbour",
        published="2026-03-02", container_title="Harbour Daily",
    )  # fmt: skip
    quoted = make.claim(editor, "The harbour reopens in March.", document=article, speaker=minister)
    assert _ungraded(run_audit(session, claim_ids=[quoted.id]).findings) == set()
    assert _ungraded(run_audit(session).findings) == set()
    assert _ungraded(about(session, [quoted.id])) == set()
    assert load_claim_view(session, quoted.id).cited()[1] == {minister.id}
    auth.login("ed@example.org")
    page = client.get(f"/claims/{quoted.id}").get_data(as_text=True)
    assert "Ivo Stroud" in page
    assert "not graded yet" not in page
    # Cited for its own words, the article rests on its author: now the reporter is listed.
    own = make.claim(editor, "The harbour stays shut until March.", document=article)
    assert _ungraded(run_audit(session, claim_ids=[own.id]).findings) == {reporter.id}
    assert _ungraded(about(session, [own.id])) == {reporter.id}
    assert "“Wren Halvard” is cited but not graded yet" in client.get(f"/claims/{own.id}").get_data(
        as_text=True
    )
    # ... and not on the page of the claim that quotes the minister.
    assert _ungraded(about(session, [quoted.id])) == set()
    assert "not graded yet" not in client.get(f"/claims/{quoted.id}").get_data(as_text=True)
    # The kept findings stay those a rebuild finds.
    kept = _kept(session)
    rebuild(session)
    session.commit()
    assert kept == _kept(session) == {reporter.id}


def _low(findings) -> list[str]:
    return [f.message for f in findings if f.rule == "LOW_RELIABILITY"]


def test_evidence_with_nobody_to_grade_is_of_unknown_reliability_not_graded_f(session, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    reviewer = make.user(Role.REVIEWER, email="rev@example.org")
    bulletin = make.document(
        "Harbour bulletin", url="https://port.example/b", published="2026-01-05"
    )
    pilot = make.source("Odile Marsh")  # not graded yet
    claim = make.claim(
        editor,
        "The harbour dredging finished in January.",
        citations=[
            CitationInput(document_id=bulletin.id, relation=Relation.SUPPORTS, quote="finished"),
            CitationInput(document_id=bulletin.id, speaker_id=pilot.id, relation=Relation.ASSERTS),
        ],
    )
    make.set_status(claim, reviewer, Status.TRUE, note="The bulletin says so.")
    # Nobody graded the bulletin F: a document with no author has no grade at all.
    assert _low(run_audit(session).findings) == []
    assert _low(about(session, [claim.id])) == []
    assert _ungraded(run_audit(session).findings) == {pilot.id}
    # Once the document has an author graded E, the support is weak, and named by that grade.
    harbourmaster = make.source("Harbour Office", reliability=Reliability.E)
    update_document(session, editor, bulletin.id, bulletin.version, DocumentInput(
        title=bulletin.title, url=bulletin.url, published="2026-01-05",
        authors=[harbourmaster.id]))  # fmt: skip
    session.commit()
    expected = [f"The true verdict on claim #{claim.id} is supported only by sources graded E."]
    assert _low(run_audit(session).findings) == expected
    assert _low(about(session, [claim.id])) == expected
    kept = sorted(session.scalars(select(AuditFinding.message)))
    rebuild(session)
    session.commit()
    assert kept == sorted(session.scalars(select(AuditFinding.message)))
