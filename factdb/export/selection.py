"""Load what an export needs, in bulk: the documents behind a selection of claims."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session, defer, selectinload

from factdb.audit.data import chunks
from factdb.models import Citation, Claim, Document, DocumentAuthor, Source, StatusChange
from factdb.vocab import DocumentType, SourceKind


@dataclass
class SourceView:
    id: int
    name: str
    kind: SourceKind
    family_name: str
    given_name: str


@dataclass
class AuthorView:
    source: SourceView


@dataclass
class DocumentView:
    """The fields of a Document that exports read, loaded without the ORM's per-object cost."""

    id: int
    title: str
    doc_type: DocumentType
    container_title: str
    publisher: str
    published: str
    undated: bool
    url: str
    doi: str
    accessed: date | None
    archive_url: str
    language: str
    authors: list[AuthorView] = field(default_factory=list)


@dataclass
class Selection:
    """Claims (with citations, speakers, documents) and the documents they cite, in order."""

    claims: list[Claim]
    documents: list[DocumentView]


def load_selection(
    session: Session,
    *,
    claim_ids: Collection[int] | None = None,
    document_ids: Collection[int] | None = None,
) -> Selection:
    """Claims by id (all when both arguments are None) and every document they cite.

    With `document_ids`, those documents are exported even when no claim cites them.
    """
    claims: list[Claim] = []
    if claim_ids is None and document_ids is None:
        claim_ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
        document_ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    for batch in chunks(sorted(set(claim_ids or []))):
        claims += session.scalars(
            select(Claim)
            .where(Claim.id.in_(batch))
            .options(
                selectinload(Claim.tags),
                selectinload(Claim.citations).options(
                    selectinload(Citation.speaker),
                    selectinload(Citation.document)
                    .options(defer(Document.full_text))
                    .selectinload(Document.authors)
                    .selectinload(DocumentAuthor.source),
                ),
            )
            .order_by(Claim.id)
        ).all()
    wanted = set(document_ids or []) | {c.document_id for claim in claims for c in claim.citations}
    return Selection(claims, load_documents(session, sorted(wanted)))


_DOCUMENT_COLUMNS = [
    Document.id, Document.title, type_coerce(Document.doc_type, String), Document.container_title,
    Document.publisher, Document.published, Document.undated, Document.url, Document.doi, Document.accessed,
    Document.archive_url, Document.language,
]  # fmt: skip


def load_documents(session: Session, ids: list[int]) -> list[DocumentView]:
    """Documents with their authors in order: two plain queries per thousand documents."""
    types, kinds = DocumentType._value2member_map_, SourceKind._value2member_map_
    documents: list[DocumentView] = []
    for batch in chunks(ids):
        by_id: dict[int, DocumentView] = {}
        rows = session.execute(
            select(*_DOCUMENT_COLUMNS).where(Document.id.in_(batch)).order_by(Document.id)
        )
        for row in rows:
            view = DocumentView(*row)
            view.doc_type = types[row[2]]  # type: ignore[assignment]
            by_id[view.id] = view
            documents.append(view)
        authors = session.execute(
            select(
                DocumentAuthor.document_id, Source.id, Source.name, type_coerce(Source.kind, String),
                Source.family_name, Source.given_name,
            )
            .join(Source, Source.id == DocumentAuthor.source_id)
            .where(DocumentAuthor.document_id.in_(batch))
            .order_by(DocumentAuthor.document_id, DocumentAuthor.position)
        )  # fmt: skip
        for document_id, source_id, name, kind, family, given in authors:
            view = by_id[document_id]
            view.authors.append(AuthorView(SourceView(source_id, name, kinds[kind], family, given)))
    return documents


def verdict_dates(session: Session, claim_ids: list[int]) -> dict[int, str]:
    """When each claim last received its current verdict (ISO date), for ClaimReview."""
    dates: dict[int, str] = {}
    for batch in chunks(claim_ids):
        rows = session.execute(
            select(StatusChange.claim_id, StatusChange.at)
            .where(StatusChange.claim_id.in_(batch))
            .order_by(StatusChange.claim_id, StatusChange.id)
        )
        for claim_id, at in rows:
            dates[claim_id] = at.date().isoformat()
    return dates


@dataclass
class CitationRowView:
    """One claim and one of its citations (or none), flattened for tables."""

    claim_id: int
    claim: str
    status: str
    verdict: str
    quote: str = ""
    quote_type: str = ""
    speaker: str = ""
    relation: str = ""
    locator: str = ""
    document: DocumentView | None = None


def load_claim_rows(session: Session, claim_ids: list[int]) -> list[CitationRowView]:
    """Claims with their citations, speakers and documents, without the ORM's per-object cost."""
    rows: list[CitationRowView] = []
    for batch in chunks(sorted(set(claim_ids))):
        claims = session.execute(
            select(Claim.id, Claim.text, type_coerce(Claim.status, String), Claim.verdict)
            .where(Claim.id.in_(batch))
            .order_by(Claim.id)
        ).all()
        citations = session.execute(
            select(
                Citation.claim_id, Citation.quote, type_coerce(Citation.quote_type, String), Source.name,
                type_coerce(Citation.relation, String), Citation.locator, Citation.document_id,
            )
            .outerjoin(Source, Source.id == Citation.speaker_id)
            .where(Citation.claim_id.in_(batch))
            .order_by(Citation.claim_id, Citation.id)
        ).all()  # fmt: skip
        documents = {d.id: d for d in load_documents(session, sorted({c[6] for c in citations}))}
        by_claim: dict[int, list] = {}
        for citation in citations:
            by_claim.setdefault(citation[0], []).append(citation)
        for claim_id, text, status, verdict in claims:
            cited = by_claim.get(claim_id, [])
            if not cited:
                rows.append(CitationRowView(claim_id, text, status, verdict))
            for _, quote, quote_type, speaker, relation, locator, document_id in cited:
                rows.append(CitationRowView(claim_id, text, status, verdict, quote, quote_type, speaker or "",
                                            relation, locator, documents.get(document_id)))  # fmt: skip
    return rows
