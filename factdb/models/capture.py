"""Evidence of what a web page said: captures (with their WARC), later checks, quote anchors."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from factdb.models.base import Base, enum_column, utcnow
from factdb.vocab import Labelled


class Capture(Base):
    """One fetch of a document's URL kept as evidence: the response as WARC, and its hashes."""

    __tablename__ = "capture"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), nullable=True
    )
    requested_url: Mapped[str] = mapped_column(String(2000), nullable=False)
    #: Where the redirects ended.
    final_url: Mapped[str] = mapped_column(String(2000), nullable=False)
    http_status: Mapped[int] = mapped_column(Integer, nullable=False)
    content_type: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    fetched_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    #: SHA-256 of the response body as received, and of the text extracted from it.
    body_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    text_sha256: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    body_size: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: The text extracted at capture time: what later checks compare the live page with.
    text: Mapped[str] = deferred(mapped_column(Text, nullable=False, default=""))
    #: The metadata read from the page (title, authors, dates, ...), as extracted.
    page_metadata: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    #: [[status, url], ...] of each redirect followed.
    redirects: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    #: The gzipped WARC file, kept in the database unless a WARC folder is set.
    warc: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))
    #: The WARC's file name inside the WARC folder, when kept there instead.
    warc_path: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    warc_size: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: Why no WARC was kept (too large, ...), empty when it was.
    warc_note: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    archive_state: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    archive_message: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )


class CheckOutcome(Labelled):
    ALIVE = "alive", "alive, unchanged"
    CHANGED = "changed", "changed"
    MOVED = "moved", "moved"
    GONE = "gone", "gone"
    UNREACHABLE = "unreachable", "could not check"


class SourceCheck(Base):
    """One later visit to a document's URL: is it still there, and does it still say the same?"""

    __tablename__ = "source_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), nullable=False
    )
    checked_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    outcome: Mapped[CheckOutcome] = mapped_column(
        enum_column(CheckOutcome, "check_outcome"), nullable=False
    )
    http_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    final_url: Mapped[str] = mapped_column(String(2000), nullable=False, default="")
    body_sha256: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    text_sha256: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    #: Word-level changes against the compared text: [{"op", "old", "new"}, ...] (bounded).
    diff: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    #: Ids of citations whose quote the compared text had and the live page no longer has.
    withdrawn: Mapped[list[int]] = mapped_column(JSON, nullable=False, default=list)
    message: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    job_id: Mapped[int | None] = mapped_column(
        ForeignKey("job.id", ondelete="SET NULL"), nullable=True
    )


class QuoteAnchor(Base):
    """Where a citation's quote sits in its document's stored text (W3C Web Annotation selectors).

    A TextQuoteSelector (the exact words, with up to 32 characters before and after)
    and a TextPositionSelector (start and end offsets), so that the quote can be found
    again when the stored text is corrected, as Hypothesis re-anchors annotations.
    """

    __tablename__ = "quote_anchor"

    citation_id: Mapped[int] = mapped_column(
        ForeignKey("citation.id", ondelete="CASCADE"), primary_key=True
    )
    exact: Mapped[str] = mapped_column(Text, nullable=False)
    prefix: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    suffix: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    #: The document text (its SHA-256) the offsets refer to.
    text_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    #: "exact" where the words were found as given, "fuzzy" after re-anchoring to a close passage.
    state: Mapped[str] = mapped_column(String(10), nullable=False, default="exact")
    anchored_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)


Index("ix_source_check_document_id_checked_at", SourceCheck.document_id, SourceCheck.checked_at)
Index("ix_capture_document_id_fetched_at", Capture.document_id, Capture.fetched_at)
