"""Kept audit findings: every write keeps them equal to a full rebuild, whatever the path."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, text, update

from factdb.audit import run_audit
from factdb.audit.claim_sweep import claim_results
from factdb.audit.kept import Scope, counts_by_rule
from factdb.audit.quote_sweep import quote_findings
from factdb.audit.rebuild import rebuild
from factdb.claims import CitationInput, ClaimInput, get_claim, save_claim, unchanged_citations
from factdb.documents import DocumentInput, get_document, update_document
from factdb.errors import NotAllowed, StaleEdit, ValidationFailed
from factdb.models import (
    AuditFinding,
    AuditPending,
    Citation,
    Claim,
    QuoteCheckResult,
    SourceCheck,
)
from factdb.review import ReviewPolicy, change_status
from factdb.sources import SourceInput, get_source, update_source
from factdb.team.bulk import bulk_status
from factdb.vocab import QuoteType, Relation, Reliability, Role, SourceKind, Status
from factdb.web.database import database

TEXT = (
    "The minister said the harbour will reopen in March after repairs. "
    "Officials confirmed that the budget grew by 4 percent last year."
)
CLAIM_TEXTS = [
    "The harbour will reopen in March",
    "The harbour will reopen in March!",
    "In March the harbour will reopen",
    "The budget grew by 4 percent",
    "The budget grew by 40 percent last year",
    "Nobody knows when the harbour reopens",
]
QUOTES = ["the harbour will reopen in March", "the harbor will re-open in May", "never said", ""]
SOURCE_NAMES = ["Maria Lopez", "officials", "Ministry of Ports", "Press office"]


def _kept(session) -> list[tuple]:
    rows = session.scalars(select(AuditFinding)).all()
    return sorted(
        (r.rule, r.claim_id, r.citation_id, r.document_id, r.source_id, r.message,
         json.dumps(r.details, sort_keys=True))
        for r in rows
    )  # fmt: skip


def _counts_match(session) -> bool:
    """The kept counts by rule are the findings' own, grouped."""
    grouped = dict(
        session.execute(select(AuditFinding.rule, func.count()).group_by(AuditFinding.rule)).all()
    )
    return counts_by_rule(session, Scope()) == grouped


def _computed(findings) -> list[tuple]:
    return sorted(
        (f.rule, f.claim_id, f.citation_id, f.document_id, f.source_id, f.message,
         json.dumps(json.loads(json.dumps(f.details)), sort_keys=True))
        for f in findings
    )  # fmt: skip


