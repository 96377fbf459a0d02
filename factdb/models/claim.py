"""Claims, their tags, and the citations that tie them to documents and speakers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM, MAX_TAG_LENGTH
from factdb.models.base import Base, Tracked, owned, utcnow
from factdb.vocab import QuoteType, Relation, Status

if TYPE_CHECKING:
    from factdb.models.document import Document
    from factdb.models.source import Source


claim_tag = Table(
    "claim_tag",
    Base.metadata,
    Column("claim_id", ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_TAG_LENGTH), nullable=False, unique=True)


#: The columns of the claim's declared fields (factdb.declarations.claim).
ClaimFields = type("ClaimFields", (), CLAIM.columns())


class Claim(ClaimFields, Tracked, Base):
    __tablename__ = "claim"

    text: Mapped[str]
    context: Mapped[str]
    status: Mapped[Status]
    #: The reviewer's explanation of the current verdict.
    verdict: Mapped[str]
    #: When the claim's text (the words a verdict judges) last changed, and who changed it:
    #: that person counts as an author for the four-eyes rule.
    text_changed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    text_changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)

    tags: Mapped[list[Tag]] = relationship(
        secondary=claim_tag, lazy="raise_on_sql", order_by="Tag.name"
    )
    citations: Mapped[list[Citation]] = owned("claim", "Citation.id")

    def __repr__(self) -> str:
        return f"<Claim {self.id} {self.status}>"


#: The columns of the declared fields (the two references are declared below, with their rules
#: on deletion), one per field, as the declaration types and limits them.
CitationFields = type("CitationFields", (), CITATION.columns(skip=("document_id", "speaker_id")))


class Citation(CitationFields, Tracked, Base):
    """Where a claim appears, whose words they are, and how it bears on the claim."""

    __tablename__ = "citation"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), nullable=False, index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="RESTRICT"), nullable=False
    )
    #: The source the words are attributed to; empty when the document asserts it itself.
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("source.id", ondelete="RESTRICT"), nullable=True
    )
    #: The declared fields (factdb.declarations.citation) are columns of CitationFields.
    relation: Mapped[Relation]
    quote: Mapped[str]
    quote_type: Mapped[QuoteType]
    locator: Mapped[str]
    speaker_role: Mapped[str]

    claim: Mapped[Claim] = relationship(back_populates="citations", lazy="raise_on_sql")
    document: Mapped[Document] = relationship(lazy="raise_on_sql")
    speaker: Mapped[Source | None] = relationship(lazy="raise_on_sql")


Index("ix_claim_status_id", Claim.status, Claim.id)
# The statuses of many claims by id (a source's, a search's) without reading their wide rows.
Index("ix_claim_id_status", Claim.id, Claim.status)
# A source's or a document's claims are read from these indexes alone, without
# visiting each citation row (5,000 of them for a much-quoted source); a source's own
# words and those reported second-hand are told apart by the relation in the index.
Index(
    "ix_citation_speaker_id_claim_id_relation",
    Citation.speaker_id,
    Citation.claim_id,
    Citation.relation,
)
Index("ix_citation_document_id_claim_id", Citation.document_id, Citation.claim_id)
# The claims sorted by update, then by id: the order of the list, read from the index.
Index("ix_claim_updated_at_id", Claim.updated_at, Claim.id)
Index("ix_claim_created_at", Claim.created_at)
# The claims in review with no reviewer, least recently updated first (the reviewers' queue).
Index("ix_claim_status_updated_at_id", Claim.status, Claim.updated_at, Claim.id)
