"""Stored results of quote checks, so that re-running the audit is fast."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, String
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
