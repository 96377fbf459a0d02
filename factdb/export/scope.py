"""Which claims and documents an export covers: one rule for the page, the API and the command."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.orm import Session

from factdb.claims.queries import ClaimFilters, matching_claim_ids


@dataclass(frozen=True)
class ExportScope:
    """Claim and document ids for `export()`: both None for the whole database."""

    claim_ids: list[int] | None
    document_ids: list[int] | None

    @property
    def everything(self) -> bool:
        return self.claim_ids is None and self.document_ids is None


def export_scope(
    session: Session,
    *,
    claim_ids: Collection[int] = (),
    document_ids: Collection[int] = (),
    filters: ClaimFilters | None = None,
) -> ExportScope:
    """The claims named, those the filters match, and the documents named; nothing named is all.

    A filter that matches no claim exports nothing, not everything.
    """
    filtered = filters is not None and not filters.is_unfiltered()
    claims = list(claim_ids)
    if filtered:
        claims += matching_claim_ids(session, filters)  # type: ignore[arg-type]
    if not claims and not document_ids and not filtered:
        return ExportScope(None, None)
    return ExportScope(claims, list(document_ids))
