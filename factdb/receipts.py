"""One-time form tokens: a new-record form sent twice creates one record.

A browser's back-and-resubmit or a retried POST sends the same form again, CSRF token
and all. The form carries a token made when it was rendered; the save records the token
with what it created in the same transaction, and a second save with that token finds
the receipt instead of creating another record.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from factdb.models import FormReceipt, utcnow

#: Receipts older than this are dropped: nobody resubmits a form a day later.
KEPT_FOR = timedelta(days=1)
#: Longer tokens are not ours; they are ignored rather than stored.
MAX_TOKEN = 64


class Receipt(NamedTuple):
    """What an earlier save of a form created: "claim" #31."""

    kind: str
    record_id: int


def new_form_token() -> str:
    """A fresh token for a rendered form, made without touching the database."""
    return secrets.token_urlsafe(24)


def usable(token: str | None) -> str | None:
    """The token if a form sent one we could have made; None for no token (old page, script)."""
    token = (token or "").strip()
    return token if 0 < len(token) <= MAX_TOKEN else None


def already_saved(session: Session, token: str | None) -> Receipt | None:
    """What an earlier save of this form created, or None."""
    if token is None:
        return None
    row = session.execute(
        select(FormReceipt.kind, FormReceipt.record_id).where(FormReceipt.token == token)
    ).first()
    return Receipt(row.kind, row.record_id) if row else None


def record_receipt(session: Session, token: str, kind: str, record_id: int) -> Receipt | None:
    """Record that this form created `kind` #`record_id`, in the caller's transaction.

    Returns the earlier receipt instead when a copy of the form sent at the same time
    saved first (the unique token refuses the second); the caller then rolls back.
    Receipts older than a day are purged here, so the table stays small without a job.
    """
    session.execute(delete(FormReceipt).where(FormReceipt.created_at < utcnow() - KEPT_FOR))
    try:
        with session.begin_nested():
            session.add(FormReceipt(token=token, kind=kind, record_id=record_id))
    except IntegrityError:
        return already_saved(session, token)
    return None