class World:
    """A few people, sources and documents, and the writes the property test draws from."""

    def __init__(self, session, make) -> None:
        self.session = session
        self.editor = make.user(Role.EDITOR)
        self.reviewer = make.user(Role.REVIEWER)
        self.sources = [
            make.source(name, SourceKind.ORGANISATION if " " not in name else SourceKind.PERSON)
            for name in SOURCE_NAMES
        ]
        self.documents = [
            make.document("Harbour statement", full_text=TEXT, publisher="Port News"),
            make.document("Budget report", url="https://example.org/budget"),
            make.document("Interview", full_text=TEXT, authors=[self.sources[0].id]),
        ]
        self.claims: list[int] = []

    def _citation(self, document: int, speaker: int, relation: int, quote: int) -> CitationInput:
        doc = self.documents[document % len(self.documents)]
        source = self.sources[speaker % len(self.sources)] if speaker else None
        return CitationInput(
            document_id=doc.id,
            speaker_id=source.id if source else None,
            relation=list(Relation)[relation % len(Relation)],
            quote=QUOTES[quote % len(QUOTES)],
            quote_type=QuoteType.DIRECT,
        )

    def new_claim(self, words: int, document: int, speaker: int, relation: int, quote: int) -> None:
        citations = [] if document == 3 else [self._citation(document, speaker, relation, quote)]
        text_ = CLAIM_TEXTS[words % len(CLAIM_TEXTS)]
        result = save_claim(self.session, self.editor, ClaimInput(text=text_, citations=citations))
        self.claims.append(result.claim.id)

    def _claim(self, pick: int) -> Claim | None:
        return (
            get_claim(self.session, self.claims[pick % len(self.claims)]) if self.claims else None
        )

    def edit_claim(self, pick: int, words: int, *_: int) -> None:
        claim = self._claim(pick)
        if claim:
            save_claim(self.session, self.editor, ClaimInput(text=CLAIM_TEXTS[words % len(CLAIM_TEXTS)] + " indeed",
                       citations=unchanged_citations(claim)), claim_id=claim.id, expected_version=claim.version)  # fmt: skip

    def add_citation(
        self, pick: int, document: int, speaker: int, relation: int, quote: int
    ) -> None:
        claim = self._claim(pick)
        if claim:
            citations = [
                *unchanged_citations(claim),
                self._citation(document, speaker, relation, quote),
            ]
            save_claim(self.session, self.editor, ClaimInput(text=claim.text, citations=citations),
                       claim_id=claim.id, expected_version=claim.version)  # fmt: skip

    def remove_citation(self, pick: int, *_: int) -> None:
        claim = self._claim(pick)
        if claim and claim.citations:
            citations = unchanged_citations(claim, leave_out=claim.citations[0].id)
            save_claim(self.session, self.editor, ClaimInput(text=claim.text, citations=citations),
                       claim_id=claim.id, expected_version=claim.version)  # fmt: skip

    def verdict(self, pick: int, status: int, *_: int) -> None:
        claim = self._claim(pick)
        if claim:
            change_status(self.session, self.reviewer, claim.id,
                          to_status=[Status.TRUE, Status.FALSE, Status.IN_REVIEW][status % 3],
                          note="Checked against the record." if status % 2 else "",
                          evidence_ids=[c.id for c in claim.citations], expected_version=claim.version,
                          policy=ReviewPolicy(allow_self_review=True))  # fmt: skip

    def bulk(self, pick: int, status: int, *_: int) -> None:
        chosen = self.claims[pick % max(1, len(self.claims)) :][:3]
        bulk_status(self.session, self.editor, chosen,
                    [Status.IN_REVIEW, Status.UNVERIFIED][status % 2], ReviewPolicy())  # fmt: skip

    def grade_source(self, pick: int, grade: int, parent: int, *_: int) -> None:
        source = get_source(self.session, self.sources[pick % len(self.sources)].id)
        other = self.sources[parent % len(self.sources)]
        update_source(self.session, self.editor, source.id, source.version, SourceInput(
            name=source.name, kind=source.kind,
            parent_id=other.id if other.id != source.id and parent % 2 else None,
            reliability=list(Reliability)[grade % len(Reliability)]))  # fmt: skip

    def rename_source(self, pick: int, name: int, *_: int) -> None:
        source = get_source(self.session, self.sources[pick % len(self.sources)].id)
        names = ["unnamed officials", f"Person {name}", "a spokesman", "Maria Lopez-Ortega"]
        update_source(self.session, self.editor, source.id, source.version, SourceInput(
            name=names[name % len(names)], kind=source.kind, parent_id=source.parent_id,
            reliability=source.reliability))  # fmt: skip

    def edit_document(self, pick: int, change: int, author: int, *_: int) -> None:
        document = get_document(self.session, self.documents[pick % len(self.documents)].id)
        texts = [TEXT, "", TEXT.replace("March", "May"), "The harbour will reopen in March."]
        authors = [self.sources[author % len(self.sources)].id] if author % 3 else []
        update_document(self.session, self.editor, document.id, document.version, DocumentInput(
            title=document.title if change % 4 else "", doc_type=document.doc_type,
            publisher=document.publisher if change % 2 else "", url=document.url,
            published="2024" if change % 3 else "", full_text=texts[change % len(texts)],
            authors=authors))  # fmt: skip

    def recheck(self, pick: int, outcome: int, *_: int) -> None:
        document = self.documents[pick % len(self.documents)]
        citation = self.session.scalar(
            select(Citation.id).where(Citation.document_id == document.id).limit(1)
        )
        self.session.add(SourceCheck(
            document_id=document.id, outcome=["alive", "changed", "gone"][outcome % 3],
            diff=[{"op": "replace", "old": "March", "new": "May"}] if outcome % 3 == 1 else [],
            withdrawn=[citation] if citation and outcome % 2 else [], final_url="", message="checked"))  # fmt: skip

    def by_hand(self, pick: int, *_: int) -> None:
        # A script or the SQL shell: no domain function, no ORM.
        self.session.execute(text("UPDATE claim SET text = text || ' (sic)' WHERE id = :id"),
                             {"id": self.claims[pick % len(self.claims)] if self.claims else 0})  # fmt: skip

    def retract_by_hand(self, pick: int, *_: int) -> None:
        if self.claims:
            claim_id = self.claims[pick % len(self.claims)]
            self.session.execute(
                update(Claim).where(Claim.id == claim_id).values(status=Status.RETRACTED)
            )


