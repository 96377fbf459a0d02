"""A kept audit report is reused while nothing changes, and never outlives a change."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update

from factdb.audit.cache import ReportCache, data_revision
from factdb.audit.runner import AuditReport
from factdb.models import Claim, Source
from factdb.sources import SourceInput, update_source
from factdb.vocab import Reliability, Role, SourceKind, Status


@pytest.fixture
def editor(make):
    return make.user(Role.EDITOR, email="kept-editor@example.org")


def _moved(session, change) -> bool:
    session.rollback()
    before = data_revision(session)
    change()
    session.commit()
    return data_revision(session) > before


def test_every_kind_of_write_moves_the_revision(session, make, editor):
    reviewer = make.user(Role.REVIEWER)
    source = make.source("Press office", SourceKind.ORGANISATION)
    document = make.document("Statement", full_text="We did it.")
    claim = make.claim(editor, "They did it", document=document, speaker=source, quote="did it")

    assert _moved(session, lambda: make.claim(editor, "A new claim", tags=["new-tag"]))
    assert _moved(
        session,
        lambda: update_source(
            session, editor, source.id, source.version,
            SourceInput(name="Press office", kind=SourceKind.ORGANISATION, reliability=Reliability.A),
        ),
    )  # fmt: skip
    assert _moved(session, lambda: make.set_status(claim, reviewer, Status.IN_REVIEW))
    # Writes that bypass the application (a script, the SQL shell) count too.
    assert _moved(session, lambda: session.execute(update(Claim).values(verdict="by hand")))
    assert _moved(session, lambda: session.execute(text("UPDATE document SET title = 'Renamed'")))
    assert _moved(
        session, lambda: session.execute(delete(Claim).where(Claim.text == "A new claim"))
    )


def test_reading_does_not_move_the_revision(session, make, editor, client, auth):
    make.claim(editor, "Read me")
    session.rollback()
    before = data_revision(session)
    auth.login("kept-editor@example.org")
    assert client.get("/").status_code == 200
    assert client.get("/audit/").status_code == 200  # stores quote checks: derived, not data
    session.rollback()
    assert data_revision(session) == before


def test_the_audit_page_reuses_its_report_until_the_data_changes(
    session, make, editor, client, auth
):
    first_claim = make.claim(editor, "Nobody said this")
    auth.login("kept-editor@example.org")

    first = client.get("/audit/").get_data(as_text=True)
    assert "Audited just now" in first
    second = client.get("/audit/?rule=UNSOURCED").get_data(as_text=True)
    assert "Kept from the run of" in second
    assert f"Claim #{first_claim.id} has no citation." in second

    later = make.claim(editor, "Nobody said this either")
    third = client.get("/audit/?rule=UNSOURCED").get_data(as_text=True)
    assert "Audited just now" in third  # the new claim is in, not a stale report
    assert f"Claim #{first_claim.id} has no citation." in third
    assert f"Claim #{later.id} has no citation." in third


def test_reports_are_kept_per_scope_and_dropped_when_the_revision_moves(session, make, editor):
    made: list[str] = []

    def maker(name: str):
        def make_report() -> AuditReport:
            made.append(name)
            return AuditReport(claims_checked=len(made))

        return make_report

    cache = ReportCache(size=2)
    session.rollback()
    assert not cache.report(session, "all", maker("all")).reused
    assert not cache.report(session, "doc", maker("doc")).reused
    assert cache.report(session, "all", maker("all")).reused
    assert made == ["all", "doc"]

    session.rollback()
    make.source("Someone new")  # any write
    session.rollback()
    kept = cache.report(session, "all", maker("all"))
    assert not kept.reused and made == ["all", "doc", "all"]
    assert len(cache._reports) == 1  # the reports of older revisions are gone


def test_a_source_edit_by_sql_reaches_the_kept_audit(session, make, editor, client, auth):
    weak = make.source("Rumour mill", SourceKind.MEDIA, reliability=Reliability.E)
    document = make.document("Blog post", full_text="It is true.")
    reviewer = make.user(Role.REVIEWER, email="kept-reviewer@example.org")
    claim = make.claim(editor, "It is true", document=document, speaker=weak, quote="It is true.")
    make.set_status(claim, reviewer, Status.IN_REVIEW)
    auth.login("kept-editor@example.org")
    assert "Words attributed to Rumour mill" in client.get("/audit/").get_data(as_text=True)
    session.rollback()
    session.execute(update(Source).where(Source.id == weak.id).values(name="Renamed mill"))
    session.commit()
    page = client.get("/audit/").get_data(as_text=True)
    assert "Audited just now" in page
    assert "Rumour mill" not in page and "Words attributed to Renamed mill" in page


def test_recent_quote_checks_are_bounded_and_keep_only_real_checks():
    from factdb.audit.quotes import QuoteCheck
    from factdb.audit.runner import _RecentChecks

    recent = _RecentChecks(size=3)
    ok, altered = QuoteCheck("ok", 100.0), QuoteCheck("altered", 91.0)
    recent.remember({"a": ok, "b": altered, "c": None})
    assert recent.known(["a", "b", "c", "d"]) == {"a": ok, "b": altered}
    recent.remember({"d": ok, "e": ok})  # would pass the bound: start afresh
    assert recent.known(["a", "b", "d", "e"]) == {"d": ok, "e": ok}
