"""Load what the audit rules read, in a few bulk queries (never one per claim)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from factdb.audit.members import one_of
from factdb.models import (
    Citation,
    Claim,
    Document,
    DocumentAuthor,
    Source,
    SourceCheck,
    StatusChange,
    User,
    status_change_evidence,
)
from factdb.vocab import DocumentType, QuoteType, Relation, Reliability, SourceKind, Status

CHUNK = 900  # stays under SQLite's limit on bound parameters
T = TypeVar("T")


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Give `items` in lists of `size` (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class ClaimRow:
    id: int
    text: str
    status: Status
    created_by_id: int | None
    verdict: str
    #: When the text (the words a verdict judges) last changed.
    text_changed_at: datetime | None = None


@dataclass(frozen=True)
class CitationRow:
    id: int
    claim_id: int
    document_id: int
    speaker_id: int | None
    relation: Relation
    quote: str
    quote_type: QuoteType


@dataclass(frozen=True)
class DocumentRow:
    id: int
    title: str
    doc_type: DocumentType
    published: str
    undated: bool
    url: str
    publisher: str
    container_title: str
    accessed: date | None
    text_hash: str


@dataclass(frozen=True)
class SourceRow:
    id: int
    name: str
    kind: SourceKind
    parent_id: int | None
    reliability: Reliability


@dataclass(frozen=True)
class CheckRow:
    """The latest recheck of a document's URL."""

    document_id: int
    outcome: str
    checked_at: datetime
    withdrawn: tuple[int, ...]
    changes: int
    final_url: str
    message: str
    #: The document has an archive copy to fall back on.
    archived: bool


@dataclass(frozen=True)
class VerdictRow:
    claim_id: int
    reviewer_id: int | None
    note: str
    at: datetime | None = None
    #: The last change of a citation the verdict rests on.
    evidence_changed_at: datetime | None = None


@dataclass
class AuditData:
    claims: dict[int, ClaimRow] = field(default_factory=dict)
    citations: dict[int, list[CitationRow]] = field(default_factory=lambda: defaultdict(list))
    documents: dict[int, DocumentRow] = field(default_factory=dict)
    authors: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[int, SourceRow] = field(default_factory=dict)
    verdicts: dict[int, VerdictRow] = field(default_factory=dict)
    user_names: dict[int, str] = field(default_factory=dict)
    #: Each document's latest recheck, for the documents in scope that were checked.
    checks: dict[int, CheckRow] = field(default_factory=dict)
    #: True when the whole database is audited, not a selection.
    whole: bool = True

    def all_citations(self) -> Iterator[CitationRow]:
        """Every citation of every claim loaded, claim by claim."""
        for citations in self.citations.values():
            yield from citations

    def ancestors(self, source_id: int) -> list[int]:
        """The source and the organisations above it, nearest first."""
        chain: list[int] = []
        current: int | None = source_id
        while current is not None and current not in chain and current in self.sources:
            chain.append(current)
            current = self.sources[current].parent_id
        return chain

    def root(self, source_id: int) -> int:
        return self.ancestors(source_id)[-1] if source_id in self.sources else source_id


def _raw(column):
    """Read an enum column as its stored string: converting 400,000 values one by one is slow."""
    return type_coerce(column, String)


def load(
    session: Session,
    claim_ids: Collection[int] | None,
    document_ids: Collection[int] = (),
    sources: dict[int, SourceRow] | None = None,
) -> AuditData:
    """Read the claims in scope (all when `claim_ids` is None) and everything they refer to.

    `sources`, every source already read (see all_sources), spares each batch of a
    rebuild reading the same sources again.
    """
    data = AuditData(whole=claim_ids is None)
    claim_columns = (
        Claim.id,
        Claim.text,
        _raw(Claim.status),
        Claim.created_by_id,
        Claim.verdict,
        Claim.text_changed_at,
    )
    citation_columns = (
        Citation.id,
        Citation.claim_id,
        Citation.document_id,
        Citation.speaker_id,
        _raw(Citation.relation),
        Citation.quote,
        _raw(Citation.quote_type),
    )
    if claim_ids is None:
        claim_rows = session.execute(select(*claim_columns)).all()
        citation_rows = session.execute(select(*citation_columns).order_by(Citation.id)).all()
    else:
        claim_rows, citation_rows = [], []
        for batch in chunks(sorted(set(claim_ids))):
            claim_rows += session.execute(
                select(*claim_columns).where(one_of(session, Claim.id, batch))
            ).all()
            citation_rows += session.execute(
                select(*citation_columns)
                .where(one_of(session, Citation.claim_id, batch))
                .order_by(Citation.id)
            ).all()
    statuses, relations, quote_types = (e._value2member_map_ for e in (Status, Relation, QuoteType))
    for claim_id, text, status, created_by, verdict, text_changed_at in claim_rows:
        data.claims[claim_id] = ClaimRow(
            claim_id, text, statuses[status], created_by, verdict, text_changed_at
        )
    for (
        citation_id,
        claim_id,
        document_id,
        speaker_id,
        relation,
        quote,
        quote_type,
    ) in citation_rows:
        data.citations[claim_id].append(
            CitationRow(
                citation_id,
                claim_id,
                document_id,
                speaker_id,
                relations[relation],
                quote,
                quote_types[quote_type],
            )
        )

    wanted_documents = {c.document_id for rows in data.citations.values() for c in rows} | set(
        document_ids
    )
    _load_documents(
        session, data, None if claim_ids is None and not document_ids else wanted_documents
    )
    wanted_sources = {
        c.speaker_id for rows in data.citations.values() for c in rows if c.speaker_id
    }
    wanted_sources |= {source_id for ids in data.authors.values() for source_id in ids}
    if sources is None:
        _load_sources(session, data, wanted_sources)
    else:
        data.sources = sources
    _load_verdicts(session, data)
    _load_checks(session, data)
    return data


