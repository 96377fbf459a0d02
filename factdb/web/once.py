"""The web side of one-time form tokens: the hidden field, the receipt, the answer to a repeat."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from flask_wtf import FlaskForm
from wtforms import HiddenField

from factdb.receipts import Receipt, already_saved, new_form_token, record_receipt, usable
from factdb.web.database import db


def once_token_field() -> HiddenField:
    """A hidden field holding a token made when the form is rendered (no query on the page)."""
    return HiddenField(default=new_form_token)


def sent_token(form: FlaskForm) -> str | None:
    """The token the browser sent, or None when it sent none (an old page, a script).

    The field's data is its fresh default when nothing was sent, so read what was sent.
    """
    field = getattr(form, "once_token", None)
    sent = getattr(field, "raw_data", None) or []
    return usable(sent[0]) if sent else None


def saved_before(form: FlaskForm) -> Receipt | None:
    """What an earlier save of this very form created, or None (ask before saving)."""
    return already_saved(db(), sent_token(form))


def keep_receipt(form: FlaskForm, kind: str, record_id: int) -> Receipt | None:
    """Record, before the commit, that this form created `kind` #`record_id`.

    Returns the earlier receipt, with this request's writes rolled back, when a copy of
    the form sent at the same moment saved first; the caller then answers as for a repeat.
    """
    token = sent_token(form)
    if token is None:
        return None
    earlier = record_receipt(db(), token, kind, record_id)
    if earlier is not None:
        db().rollback()
    return earlier


def repeated_answer(receipt: Receipt, location: str | None = None) -> Any:
    """Send a form saved before to what it created (or to `location`), saying so."""
    flash(f"This form was already saved as {receipt.kind} #{receipt.record_id}.", "info")
    return redirect(
        location or url_for(f"{receipt.kind}s.detail", **{f"{receipt.kind}_id": receipt.record_id})
    )
