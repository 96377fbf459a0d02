"""Counters kept by database triggers, so that lists need not count 100,000 rows per request."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from factdb.models.base import Base


class ClaimStatusCount(Base):
    """How many claims stand at each status; maintained by triggers on `claim`."""

    __tablename__ = "claim_status_count"

    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class DataRevision(Base):
    """A number that grows with every write to what the audit reads; kept by triggers.

    Work derived from the whole database (the audit report) is kept while this
    number stands still. Triggers, not the write paths, keep it, so that no way
    of writing (forms, API, import, SQL by hand) can leave a stale report behind.
    """

    __tablename__ = "data_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
