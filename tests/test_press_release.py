"""A press release recorded from the citation form names its issuer as publisher, not as the
container it would be cited "In", and words its issuer speaks in it are first-hand."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.audit import run_audit
from factdb.audit.kept import counts_by_rule
from factdb.documents import DOCUMENT_LOADS, outlet_fields
from factdb.export import export
from factdb.history import changes_for
from factdb.models import Citation, Claim, Document
from factdb.vocab import DocumentType, Relation, Role, SourceKind, Status
from tests.factories import Factory

ISSUER = "U.S. Department of Justice"


@pytest.mark.parametrize(
    ("doc_type", "field"),
    [
        (DocumentType.PRESS_RELEASE, "publisher"),
        (DocumentType.REPORT, "publisher"),
        (DocumentType.NEWS_ARTICLE, "container_title"),
        (DocumentType.WEB_PAGE, "container_title"),
    ],
)
def test_an_outlet_goes_where_the_type_reads_it(doc_type, field):
    assert outlet_fields(doc_type, ISSUER) == {field: ISSUER}


def test_a_press_release_from_the_citation_form(client, auth, make: Factory, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"text": "The fraud cost taxpayers $1 billion.", "context": "", "tags": "",
            "citations-0-document": "Fraud scheme charged", "citations-0-speaker": ISSUER,
            "citations-0-new_speaker_kind": "government",
            "citations-0-quote": "", "citations-0-locator": "", "citations-0-relation": "asserts",
            "citations-0-quote_type": "direct", "citations-0-new_document_type": "press_release",
            "citations-0-new_document_outlet": ISSUER, "citations-0-new_document_published": "2009-05-12",
            "save": "Save claim"}  # fmt: skip
    assert auth.post("/claims/new", form).status_code == 302
    session.rollback()
    document = session.scalar(select(Document))
    assert (document.publisher, document.container_title) == (ISSUER, "")
    apa = export(session, "apa", claim_ids=[], document_ids=[document.id], output="text").content
    # APA 7 dates a press release to the day, though CSL (Zotero's mapping) calls it a report.
    assert (
        apa
        == "Fraud scheme charged. (2009, May 12). [Press release]. U.S. Department of Justice.\n"
    )
    _in_review(make, session)
    assert "SECOND_HAND_ONLY" not in {f.rule for f in run_audit(session).findings}
    session.commit()
    assert "SECOND_HAND_ONLY" not in counts_by_rule(session)


def _in_review(make: Factory, session) -> None:
    """Put the claim in review: only then does the audit weigh second-hand words."""
    for claim in session.scalars(select(Claim)).all():
        make.set_status(claim, make.user(Role.REVIEWER), Status.IN_REVIEW)


def _cited_in(make: Factory, session, document: Document, speaker) -> set[str]:
    from factdb.claims import CitationInput

    make.claim(
        make.user(Role.EDITOR),
        citations=[CitationInput(document_id=document.id, speaker_id=speaker.id,
                                 relation=Relation.ASSERTS, quote="")],
    )  # fmt: skip
    _in_review(make, session)
    return {f.rule for f in run_audit(session).findings}


def test_words_of_the_issuer_or_its_people_are_first_hand(make: Factory, session):
    ministry = make.source(ISSUER, kind=SourceKind.GOVERNMENT)
    attorney = make.source("Ellis Harrow", kind=SourceKind.PERSON, parent_id=ministry.id)
    release = make.document("Fraud scheme charged", doc_type=DocumentType.PRESS_RELEASE,
                            publisher=ISSUER.upper())  # fmt: skip
    assert "SECOND_HAND_ONLY" not in _cited_in(make, session, release, attorney)


def test_a_press_release_recorded_with_its_issuer_as_outlet_is_first_hand(make: Factory, session):
    ministry = make.source(ISSUER, kind=SourceKind.GOVERNMENT)
    release = make.document("Fraud scheme charged", doc_type=DocumentType.PRESS_RELEASE,
                            container_title=ISSUER)  # fmt: skip
    assert "SECOND_HAND_ONLY" not in _cited_in(make, session, release, ministry)


def test_a_newspaper_quoting_the_issuer_is_still_second_hand(make: Factory, session):
    ministry = make.source(ISSUER, kind=SourceKind.GOVERNMENT)
    article = make.document("Fraud charged", doc_type=DocumentType.NEWS_ARTICLE,
                            container_title="The Ledger", publisher="Ledger Media")  # fmt: skip
    assert "SECOND_HAND_ONLY" in _cited_in(make, session, article, ministry)


def test_a_speech_recorded_with_its_speaker_as_author_is_first_hand(client, auth, make, session):
    """The report: the claim form had no author field, so a mayor quoted from her own speech
    was flagged as second-hand until someone edited the document's authors."""
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    mayor = "Mayor Ines Calloway"
    form = {"text": "The ferry will run all winter.", "context": "", "tags": "",
            "citations-0-document": "State of the harbour address", "citations-0-speaker": mayor,
            "citations-0-quote": "the ferry will run all winter", "citations-0-locator": "",
            "citations-0-relation": "asserts", "citations-0-quote_type": "direct",
            "citations-0-new_document_type": "speech", "citations-0-new_document_outlet": "",
            "citations-0-new_document_authors": f" {mayor} ; Northvale Harbour Board ",
            "save": "Save claim"}  # fmt: skip
    assert auth.post("/claims/new", form).status_code == 302
    session.rollback()
    document = session.scalar(select(Document).options(*DOCUMENT_LOADS))
    authors = [author.source for author in document.authors]
    assert [a.name for a in authors] == [mayor, "Northvale Harbour Board"]
    assert [a.kind for a in authors] == [SourceKind.PERSON, SourceKind.ORGANISATION]
    # The speaker typed again is the author just created, not a second source.
    assert session.scalar(select(Citation.speaker_id)) == authors[0].id
    # Its history says what it was created with, not only its type.
    (created,) = changes_for(session, "document", document.id)
    recorded = {name: values[1] for name, values in created.fields.items()}
    assert recorded["title"] == "State of the harbour address"
    assert recorded["doc_type"] == "speech"
    assert recorded["authors"] == [mayor, "Northvale Harbour Board"]
    _in_review(make, session)
    assert "SECOND_HAND_ONLY" not in {f.rule for f in run_audit(session).findings}


def test_a_new_documents_authors_typed_in_the_claim_form_are_kept_when_the_form_fails(
    client, auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"text": "", "context": "", "tags": "",
            "citations-0-document": "State of the harbour address", "citations-0-speaker": "",
            "citations-0-quote": "", "citations-0-locator": "", "citations-0-relation": "asserts",
            "citations-0-quote_type": "direct", "citations-0-new_document_type": "speech",
            "citations-0-new_document_authors": "Ines Calloway", "save": "Save claim"}  # fmt: skip
    page = auth.post("/claims/new", form)
    assert page.status_code == 422 or page.status_code == 200
    assert 'value="Ines Calloway"' in page.get_data(as_text=True)
    assert session.scalar(select(Document)) is None
