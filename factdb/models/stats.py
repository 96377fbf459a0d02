"""Counters kept by database triggers, so that lists need not count 100,000 rows per request."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from factdb.models.base import Base


class ClaimStatusCount(Base):
    """How many claims stand at each status; maintained by triggers on `claim`."""

    __tablename__ = "claim_status_count"

    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class TagStatusCount(Base):
    """How many claims with a tag stand at each status; maintained by triggers.

    Kept by triggers on `claim_tag` and `claim` (migration 0031), so the list filtered by a
    tag counts by status without reading its claims.
    """

    __tablename__ = "tag_status_count"

    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
