"""Problems onto a form's fields: the domain's messages, and the domain's beside the form's own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, Form

from factdb.errors import StaleEdit, ValidationFailed
from factdb.web.database import db, reading_from_here


def apply_errors(form: FlaskForm, error: ValidationFailed) -> None:
    """Put each domain error beside its field; errors with no field go on the form itself."""
    for name, message in error.fields.items():
        field = _find_field(form, name)
        if field is None or hasattr(field, "entries"):  # a list's own error reads best on top
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]  # type: ignore[list-item]
    if not error.fields:
        form.form_errors.append(error.message)


def _find_field(form: Form, name: str) -> Field | None:
    """Find `citations-0-document` inside FieldList/FormField nesting, or a plain field."""
    if name in form._fields:
        return form._fields[name]
    for field in form:
        if name.startswith(field.name + "-") and hasattr(field, "entries"):
            for entry in field.entries:
                if name.startswith(entry.name + "-"):
                    return _find_field(entry.form, name[len(entry.name) + 1 :])
    return None


def add_domain_errors(form: FlaskForm, save: Callable[[], Any], names: dict[str, str]) -> None:
    """Name the domain's problems too, beside the form's own, so no second round is needed.

    The form's checks (an address, a date) failed; the domain's (a length, a tag) would
    otherwise only show once those are put right. The save is tried and always undone: the
    refused form is shown again without the write lock. A forged form (no CSRF token) is
    not tried at all. A field the form already faulted keeps its own message.
    """
    if "csrf_token" not in form.errors:
        try:
            save()
            db().flush()
        except ValidationFailed as error:
            faulted = set(_faulted_fields(form))
            renamed = {names.get(name, name): text for name, text in error.fields.items()}
            error.fields = {name: text for name, text in renamed.items() if name not in faulted}
            if error.fields:
                apply_errors(form, error)
        except (StaleEdit, ValueError):
            pass  # told when the form's own problems are put right
    reading_from_here()


def _faulted_fields(form: Form) -> Iterator[str]:
    """The names of the fields, nested ones too, that already carry an error."""
    for field in form:
        if hasattr(field, "entries"):
            for entry in field.entries:
                if hasattr(entry, "form"):
                    yield from _faulted_fields(entry.form)
        elif field.errors:
            yield field.name
