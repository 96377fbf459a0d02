"""Which claims and documents an export covers: one rule for the page, the API and the command."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.claims.queries import ClaimFilters, matching_claim_ids
from factdb.models import Claim, Document, Tag
from factdb.text import tag_name


@dataclass(frozen=True)
class ExportScope:
    """Claim and document ids for `export()`: both None for the whole database.

    `citing` says the documents were chosen on their own (no claim named, no claim filter),
    so a format of claims takes the claims citing them; under a filter the claims are exactly
    the ones it matches, and a filter on a document must not bring in its other claims.
    """

    claim_ids: list[int] | None
    document_ids: list[int] | None
    citing: bool = False

    @property
    def everything(self) -> bool:
        return self.claim_ids is None and self.document_ids is None

    def refuses(self, count: int) -> bool:
        """Whether an export holding `count` items is refused rather than given as an empty file.

        A selection or filter that matches nothing is most likely a mistake; the whole of an
        empty library is not, and gives its empty (valid) file.
        """
        return not count and not self.everything


def missing_from_scope(
    session: Session,
    *,
    claim_ids: Collection[int] = (),
    document_ids: Collection[int] = (),
    tag: str = "",
) -> list[str]:
    """What an export names that is not recorded ("No claim #99999."), so nothing is not a success.

    A command that exported nothing for a mistyped id used to print nothing and succeed.
    """
    missing = []
    for model, noun, wanted in ((Claim, "claim", claim_ids), (Document, "document", document_ids)):
        ids = sorted(set(wanted))
        found = set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()
        missing += [f"No {noun} #{record_id}." for record_id in ids if record_id not in found]
    if tag.strip() and session.scalar(select(Tag.id).where(Tag.name == tag_name(tag))) is None:
        missing.append(f"No claim has the tag \u201c{tag.strip()}\u201d.")
    return missing


def export_scope(
    session: Session,
    *,
    claim_ids: Collection[int] = (),
    document_ids: Collection[int] = (),
    filters: ClaimFilters | None = None,
) -> ExportScope:
    """The claims named, those the filters match, and the documents named; nothing named is all.

    A filter that matches no claim exports nothing, not everything. A filter on a document
    exports that document too, as the audit of it covers it: a document no claim cites yet
    (an imported reference) was otherwise left out of its own export.
    """
    filtered = filters is not None and not filters.is_unfiltered()
    claims = list(claim_ids)
    documents = list(document_ids)
    if filtered:
        claims += matching_claim_ids(session, filters)  # type: ignore[arg-type]
        if filters.document_id is not None and filters.document_id not in documents:  # type: ignore[union-attr]
            documents.append(filters.document_id)  # type: ignore[union-attr]
    if not claims and not documents and not filtered:
        return ExportScope(None, None)
    return ExportScope(claims, documents, citing=not claims and not filtered)
