"""A claim form refused over someone else's newer save, moved onto their version.

What you had left alone takes their value, so that saving again writes only what you changed
(factdb.unseen.unseen_changes decides, field by field).
"""

from __future__ import annotations

import json
from typing import Any

from factdb.claims.stale import claim_values
from factdb.models import Citation, Claim
from factdb.unseen import UnseenChange, unseen_changes
from factdb.web.form_conflicts import as_sent, opened_values
from factdb.web.forms import whole_number


def citation_row(citation: Citation) -> dict[str, str]:
    """A saved citation as a row of the form."""
    return {
        "id": str(citation.id),
        "version": str(citation.version),
        "document_id": str(citation.document_id),
        "document": citation.document.title,
        "speaker_id": str(citation.speaker_id or ""),
        "speaker": citation.speaker.name if citation.speaker else "",
        "relation": citation.relation.value,
        "quote": citation.quote,
        "quote_type": citation.quote_type.value,
        "locator": citation.locator,
    }


def unseen_line(change: UnseenChange) -> dict[str, Any]:
    """One change someone else made meanwhile, in words: "Citation #12 quote"."""
    parts = change.key.split(":")
    what = (
        f"Citation #{parts[1]} {parts[2].replace('_', ' ')}"
        if parts[0] == "citation"
        else {"text": "Claim text"}.get(parts[0], parts[0].capitalize())
    )
    return {"what": what, "before": change.before, "after": change.after, "taken": change.taken}


#: The citation fields compared after a conflict; a reference's hidden id follows its text.
_COMPARED = ("document", "speaker", "relation", "quote", "quote_type", "locator")
_IDS = {"document": "document_id", "speaker": "speaker_id"}


def _sent_values(form: Any) -> dict[str, str]:
    """The form's fields as sent, keyed as factdb.claims.stale.claim_values keys them.

    Browsers send a text area's line breaks as CRLF; they count as the "\n" that was opened.
    """
    values = {
        "text": form.text.data or "",
        "context": form.context.data or "",
        "tags": form.tags.data or "",
    }
    for entry in form.citations.entries:
        citation_id = whole_number(entry.form.id.data)
        if citation_id is not None:
            for name in _COMPARED:
                values[f"citation:{citation_id}:{name}"] = getattr(entry.form, name).data or ""
    return {key: as_sent(value) for key, value in values.items()}


def stand_on_their_version(form: Any, theirs: Claim) -> tuple[list[UnseenChange], set[int]]:
    """After a refused save, move the form onto their version without losing what you typed.

    Versions move to theirs, so that saving again goes through. A field you had left alone
    takes their value, a citation they added joins the form and one they removed that you
    had left alone leaves it: saving again then writes only what you changed. A citation
    they removed that you changed comes back as a new one. Returns their changes and the
    ids of the citations taken out of the form.
    """
    current = {citation.id: citation for citation in theirs.citations}
    opened, mine, now = opened_values(form), _sent_values(form), claim_values(theirs)
    changes = unseen_changes(opened, mine, now) if opened is not None else []
    taken = {change.key for change in changes if change.taken}
    for name in ("text", "context", "tags"):
        if name in taken:
            getattr(form, name).data = now[name]
    rows: list[dict[str, Any]] = []
    dropped: set[int] = set()
    for entry in form.citations.entries:
        row = entry.form
        citation_id = whole_number(row.id.data)
        if citation_id is not None and citation_id in current:
            _move_row(row, current[citation_id], taken, now)
        elif citation_id is not None:
            if _left_alone(citation_id, opened, mine):
                dropped.add(citation_id)
                continue
            row.id.data = row.version.data = ""
        rows.append(row.data)
    added = _added_since(theirs, opened, rows) if opened is not None else []
    if opened is not None:
        form.opened.data = json.dumps(now, ensure_ascii=False)
    if dropped or added:
        while form.citations.entries:
            form.citations.pop_entry()
        for row in rows:
            form.citations.append_entry(row)
    return changes, dropped


def _move_row(row: Any, their: Citation, taken: set[str], now: dict[str, str]) -> None:
    """A citation row onto their version: its version, and their value of each field taken."""
    row.version.data = str(their.version)
    for name in _COMPARED:
        key = f"citation:{their.id}:{name}"
        if key in taken:
            getattr(row, name).data = now[key]
            if name in _IDS:
                reference = getattr(their, name)
                getattr(row, _IDS[name]).data = str(reference.id) if reference else ""


def _left_alone(citation_id: int, opened: dict[str, str] | None, mine: dict[str, str]) -> bool:
    """Whether you sent a citation exactly as you opened it."""
    prefix = f"citation:{citation_id}:"
    return opened is not None and all(
        opened.get(key) == value for key, value in mine.items() if key.startswith(prefix)
    )


def _added_since(theirs: Claim, opened: dict[str, str], rows: list[dict[str, Any]]) -> list:
    """Their citations the form was opened without, put into `rows` before the empty last row."""
    seen = {whole_number(row["id"]) for row in rows}
    added = [
        citation
        for citation in theirs.citations
        if citation.id not in seen and f"citation:{citation.id}:quote" not in opened
    ]
    at = len(rows) - 1 if rows and not whole_number(rows[-1]["id"]) else len(rows)
    rows[at:at] = [citation_row(citation) for citation in added]
    return added
