"""The claim page's read model shows what the stored records say, and the findings a full audit finds."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.audit import kept, run_audit
from factdb.claims import CitationInput, get_claim, status_history
from factdb.claims.view import load_claim_view
from factdb.documents import AuthorSpec
from factdb.errors import NotFound
from factdb.history import changes_for_claim
from factdb.models import DocumentAuthor
from factdb.vocab import Relation, Reliability, Role, SourceKind, Status


@pytest.fixture
def recorded(session, make):
    """A claim with a speaker two organisations deep, a two-author document, tags and a verdict."""
    editor = make.user(Role.EDITOR)
    reviewer = make.user(Role.REVIEWER)
    government = make.source(
        "Government of Kestria", SourceKind.GOVERNMENT, reliability=Reliability.B
    )
    ministry = make.source(
        "Kestrian Ministry of Defence", SourceKind.ORGANISATION, parent_id=government.id
    )
    spokesperson = make.source(
        "Ilse Marrow", SourceKind.PERSON, parent_id=ministry.id, role="spokesperson"
    )
    statement = make.document(
        "Statement on the border",
        full_text="The ministry said 300 advisers crossed the border on Tuesday.",
        authors=[AuthorSpec("Ana Example", SourceKind.PERSON), ministry.id],
    )
    report = make.document("Wire report on the border", full_text="Troops moved north.")
    claim = make.claim(
        editor,
        "300 advisers crossed the border",
        tags=["zeta", "alpha", "border"],
        citations=[
            CitationInput(
                document_id=statement.id,
                speaker_id=spokesperson.id,
                relation=Relation.SUPPORTS,
                quote="300 advisers crossed the border",
            ),
            CitationInput(
                document_id=report.id,
                speaker="Senator Dana Holt",
                relation=Relation.DISPUTES,
                quote="Troops moved south.",
            ),
        ],
    )
    first = claim.citations[0].id
    make.set_status(claim, editor, Status.IN_REVIEW)
    make.set_status(claim, reviewer, Status.MOSTLY_TRUE, note="Two documents.", evidence=[first])
    return claim.id


def test_the_view_holds_what_the_records_hold(session, recorded):
    view = load_claim_view(session, recorded)
    claim = get_claim(session, recorded)

    assert (view.id, view.version, view.text, view.status) == (
        claim.id,
        claim.version,
        claim.text,
        claim.status,
    )
    assert view.created_by is not None and view.created_by.name == claim.created_by.name
    assert view.tags == ["alpha", "border", "zeta"]
    assert [c.id for c in view.citations] == [c.id for c in claim.citations]
    speaker = view.citations[0].speaker
    assert speaker is not None and speaker.role == "spokesperson"
    assert speaker.parent.name == "Kestrian Ministry of Defence"
    assert speaker.parent.parent.name == "Government of Kestria"
    assert view.citations[1].speaker.name == "Senator Dana Holt"

    statement_id = view.citations[0].document.id
    stored_authors = list(
        session.scalars(
            select(DocumentAuthor.source_id)
            .where(DocumentAuthor.document_id == statement_id)
            .order_by(DocumentAuthor.position)
        )
    )
    assert len(stored_authors) == 2
    assert view.authors[statement_id] == stored_authors  # in the order the document names them
    assert all(source_id in view.sources for source_id in stored_authors)

    history = status_history(session, recorded)
    assert [(s.id, s.to_status) for s in view.history] == [(s.id, s.to_status) for s in history]
    assert view.history[-1].evidence == [c.id for c in history[-1].evidence]
    assert view.history[-1].reviewer.name == history[-1].reviewer.name
    assert [c.id for c in view.changes] == [c.id for c in changes_for_claim(session, recorded)]
    assert [entry.kind for entry in view.timeline()].count("status") == 2


def test_the_page_shows_what_the_full_audit_finds(session, recorded):
    full = run_audit(session, claim_ids=[recorded])
    page = kept.about(session, [recorded])

    def described(findings):
        return sorted((f.rule, f.claim_id, f.citation_id, f.message) for f in findings)

    assert described(page) == described(full.findings)
    assert {"QUOTE_ALTERED", "SECOND_HAND_ONLY"} <= {f.rule for f in page}


def test_the_page_finds_by_the_ids_it_read_what_the_claim_s_records_give(session, recorded):
    view = load_claim_view(session, recorded)
    documents, sources = view.cited()
    by_ids = kept.about_cited(session, recorded, documents, sources)

    assert by_ids == kept.about(session, [recorded])
    assert {"SOURCE_UNGRADED", "CITATION_INCOMPLETE"} <= {f.rule for f in by_ids}
    named = {f.source_id for f in by_ids if f.rule == "SOURCE_UNGRADED"}
    assert named == sources  # the speakers and the statement's first author, not the second


def test_the_document_page_reads_with_its_edits_the_findings_its_own_statement_read(
    session, make, recorded
):
    """The findings ride in the document page's sets; they are what `kept.about` reads alone."""
    from factdb.document_page import changes_evidence_and_findings
    from factdb.models import Document

    statement = session.scalars(select(Document).where(Document.title.startswith("Statement")))
    document = statement.one()
    other = make.claim(
        make.user(Role.EDITOR),
        "Advisers crossed twice",
        citations=[CitationInput(document_id=document.id, quote="crossed the river")],
    )
    claims = [recorded, other.id]

    changes, _evidence, findings = changes_evidence_and_findings(session, document, claims)

    assert findings == kept.about(session, claims, [document.id], rules=kept.PAGE_RULES)
    assert {f.claim_id for f in findings} - {None} == set(claims)
    assert any(f.details for f in findings)  # a JSON column, back through the sets' JSON
    assert {"QUOTE_NOT_FOUND", "SOURCE_UNGRADED", "CITATION_INCOMPLETE"} <= {
        f.rule for f in findings
    }
    assert changes and changes[0].action == "created"


