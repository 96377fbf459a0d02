"""Which findings an audit of a selection reports: one rule for the page, the API and the command."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, select, union
from sqlalchemy.orm import Session

from factdb.audit.kept import Scope
from factdb.claims.queries import ClaimFilters, matching_claims_query
from factdb.models import Claim, Document, Source
from factdb.models.base import MAX_ID


def audit_scope(
    session: Session, *, claim_ids: Collection[int] = (), filters: ClaimFilters | None = None
) -> Scope:
    """The claims named, with those the filters match (and the filters' document itself).

    Nothing named and nothing filtered is the whole database.
    """
    filtered = filters is not None and not filters.is_unfiltered()
    if not claim_ids and not filtered:
        return Scope()
    parts: list[Select] = []
    if claim_ids:
        parts.append(select(Claim.id).where(Claim.id.in_(list(claim_ids))))
    if filtered:
        parts.append(matching_claims_query(session, filters))  # type: ignore[arg-type]
    claims = parts[0] if len(parts) == 1 else union(*parts)
    document = filters.document_id if filtered else None  # type: ignore[union-attr]
    return Scope(claims, (document,) if document is not None else ())  # type: ignore[arg-type]


def missing_records(
    session: Session,
    *,
    claim_ids: Collection[int] = (),
    document_id: int | None = None,
    source_id: int | None = None,
) -> list[str]:
    """Name each claim, document or source of a selection that does not exist ("claim #9").

    An audit of a mistyped id would otherwise report "0 findings" and pass a check.
    """
    named = [(Claim, "claim", claim_id) for claim_id in dict.fromkeys(claim_ids)]
    named += [(Document, "document", document_id)] if document_id is not None else []
    named += [(Source, "source", source_id)] if source_id is not None else []
    return [
        f"{noun} #{record_id}"
        for model, noun, record_id in named
        if not 0 < record_id <= MAX_ID or session.get(model, record_id) is None
    ]
