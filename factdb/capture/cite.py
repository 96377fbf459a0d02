"""Cite a passage: a selected quote from a document's stored text becomes a citation, anchored."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from factdb.capture.anchors import anchor_citation
from factdb.claims import ClaimInput
from factdb.claims.queries import get_claim
from factdb.claims.write import CitationInput, save_claim, unchanged_citations
from factdb.errors import NotFound, ValidationFailed
from factdb.models import Citation, Document, QuoteAnchor, User
from factdb.vocab import QuoteType, Relation


@dataclass
class Passage:
    """What the reader selected, and what the citation should say about it."""

    document_id: int
    quote: str
    claim_id: int | None = None
    claim_text: str = ""
    speaker: str = ""
    relation: Relation = Relation.ASSERTS
    locator: str = ""
    #: Where the selection started in the stored text, to tell repeated words apart.
    near: int | None = None


def cite_passage(
    session: Session, user: User, passage: Passage
) -> tuple[Citation, QuoteAnchor | None]:
    """Add a citation of the passage to a claim (an existing one, or a new one), anchored."""
    document = session.get(Document, passage.document_id)
    if document is None:
        raise NotFound(f"There is no document {passage.document_id}.")
    quote = passage.quote.strip()
    if not quote:
        raise ValidationFailed("Select the words to cite.", {"quote": "Select the words to cite."})
    entry = CitationInput(
        document_id=document.id,
        speaker=passage.speaker,
        relation=passage.relation,
        quote=quote,
        quote_type=QuoteType.DIRECT,
        locator=passage.locator,
    )
    if passage.claim_id is not None:
        claim = get_claim(session, passage.claim_id)
        data = ClaimInput(
            text=claim.text,
            context=claim.context,
            tags=[tag.name for tag in claim.tags],
            citations=[*unchanged_citations(claim), entry],
        )
        result = save_claim(session, user, data, claim_id=claim.id, expected_version=claim.version)
    else:
        if not passage.claim_text.strip():
            raise ValidationFailed(
                "Choose the claim this passage bears on, or write a new one.",
                {"claim": "Choose a claim or write a new one."},
            )
        result = save_claim(session, user, ClaimInput(text=passage.claim_text, citations=[entry]))
    citation = max(
        (c for c in result.claim.citations if c.document_id == document.id and c.quote == quote),
        key=lambda c: c.id,
    )
    return citation, anchor_citation(session, citation, document.full_text, near=passage.near)
