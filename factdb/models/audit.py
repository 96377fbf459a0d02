"""Stored results of quote checks, and the audit findings kept up to date with every write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from factdb.models.base import Base, utcnow


class QuoteCheckResult(Base):
    """The outcome of checking one quote against one version of a document's text.

    Keyed by a hash of the normalised quote and of the text, so an edit to either
    simply misses the cache; stale rows are harmless and pruned by the audit.
    """

    __tablename__ = "quote_check"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(12), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    checked_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


class AuditFinding(Base):
    """One audit finding, kept up to date with the records it is about.

    Rows are written only by factdb.audit.maintained: recomputed for what each
    write touches (in the write's own transaction), or all at once by a rebuild.
    """

    __tablename__ = "audit_finding"
    __table_args__ = (
        Index("ix_audit_finding_order", "severity_order", "rule", "subject_id", "id"),
        Index("ix_audit_finding_rule", "rule", "subject_id", "id"),
        Index("ix_audit_finding_claim_id", "claim_id"),
        Index("ix_audit_finding_document_id", "document_id"),
        Index("ix_audit_finding_source_id_rule", "source_id", "rule"),
        Index("ix_audit_finding_other_claim_id", "other_claim_id"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(32), nullable=False)
    #: 0 error, 1 warning, 2 info: the order findings are listed in.
    severity_order: Mapped[int] = mapped_column(Integer, nullable=False)
    #: What the finding is about, for ordering: its claim, else its document, else its source.
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    claim_id: Mapped[int | None] = mapped_column(Integer)
    citation_id: Mapped[int | None] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(Integer)
    source_id: Mapped[int | None] = mapped_column(Integer)
    #: The second claim of a likely duplicate pair.
    other_claim_id: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, nullable=False)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)


class AuditPending(Base):
    """A record a write touched whose findings are not yet recomputed; filled by triggers.

    `kind` is claim, document, document_cited (a citation of it came or went), source,
    source_self (only the source's own findings) or user.
    """

    __tablename__ = "audit_pending"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    ref: Mapped[int] = mapped_column(Integer, nullable=False)


class AuditClaimKey(Base):
    """The keys under which a claim's likely duplicates are looked for (see audit.rules)."""

    __tablename__ = "audit_claim_key"
    __table_args__ = (Index("ix_audit_claim_key_key", "key", "claim_id"),)

    claim_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    #: The claim's text as compared (case and punctuation folded).
    folded: Mapped[str] = mapped_column(Text, nullable=False)


class AuditRuleCount(Base):
    """How many kept findings each rule has; kept by factdb.audit.maintained as it writes them."""

    __tablename__ = "audit_rule_count"

    rule: Mapped[str] = mapped_column(String(32), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
