"""The record of decisions: status changes (append-only) and field-level edits."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, String, Table, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factdb.models.base import Base, enum_column, utcnow
from factdb.vocab import Status

if TYPE_CHECKING:
    from factdb.models.claim import Citation
    from factdb.models.user import User


status_change_evidence = Table(
    "status_change_evidence",
    Base.metadata,
    Column(
        "status_change_id",
        ForeignKey("status_change.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "citation_id",
        ForeignKey("citation.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class StatusChange(Base):
    """One step of a claim's review. Rows are never edited or deleted."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), nullable=False, index=True
    )
    from_status: Mapped[Status] = mapped_column(enum_column(Status, "from_status"), nullable=False)
    to_status: Mapped[Status] = mapped_column(enum_column(Status, "to_status"), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    #: Set when no one decided this step: the edit (of the claim's text or of a citation
    #: used as evidence) that made the verdict before it no longer apply.
    cause_change_id: Mapped[int | None] = mapped_column(ForeignKey("change.id"), nullable=True)

    reviewer: Mapped[User | None] = relationship(lazy="raise_on_sql")
    evidence: Mapped[list[Citation]] = relationship(
        secondary=status_change_evidence, lazy="raise_on_sql", order_by="Citation.id"
    )


class Change(Base):
    """Who changed which fields of a record, from what to what, and when."""

    __tablename__ = "change"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20), nullable=False)
    entity_id: Mapped[int] = mapped_column(nullable=False)
    #: The claim a change belongs to (for claims and their citations), for the claim timeline.
    claim_id: Mapped[int | None] = mapped_column(nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    #: {field: [old, new]}
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    user: Mapped[User | None] = relationship(lazy="raise_on_sql")


Index("ix_change_entity", Change.entity, Change.entity_id)


@event.listens_for(StatusChange, "before_update")
@event.listens_for(StatusChange, "before_delete")
def _refuse_rewriting_history(_mapper: Any, _connection: Any, target: StatusChange) -> None:
    raise PermissionError(f"status change {target.id} is part of the review history and is final")