ACTIONS = [name for name in vars(World) if not name.startswith("_")]
STEPS = st.lists(
    st.tuples(st.sampled_from(ACTIONS), *(st.integers(0, 7) for _ in range(5))),
    min_size=1,
    max_size=8,
)


@pytest.fixture
def world(session, make) -> World:
    return World(session, make)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_kept_findings_equal_a_full_rebuild_after_any_writes(world, session, steps):
    for action, *args in steps:
        try:
            getattr(world, action)(*args)
            session.commit()  # the findings of what the write touched are recomputed here
        except (ValidationFailed, StaleEdit, NotAllowed):
            session.rollback()
    kept = _kept(session)
    assert kept == _computed(run_audit(session).findings)
    assert _counts_match(session)
    rebuild(session)
    assert _kept(session) == kept
    assert _counts_match(session)
    session.rollback()


def test_the_rebuild_finds_what_a_claim_audit_finds_in_the_quotes_checked_by_worker_processes(
    world, session, make
):
    # Another text than the first document's: the same quote against it is another check.
    world.documents[2] = make.document("Transcript", full_text=TEXT.replace("March", "May"))
    for document in range(len(world.documents)):
        for quote in range(len(QUOTES)):
            world.new_claim(quote, document, 0, 0, quote)
    session.commit()
    session.execute(delete(QuoteCheckResult))
    swept = [f for batch in quote_findings(session, batch=1, workers=2) for f in batch]
    assert session.scalar(select(func.count()).select_from(QuoteCheckResult)) == 6
    from_stored = [f for batch in quote_findings(session, batch=2, workers=2) for f in batch]
    session.execute(delete(QuoteCheckResult))
    audited = [f for f in run_audit(session).findings if f.rule.startswith("QUOTE_")]
    assert {f.rule for f in audited} == {"QUOTE_ALTERED", "QUOTE_NOT_FOUND", "QUOTE_UNCHECKABLE"}
    assert _computed(swept) == _computed(from_stored) == _computed(audited)
    session.rollback()


def test_the_rebuild_finds_what_one_process_finds_with_the_claims_read_by_worker_processes(
    world, session
):
    for step in range(12):
        world.new_claim(step, step % 4, step % 4, step, step)  # document 3: none
    world.grade_source(1, 5, 0)
    session.commit()
    rules = ("UNSOURCED", "SECOND_HAND_ONLY", "VAGUE_ATTRIBUTION", "SINGLE_SOURCE", "SELF_REVIEW")
    alone = list(claim_results(session, rules, batch=1000, workers=1))
    shared = list(claim_results(session, rules, batch=5, workers=2))
    assert len(alone) == 1 and len(shared) == 3  # 12 claims in batches of 5
    assert {row[0] for rows, _, _ in alone for row in rows} >= {"UNSOURCED", "VAGUE_ATTRIBUTION"}
    for part in (0, 1):  # the findings, and the duplicate keys
        assert sorted(r for result in shared for r in result[part]) == sorted(alone[0][part])
    assert sum(result[2] for result in shared) == 12


