"""Working as a team: who a claim is assigned to, notes, saved views and notifications."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from factdb.models.base import Base, Tracked, utcnow


class Assignment(Base):
    """The editor who researches a claim and the reviewer who judges it (one row per claim)."""

    __tablename__ = "assignment"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True
    )
    editor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True, index=True
    )
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True, index=True
    )
    #: Set when a reviewer sends the claim back from review; cleared by the next move.
    returned: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )


class ClaimNote(Tracked, Base):
    """One message in a claim's discussion, apart from the verdict's note."""

    __tablename__ = "claim_note"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), nullable=False, index=True
    )
    text: Mapped[str] = mapped_column(Text, nullable=False)


class SavedView(Base):
    """A claims list as filtered, kept under a name, for its owner or the whole team."""

    __tablename__ = "saved_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True
    )
    #: The list's query string (`status=in_review&tag=budget`), as the list reads it.
    query: Mapped[str] = mapped_column(String(2000), nullable=False, default="")
    shared: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    #: The secret in the view's Atom feed address, so that feed readers need no log-in.
    feed_key: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    #: When it was last changed (shared, say): the navigation lists the shared views most
    #: recently updated.
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, onupdate=utcnow
    )


class Notification(Base):
    """Something that happened to a user's work: an assignment, a return, a verdict, a mention."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), nullable=True, index=True
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )
    message: Mapped[str] = mapped_column(String(500), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


# The navigation counts a user's unread notifications on every page.
Index("ix_notification_user_id_read_at", Notification.user_id, Notification.read_at)
Index("ix_saved_view_shared", SavedView.shared)