def test_one_statement_reads_what_each_set_s_statement_alone_reads(session, recorded):
    """Values come back through JSON: times, dates, truths, statuses and edits' fields too."""
    from datetime import date

    from factdb.claims import view as claim_view
    from factdb.models import Document

    for document in session.scalars(select(Document)):
        document.accessed, document.undated = date(2024, 2, 29), True
    session.commit()
    connection = session.connection()
    params = {"claim_id": recorded}

    sets = claim_view._SETS.read(connection, params)

    for name, query in claim_view._SETS.sets.items():
        alone = [tuple(row) for row in connection.execute(query, params)]
        assert sets[name] == alone, name
        assert [list(map(type, row)) for row in sets[name]] == [
            list(map(type, row)) for row in alone
        ], name
    assert sets["changes"] and all(isinstance(row[4], dict) for row in sets["changes"])
    assert {row[14] for row in sets["citations"]} == {date(2024, 2, 29)}


@pytest.mark.parametrize("claim_id", [0, -1, 2**31, 999_999])
def test_a_missing_claim_is_not_found(session, recorded, claim_id):
    with pytest.raises(NotFound):
        load_claim_view(session, claim_id)


def test_the_walk_up_the_organisations_ends_round_a_cycle_of_parents(session, make):
    """Parents written by hand into a cycle (no form allows one) still give a page, each once."""
    from sqlalchemy import update

    from factdb.models import Source

    editor = make.user(Role.EDITOR)
    board = make.source("Harbour Board", SourceKind.ORGANISATION)
    office = make.source("Harbour Office", SourceKind.ORGANISATION, parent_id=board.id)
    speaker = make.source("Rune Alder", SourceKind.PERSON, parent_id=office.id)
    document = make.document("Harbour notice", full_text="The quay opens in May.")
    claim = make.claim(editor, "The quay opens in May", document=document, speaker=speaker)
    session.execute(update(Source).where(Source.id == board.id).values(parent_id=office.id))
    session.commit()
    view = load_claim_view(session, claim.id)
    assert sorted(view.sources) == sorted([board.id, office.id, speaker.id])
    assert view.citations[0].speaker.parent.parent.name == "Harbour Board"