def test_the_rebuild_in_small_batches_shares_its_workers_and_finds_the_same_in_the_same_order(
    world, session
):
    for step in range(12):
        world.new_claim(step, step % 4, step % 4, step, step)
    session.commit()
    in_order = select(AuditFinding).order_by(
        AuditFinding.severity_order, AuditFinding.rule, AuditFinding.subject_id, AuditFinding.id
    )
    found = {}
    for batch in (1000, 5):  # one batch, in this process; three, the quotes' and claims' in turn
        session.execute(delete(QuoteCheckResult))
        rebuild(session, batch=batch)
        found[batch] = [
            (f.rule, f.claim_id, f.citation_id, f.document_id, f.source_id, f.message, f.details)
            for f in session.scalars(in_order)
        ]
    assert {row[0] for row in found[5]} >= {"QUOTE_NOT_FOUND", "UNSOURCED", "LIKELY_DUPLICATE"}
    assert found[5] == found[1000]
    session.rollback()


def test_a_claim_edit_shows_in_the_findings_at_once(session, make):
    editor = make.user(Role.EDITOR)
    claim = make.claim(editor, "Nobody cited this")
    assert [r.rule for r in session.scalars(select(AuditFinding))] == ["UNSOURCED"]
    document = make.document("Statement", full_text="We did it.", publisher="Wire")
    save_claim(session, editor, ClaimInput(text=claim.text, citations=[CitationInput(document_id=document.id, quote="did it")]),
               claim_id=claim.id, expected_version=claim.version)  # fmt: skip
    session.commit()
    assert (
        session.scalars(select(AuditFinding.rule).where(AuditFinding.claim_id == claim.id)).all()
        == []
    )


def test_the_audit_page_says_when_writes_made_outside_factdb_wait_and_the_next_save_catches_up(
    app, client, auth, make, session
):
    """A page only reads: it names the waiting notes; a save through factdb recomputes them."""
    editor = make.user(Role.EDITOR, email="ed@example.org")
    claim = make.claim(editor, "The harbour will reopen in March")
    auth.login("ed@example.org")
    waiting = "changed outside factdb"
    assert waiting not in client.get("/audit/").get_data(as_text=True)
    with database(app).engine.begin() as connection:  # SQL by hand: no factdb commit hook
        connection.execute(update(Claim).where(Claim.id == claim.id).values(text="x"))
    assert session.scalar(select(func.count(AuditPending.id))) > 0
    assert waiting in client.get("/audit/").get_data(as_text=True)
    save_claim(session, editor, ClaimInput(text="The harbour reopens in May"))
    session.commit()
    assert waiting not in client.get("/audit/").get_data(as_text=True)
    assert session.scalar(select(func.count(AuditPending.id))) == 0


def test_findings_about_documents_no_claim_cites_can_be_left_out(
    client, auth, make, session, monkeypatch, database_url
):
    """An imported library's documents all lack something; the errors must not drown in them."""
    editor = make.user(Role.EDITOR, email="ed@example.org")
    cited = make.document("Cited statement", full_text="We did it.")
    make.document("Library entry one")
    make.document("Library entry two")
    make.claim(
        editor, "They did it", citations=[CitationInput(document_id=cited.id, quote="did it")]
    )
    make.claim(editor, "Nobody cited this")
    everything = counts_by_rule(session, Scope())
    assert everything["CITATION_INCOMPLETE"] == 3 and everything["UNSOURCED"] == 1
    assert counts_by_rule(session, Scope(cited_only=True)) == {
        **everything,
        "CITATION_INCOMPLETE": 1,
    }
    auth.login("ed@example.org")
    page = client.get("/audit/?cited=1").get_data(as_text=True)
    assert "Cited statement" in page and "Library entry one" not in page
    assert "Nobody cited this" in page
    assert "Library entry one" in client.get("/audit/").get_data(as_text=True)
    from click.testing import CliRunner

    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    printed = CliRunner().invoke(main, ["audit", "--cited-only", "--fail-on", "never"])
    assert printed.exit_code == 0, printed.output
    assert "Cited statement" in printed.output and "Library entry" not in printed.output
