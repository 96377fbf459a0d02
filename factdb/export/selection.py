"""Load what an export needs, in bulk: the documents behind a selection of claims."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from factdb.audit.data import chunks
from factdb.models import Citation, Claim, Document, DocumentAuthor, Source, StatusChange


@dataclass
class Selection:
    """Claims (with citations, speakers, documents) and the documents they cite, in order."""

    claims: list[Claim]
    documents: list[Document]


def _document_options():
    # Parents too: a source may also be a speaker, and must not arrive without its parent.
    return (
        selectinload(Document.authors)
        .selectinload(DocumentAuthor.source)
        .selectinload(Source.parent)
    )


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
                    selectinload(Citation.speaker).selectinload(Source.parent),
                    selectinload(Citation.document).options(_document_options()),
                ),
            )
            .order_by(Claim.id)
        ).all()
    wanted = set(document_ids or []) | {c.document_id for claim in claims for c in claim.citations}
    documents: list[Document] = []
    for batch in chunks(sorted(wanted)):
        documents += session.scalars(
            select(Document)
            .where(Document.id.in_(batch))
            .options(_document_options())
            .order_by(Document.id)
        ).all()
    return Selection(claims, documents)


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