#: The columns a DocumentRow is made from, in its order (the claim page reads them too).
DOCUMENT_ROW_COLUMNS = (
    Document.id,
    Document.title,
    Document.doc_type,
    Document.published,
    Document.undated,
    Document.url,
    Document.publisher,
    Document.container_title,
    Document.accessed,
    Document.text_hash,
)


def _load_documents(session: Session, data: AuditData, ids: set[int] | None) -> None:
    columns = DOCUMENT_ROW_COLUMNS
    author_columns = (DocumentAuthor.document_id, DocumentAuthor.source_id)
    if ids is None:
        rows = session.execute(select(*columns)).all()
        authors = session.execute(select(*author_columns).order_by(DocumentAuthor.position)).all()
    else:
        rows, authors = [], []
        for batch in chunks(sorted(ids)):
            rows += session.execute(
                select(*columns).where(one_of(session, Document.id, batch))
            ).all()
            authors += session.execute(
                select(*author_columns)
                .where(one_of(session, DocumentAuthor.document_id, batch))
                .order_by(DocumentAuthor.position)
            ).all()
    for row in rows:
        data.documents[row.id] = DocumentRow(*row)
    for document_id, source_id in authors:
        data.authors[document_id].append(source_id)


_SOURCE_COLUMNS = (Source.id, Source.name, Source.kind, Source.parent_id, Source.reliability)


def all_sources(session: Session) -> dict[int, SourceRow]:
    """Read every source once, by id, for a rebuild that would otherwise read them per batch."""
    return {row.id: SourceRow(*row) for row in session.execute(select(*_SOURCE_COLUMNS))}


def _load_sources(session: Session, data: AuditData, ids: set[int]) -> None:
    columns = _SOURCE_COLUMNS
    missing = set(ids)
    while missing:  # walk up the parent organisations, one level per round
        found: set[int] = set()
        for batch in chunks(sorted(missing)):
            for row in session.execute(select(*columns).where(one_of(session, Source.id, batch))):
                data.sources[row.id] = SourceRow(*row)
                found.add(row.id)
        missing = {
            data.sources[i].parent_id for i in found if data.sources[i].parent_id
        } - data.sources.keys()  # type: ignore[operator]


def _load_verdicts(session: Session, data: AuditData) -> None:
    judged = [claim.id for claim in data.claims.values() if claim.status.is_verdict]
    steps: dict[int, int] = {}  # the step that gave each claim's present verdict
    for batch in chunks(judged):
        rows = session.execute(
            select(
                StatusChange.id,
                StatusChange.claim_id,
                StatusChange.to_status,
                StatusChange.reviewer_id,
                StatusChange.note,
                StatusChange.at,
            )
            .where(one_of(session, StatusChange.claim_id, batch))
            .order_by(StatusChange.claim_id, StatusChange.id)
        )
        for step_id, claim_id, to_status, reviewer_id, note, at in rows:
            if to_status == data.claims[claim_id].status:
                data.verdicts[claim_id] = VerdictRow(claim_id, reviewer_id, note, at)
                steps[step_id] = claim_id
    changed: dict[int, datetime] = {}
    for batch in chunks(sorted(steps)):
        evidence = session.execute(
            select(status_change_evidence.c.status_change_id, Citation.updated_at)
            .join(Citation, Citation.id == status_change_evidence.c.citation_id)
            .where(one_of(session, status_change_evidence.c.status_change_id, batch))
        )
        for step_id, updated_at in evidence:
            claim_id = steps[step_id]
            changed[claim_id] = max(updated_at, changed.get(claim_id, updated_at))
    for claim_id, at in changed.items():
        verdict = data.verdicts[claim_id]
        data.verdicts[claim_id] = VerdictRow(
            claim_id, verdict.reviewer_id, verdict.note, verdict.at, at
        )
    reviewer_ids = {v.reviewer_id for v in data.verdicts.values() if v.reviewer_id}
    for batch in chunks(sorted(reviewer_ids)):
        data.user_names.update(
            session.execute(select(User.id, User.name).where(one_of(session, User.id, batch))).all()
        )


def _load_checks(session: Session, data: AuditData) -> None:
    """The latest check of each document in scope (the newest row by id per document)."""
    for batch in chunks(sorted(data.documents)):
        newest = (
            select(func.max(SourceCheck.id).label("id"))
            .where(one_of(session, SourceCheck.document_id, batch))
            .group_by(SourceCheck.document_id)
            .subquery()
        )
        rows = session.execute(
            select(
                SourceCheck.document_id,
                _raw(SourceCheck.outcome),
                SourceCheck.checked_at,
                SourceCheck.withdrawn,
                SourceCheck.diff,
                SourceCheck.final_url,
                SourceCheck.message,
                Document.archive_url,
            )
            .join(newest, newest.c.id == SourceCheck.id)
            .join(Document, Document.id == SourceCheck.document_id)
        )
        for document_id, outcome, at, withdrawn, diff, final_url, message, archive in rows:
            data.checks[document_id] = CheckRow(
                document_id, outcome, at, tuple(withdrawn or ()), len(diff or ()), final_url,
                message, bool(archive),
            )  # fmt: skip
