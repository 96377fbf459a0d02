"""The web side of one-time form tokens: the hidden field and the answer to a repeated save."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from flask_wtf import FlaskForm
from wtforms import HiddenField

from factdb.receipts import Receipt, new_form_token, usable


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


def repeated_answer(receipt: Receipt) -> Any:
    """Send a form saved before to what it created, saying so."""
    flash(f"This form was already saved as {receipt.kind} #{receipt.record_id}.", "info")
    return redirect(url_for(f"{receipt.kind}s.detail", **{f"{receipt.kind}_id": receipt.record_id}))
