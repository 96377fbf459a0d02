"""Form receipts: which record a one-time form token created."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from factdb.models.base import Base, utcnow


class FormReceipt(Base):
    """A new-record form that was saved, so that sending it again creates nothing.

    The token is made when the form is rendered; it is unique, so two copies of one
    form sent at once cannot both save.
    """

    __tablename__ = "form_receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    #: The record's noun: "claim", "source", "document" or "note".
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, index=True
    )
