"""What an export covers, read in batches so that any selection streams in bounded memory.

A Selection holds only ids. Documents come as plain rows (no ORM objects) a thousand at a
time with their authors and citation keys; claims come a few hundred at a time with their
citations. Nothing holds the whole selection at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session, defer, selectinload

from factdb.audit.data import chunks
from factdb.declarations.document import DOCUMENT
from factdb.export import keys as citation_keys
from factdb.models import Citation, Claim, Document, DocumentAuthor, Source, StatusChange, User
from factdb.vocab import DocumentType, SourceKind

DOCUMENT_BATCH = 1000
CLAIM_BATCH = 200


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

    @property
    def written_name(self) -> str:
        """The name as the document writes it (the view's source already carries that form)."""
        return self.source.name


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
    base_key: str
    #: The declared bibliographic fields (volume, pages, ISBN, extra, …) by name.
    details: dict[str, Any] = field(default_factory=dict)
    authors: list[AuthorView] = field(default_factory=list)
    key: str = ""


_DOCUMENT_COLUMNS = [
    Document.id, Document.title, type_coerce(Document.doc_type, String), Document.container_title,
    Document.publisher, Document.published, Document.undated, Document.url, Document.doi, Document.accessed,
    Document.archive_url, Document.language, Document.base_key,
]  # fmt: skip
_DETAIL_COLUMNS = [getattr(Document, spec.name) for spec in DOCUMENT.bibliographic]


def load_documents(
    session: Session, ids: list[int], keys: citation_keys.KeyCache | None = None
) -> list[DocumentView]:
    """Documents with their authors in order and their citation keys: three plain queries."""
    types, kinds = DocumentType._value2member_map_, SourceKind._value2member_map_
    documents: list[DocumentView] = []
    by_id: dict[int, DocumentView] = {}
    for batch in chunks(ids):
        rows = session.execute(
            select(*_DOCUMENT_COLUMNS, *_DETAIL_COLUMNS)
            .where(Document.id.in_(batch))
            .order_by(Document.id)
        )
        width = len(_DOCUMENT_COLUMNS)
        for row in rows:
            view = DocumentView(*row[:width])
            view.details = {
                spec.name: value
                for spec, value in zip(DOCUMENT.bibliographic, row[width:], strict=True)
                if value
            }
            view.doc_type = types[row[2]]  # type: ignore[assignment]
            by_id[view.id] = view
            documents.append(view)
        authors = session.execute(
            select(
                DocumentAuthor.document_id, Source.id, Source.name, type_coerce(Source.kind, String),
                Source.family_name, Source.given_name, DocumentAuthor.name,
                DocumentAuthor.family_name, DocumentAuthor.given_name,
            )
            .join(Source, Source.id == DocumentAuthor.source_id)
            .where(DocumentAuthor.document_id.in_(batch))
            .order_by(DocumentAuthor.document_id, DocumentAuthor.position)
        )  # fmt: skip
        for document_id, source_id, name, kind, family, given, *written in authors:
            if written[0]:  # the document writes the name otherwise than the source
                name, family, given = written
            view = by_id[document_id]
            view.authors.append(AuthorView(SourceView(source_id, name, kinds[kind], family, given)))
    found = (keys or citation_keys.KeyCache(session)).keys_for(view.base_key for view in documents)
    imported = keys.imported if keys else {}
    for view in documents:
        view.key = imported.get(view.id) or found[view.id]
    return documents


@dataclass
class Selection:
    """The claims and documents an export covers, by id, in id order."""

    session: Session
    claim_ids: list[int]
    document_ids: list[int]
    keys: citation_keys.KeyCache = field(init=False)

    def __post_init__(self) -> None:
        self.keys = citation_keys.KeyCache(self.session)
        # Whether the selection is most of the documents needs them counted only up to twice
        # its size: counting every document grew with the library.
        enough = select(Document.id).limit(2 * len(self.document_ids) + 2).subquery()
        total = self.session.scalar(select(func.count()).select_from(enough)) or 0
        if len(self.document_ids) > total // 2:
            self.keys.key_everything()
        self.keys.prefer_imported(self.document_ids)

    def documents(
        self, size: int = DOCUMENT_BATCH, ids: list[int] | None = None
    ) -> Iterator[list[DocumentView]]:
        """Documents (the selection's, or `ids` in that order) a batch at a time."""
        ids = self.document_ids if ids is None else ids
        for start in range(0, len(ids), size):
            yield load_documents(self.session, ids[start : start + size], self.keys)

    def claims(self, size: int = CLAIM_BATCH, *, documents: bool = True) -> Iterator[list[Claim]]:
        """Claims with tags, citations, speakers and (unless not wanted) cited documents
        without their texts."""
        citations = selectinload(Claim.citations)
        loads = [citations.selectinload(Citation.speaker)]
        if documents:
            loads.append(
                citations.selectinload(Citation.document)
                .options(defer(Document.full_text))
                .selectinload(Document.authors)
                .selectinload(DocumentAuthor.source)
            )
        for start in range(0, len(self.claim_ids), size):
            batch = self.claim_ids[start : start + size]
            yield list(
                self.session.scalars(
                    select(Claim)
                    .where(Claim.id.in_(batch))
                    .options(selectinload(Claim.tags), *loads)
                    .order_by(Claim.id)
                )
            )


def select_ids(
    session: Session,
    *,
    claim_ids: Collection[int] | None = None,
    document_ids: Collection[int] | None = None,
    citing: bool = False,
) -> Selection:
    """Claims by id (all when both arguments are None) and every document they cite.

    With `document_ids`, those documents are exported even when no claim cites them; with
    `citing` too (a format of claims: a report, CSV, ClaimReview), so are the claims that
    cite them, which are what such a format is about (a document's claim report held none).
    """
    if claim_ids is None and document_ids is None:
        claims = list(session.scalars(select(Claim.id).order_by(Claim.id)))
        documents = list(session.scalars(select(Document.id).order_by(Document.id)))
        return Selection(session, claims, documents)
    named = {int(i) for i in claim_ids or []}
    if citing:
        for batch in chunks(sorted({int(i) for i in document_ids or []})):
            named.update(
                session.scalars(
                    select(Citation.claim_id).where(Citation.document_id.in_(batch)).distinct()
                )
            )
    claims = sorted(named)
    present: list[int] = []
    cited: set[int] = set()
    for batch in chunks(claims):
        present += session.scalars(select(Claim.id).where(Claim.id.in_(batch)))
        cited.update(
            session.scalars(
                select(Citation.document_id).where(Citation.claim_id.in_(batch)).distinct()
            )
        )
    wanted = sorted(cited | {int(i) for i in document_ids or []})
    existing: list[int] = []
    for batch in chunks(wanted):
        existing += session.scalars(select(Document.id).where(Document.id.in_(batch)))
    return Selection(session, sorted(present), sorted(existing))


@dataclass(frozen=True)
class Verdict:
    """When a claim last received its current verdict (ISO date), and from whom."""

    date: str
    reviewer: str


def verdicts(session: Session, claim_ids: list[int]) -> dict[int, Verdict]:
    """Each claim's latest verdict: its date and its reviewer's name, for ClaimReview."""
    found: dict[int, Verdict] = {}
    for batch in chunks(claim_ids):
        rows = session.execute(
            select(StatusChange.claim_id, StatusChange.at, User.name)
            .outerjoin(User, User.id == StatusChange.reviewer_id)
            .where(StatusChange.claim_id.in_(batch))
            .order_by(StatusChange.claim_id, StatusChange.id)
        )
        for claim_id, at, reviewer in rows:
            found[claim_id] = Verdict(at.date().isoformat(), reviewer or "")
    return found


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


def claim_rows(session: Session, claim_ids: list[int]) -> Iterator[CitationRowView]:
    """Claims with their citations, speakers and documents as flat rows, a batch at a time."""
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
        by_claim: dict[int, list[Any]] = {}
        for citation in citations:
            by_claim.setdefault(citation[0], []).append(citation)
        for claim_id, text, status, verdict in claims:
            cited = by_claim.get(claim_id, [])
            if not cited:
                yield CitationRowView(claim_id, text, status, verdict)
            for _, quote, quote_type, speaker, relation, locator, document_id in cited:
                yield CitationRowView(claim_id, text, status, verdict, quote, quote_type, speaker or "",
                                      relation, locator, documents.get(document_id))  # fmt: skip
