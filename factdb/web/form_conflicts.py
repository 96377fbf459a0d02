"""A form refused over someone else's newer save, moved onto their version field by field.

Every edit form carries, in a hidden field, the values it was opened with. After a refused
save, a field you sent as you opened it takes their value and one you changed keeps yours
(factdb.unseen.unseen_changes decides), so that saving again writes only what you changed.
The claim form adds its citation rows to this (factdb.web.claim_conflicts); a source's or a
document's form is its declared fields, moved here.
"""

from __future__ import annotations

import json
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField

from factdb.unseen import UnseenChange, unseen_changes


def as_sent(value: object) -> str:
    """A field's value as a browser sends it back: text, a ticked box as "y", CRLF as "\n"."""
    if isinstance(value, bool):
        return "y" if value else ""
    return ("" if value is None else str(value)).replace("\r\n", "\n")


def opened_values(form: Any) -> dict[str, str] | None:
    """The values the form was opened with, or None from a page that did not send them."""
    try:
        opened = json.loads(form.opened.data or "")
    except ValueError:
        return None
    if not isinstance(opened, dict):
        return None
    return {str(key): str(value) for key, value in opened.items()}


def record_values(form: FlaskForm) -> dict[str, str]:
    """A record form's visible fields as text, by name: what is opened, sent and compared.

    Hidden fields (the version, a picked reference's id) are not compared: a reference's
    id follows the name typed beside it.
    """
    return {
        field.name: as_sent(field.data)
        for field in form
        if not isinstance(field, HiddenField | SubmitField)
    }


def open_record_form(form: FlaskForm) -> None:
    """Note in the form the values it is opened with, once it is filled from the record."""
    form.opened.data = json.dumps(record_values(form), ensure_ascii=False)  # type: ignore[attr-defined]


def stand_record_on_theirs(form: FlaskForm, theirs: FlaskForm) -> list[UnseenChange]:
    """Move a refused record form onto their version (`theirs`, filled from it).

    A field you had left alone takes their value (a reference its id too); one you changed
    keeps yours. The form is then as if opened on their version. Returns their changes.
    """
    opened, now = opened_values(form), record_values(theirs)
    if opened is None:
        return []
    changes = unseen_changes(opened, record_values(form), now)
    ids = {text: name for name, text in getattr(form, "error_fields", {}).items()}
    for change in changes:
        if change.taken:
            for name in (change.key, ids.get(change.key)):
                if name is not None:
                    form[name].data = theirs[name].data
    open_record_form(theirs)
    form.opened.data = theirs.opened.data  # type: ignore[attr-defined]
    return changes


def unseen_field_line(form: FlaskForm, change: UnseenChange) -> dict[str, Any]:
    """One change someone else made meanwhile, named by its field's label: "Publisher"."""
    return {
        "what": form[change.key].label.text,
        "before": change.before,
        "after": change.after,
        "taken": change.taken,
    }
