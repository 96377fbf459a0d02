"""A form sent with an outdated CSRF token: shown again with what was typed, never saved.

Logging out and in again (in another tab) gives the browser a new CSRF secret, so every
form opened before carries a token that no longer matches. For a logged-in user sending
one of this site's own forms (same origin), the view runs as if the form were refused:
`save_form` writes nothing and names the problem, and the page carries a fresh token. A
request from another site, or with no token at all, is still refused outright (400).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import current_app, g, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from factdb.web.auth import current_user
from factdb.web.database import db

F = TypeVar("F", bound=Callable[..., Any])

STALE_FORM = (
    "Your log-in changed since this page was opened; check and save again. Nothing was saved yet."
)
#: For someone who is no longer logged in, on the 400 page.
LOGGED_OUT = (
    "You are no longer logged in, so nothing was saved. Log in in a new tab, then come "
    "back to this tab, go back to your form and save again: it is shown again with what "
    "you typed, to check and save."
)


def keeps_typed_text(view: F) -> F:
    """Mark a view whose form, sent with an outdated token, is shown again (via save_form)."""
    view.keeps_typed_text = True  # type: ignore[attr-defined]
    return view


def is_stale() -> bool:
    """Whether this request's form came with an outdated token (show it again, save nothing)."""
    return bool(g.get("stale_token"))


def show_again() -> Any | None:
    """Run the view for a form with an outdated token, or None when it is to be refused."""
    view = current_app.view_functions.get(request.endpoint or "")
    if (
        current_user() is None
        or not getattr(view, "keeps_typed_text", False)
        or not request.form.get("csrf_token")
        or not _same_origin()
    ):
        return None
    g.stale_token = True
    # Belt and braces: whatever the view does, this request commits nothing.
    event.listen(db(), "before_commit", _refuse_commit)
    try:
        return current_app.ensure_sync(view)(**(request.view_args or {}))
    except Exception as error:  # a guard's refusal (403), a missing record (404): as ever
        return current_app.handle_user_exception(error)


def _same_origin() -> bool:
    """Whether the form was sent from one of this site's own pages (Origin, else Referer)."""
    sent = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(sent)
    return bool(parts.netloc) and (parts.scheme, parts.netloc) == (request.scheme, request.host)


def _refuse_commit(_session: Session) -> None:
    raise RuntimeError("A form with an outdated CSRF token must not write.")
