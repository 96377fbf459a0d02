"""Saving claims with their citations, listing and filtering them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.claims import (
    CitationInput,
    ClaimFilters,
    ClaimInput,
    get_claim,
    list_claims,
    save_claim,
    status_counts,
)
from factdb.documents import DocumentInput
from factdb.errors import StaleEdit, ValidationFailed
from factdb.history import changes_for_claim
from factdb.models import Claim, Document, Source
from factdb.vocab import Relation, Role, SourceKind, Status
from tests.factories import Factory


@pytest.fixture
def editor(make: Factory):
    return make.user(Role.EDITOR, name="Jonas Weber")


def test_new_claim_creates_document_and_speaker_on_the_spot(session, editor):
    result = save_claim(
        session,
        editor,
        ClaimInput(
            text="It was the first operation staged from Kestrian soil since 1945.",
            tags=["Military", "military", " kestria "],
            citations=[
                CitationInput(
                    document="Behind the secret trip",
                    new_document=DocumentInput(
                        title="",
                        container_title="The Ledger",
                        url="https://ledger.example/a",
                        published="2026-03",
                    ),
                    speaker="Henrik Aalto",
                    new_speaker_kind=SourceKind.PERSON,
                    new_speaker_role="Former EU ambassador to Kestria",
                    quote="the first operation",
                    locator="para. 2",
                )
            ],
        ),
    )
    session.commit()
    claim = get_claim(session, result.claim.id)
    assert [tag.name for tag in claim.tags] == ["kestria", "military"]
    citation = claim.citations[0]
    assert citation.document.title == "Behind the secret trip"
    assert citation.document.container_title == "The Ledger"
    assert citation.document.published == "2026-03"
    assert citation.speaker.name == "Henrik Aalto"
    assert citation.speaker.role == "Former EU ambassador to Kestria"
    assert (citation.speaker.family_name, citation.speaker.given_name) == ("Aalto", "Henrik")
    assert [s.name for s in result.new_sources] == ["Henrik Aalto"]
    assert claim.created_by.id == editor.id


def test_existing_document_and_speaker_are_reused_by_name_alias_or_reference(session, make, editor):
    document = make.document("Ministry statement", url="https://mfa.example/1")
    kremlin = make.source(
        "Kremlin press service", kind=SourceKind.GOVERNMENT, aliases=["the Kremlin"]
    )
    save_claim(
        session,
        editor,
        ClaimInput(
            text="A claim",
            citations=[
                CitationInput(document_id=document.id, speaker="THE  kremlin"),
                CitationInput(document="https://mfa.example/1", speaker_id=kremlin.id),
                CitationInput(document="Ministry statement", speaker="Kremlin press service"),
            ],
        ),
    )
    session.commit()
    assert session.scalar(select(func.count(Document.id))) == 1
    assert session.scalar(select(func.count(Source.id))) == 1


def test_the_same_new_name_twice_in_one_form_creates_one_record(session, editor):
    save_claim(
        session,
        editor,
        ClaimInput(
            text="A claim",
            citations=[
                CitationInput(document="New report", speaker="Dr New"),
                CitationInput(document="New report"),
            ],
        ),
    )
    session.commit()
    assert session.scalar(select(func.count(Document.id))) == 1


def test_invalid_claim_names_each_field(session, editor):
    with pytest.raises(ValidationFailed) as error:
        save_claim(
            session,
            editor,
            ClaimInput(
                text="   ",
                citations=[CitationInput(document="", speaker="Someone", quote="words")],
            ),
        )
    assert set(error.value.fields) == {"text", "citations-0-document"}


def test_new_document_with_bad_url_is_refused_and_nothing_is_written(session, editor):
    with pytest.raises(ValidationFailed) as error:
        save_claim(
            session,
            editor,
            ClaimInput(
                text="A claim",
                citations=[
                    CitationInput(
                        document="Bad link",
                        new_document=DocumentInput(title="", url="javascript:alert(1)"),
                    )
                ],
            ),
        )
    session.rollback()
    assert "url" in error.value.fields
    assert session.scalar(select(func.count(Claim.id))) == 0
    assert session.scalar(select(func.count(Document.id))) == 0


def test_unicode_survives(session, make, editor):
    claim = make.claim(
        editor,
        "«Мы не будем» — said the minister’s “spokesman”",
        document=make.document("بيان وزارة الخارجية"),
        speaker=make.source("Мария Захарова"),
        quote="Мы не будем",
    )
    assert claim.text == "«Мы не будем» — said the minister’s “spokesman”"
    assert claim.citations[0].speaker.name == "Мария Захарова"
    assert claim.citations[0].document.title == "بيان وزارة الخارجية"


def test_edit_records_field_changes(session, make, editor):
    claim = make.claim(editor, "Old text", document=make.document(), tags=["a"])
    save_claim(
        session,
        editor,
        ClaimInput(
            text="New text",
            tags=["b"],
            citations=[
                CitationInput(
                    id=c.id,
                    version=c.version,
                    document_id=c.document_id,
                    quote="added quote",
                )
                for c in claim.citations
            ],
        ),
        claim_id=claim.id,
        expected_version=claim.version,
    )
    session.commit()
    changes = changes_for_claim(session, claim.id)
    updates = [c for c in changes if c.action == "updated"]
    claim_update = next(c for c in updates if c.entity == "claim")
    assert claim_update.fields == {"tags": [["a"], ["b"]], "text": ["Old text", "New text"]}
    citation_update = next(c for c in updates if c.entity == "citation")
    assert citation_update.fields == {"quote": ["", "added quote"]}
    assert claim_update.user.id == editor.id


def test_second_save_of_the_same_version_is_refused(session, make, editor):
    claim = make.claim(editor, "Original")
    version = claim.version
    save_claim(
        session, editor, ClaimInput(text="First edit"), claim_id=claim.id, expected_version=version
    )
    session.commit()
    with pytest.raises(StaleEdit) as error:
        save_claim(
            session,
            editor,
            ClaimInput(text="Second edit"),
            claim_id=claim.id,
            expected_version=version,
        )
    session.rollback()
    assert error.value.current.text == "First edit"
    assert get_claim(session, claim.id).text == "First edit"


def test_citation_that_is_evidence_cannot_be_removed(session, make, editor):
    reviewer = make.user(Role.REVIEWER)
    claim = make.claim(editor, document=make.document(), relation=Relation.SUPPORTS, quote="ok")
    claim = make.set_status(claim, reviewer, Status.TRUE, note="ok")
    citation = claim.citations[0]
    with pytest.raises(ValidationFailed, match="evidence"):
        save_claim(
            session,
            editor,
            ClaimInput(
                text=claim.text,
                citations=[CitationInput(id=citation.id, version=citation.version, remove=True)],
            ),
            claim_id=claim.id,
            expected_version=claim.version,
        )


def test_citation_can_be_removed_and_the_removal_is_recorded(session, make, editor):
    claim = make.claim(editor, document=make.document())
    citation = claim.citations[0]
    save_claim(
        session,
        editor,
        ClaimInput(
            text=claim.text,
            citations=[CitationInput(id=citation.id, version=citation.version, remove=True)],
        ),
        claim_id=claim.id,
        expected_version=claim.version,
    )
    session.commit()
    session.expire_all()
    assert get_claim(session, claim.id).citations == []
    assert any(
        c.action == "deleted" and c.entity == "citation"
        for c in changes_for_claim(session, claim.id)
    )


def test_list_filters_and_counts(session, make, editor):
    reviewer = make.user(Role.REVIEWER)
    ministry = make.source("Ministry", kind=SourceKind.GOVERNMENT)
    doc = make.document("Statement")
    a = make.claim(
        editor,
        "Exports rose",
        document=doc,
        speaker=ministry,
        relation=Relation.SUPPORTS,
        tags=["trade"],
    )
    make.claim(editor, "Imports fell", tags=["trade"])
    make.claim(editor, "Unrelated")
    make.set_status(a, reviewer, Status.TRUE, note="ok")

    def ids(**kwargs):
        return [row.claim.id for row in list_claims(session, ClaimFilters(**kwargs)).items]

    assert len(ids()) == 3
    assert ids(status="true") == [a.id]
    assert ids(source_id=ministry.id) == [a.id]
    assert ids(document_id=doc.id) == [a.id]
    assert len(ids(tag="TRADE")) == 2
    assert ids(q="exports") == [a.id]
    assert len(ids(q="imp*")) == 1
    assert ids(q='"exports rose"') == [a.id] and ids(q='"rose exports"') == []
    assert ids(q="100%_") == []
    counts = status_counts(session, ClaimFilters(tag="trade", status="true"))
    assert counts[Status.TRUE] == 1 and counts[Status.UNVERIFIED] == 1
    page = list_claims(session, ClaimFilters(source_id=ministry.id))
    assert [s.name for s in page.items[0].speakers] == ["Ministry"]
    assert page.items[0].citation_count == 1


def test_list_counts_every_citation_and_names_each_document_once(session, make, editor):
    first, second = make.document("First report"), make.document("Second report")
    cite = [
        CitationInput(document_id=first.id, quote="one"),
        CitationInput(document_id=first.id, quote="two"),
        CitationInput(document_id=second.id, quote="three"),
    ]
    cited = make.claim(editor, "Cited three times", citations=cite)
    make.claim(editor, "Cited nowhere")
    rows = {row.claim.id: row for row in list_claims(session, ClaimFilters()).items}
    assert rows[cited.id].citation_count == 3
    assert [link.title for link in rows[cited.id].documents] == ["First report", "Second report"]
    others = [row for claim_id, row in rows.items() if claim_id != cited.id]
    assert [(row.citation_count, row.documents) for row in others] == [(0, [])]


def test_pagination_clamps_to_the_last_page(session, make, editor):
    for number in range(7):
        make.claim(editor, f"Claim {number}")
    page = list_claims(session, ClaimFilters(page=99, sort="oldest"), size=3)
    assert (page.number, page.pages, page.total) == (3, 3, 7)
    assert [row.claim.text for row in page.items] == ["Claim 6"]
