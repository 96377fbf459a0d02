"""Helpers shared by the forms: choices from the vocabularies, and domain errors onto fields."""

from __future__ import annotations

from enum import StrEnum

from flask_wtf import FlaskForm
from wtforms import Field, Form
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from factdb.errors import ValidationFailed
from factdb.text import is_web_url, parse_partial_date


def choices(enum: type[StrEnum]) -> list[SelectChoice]:
    return [SelectChoice(member.value, member.label) for member in enum]  # type: ignore[attr-defined]


def web_url(_form: Form, field: Field) -> None:
    """WTForms validator: empty, or an absolute http(s) URL."""
    if field.data and not is_web_url(field.data.strip()):
        raise ValidationError("Give a full web address starting with http:// or https://.")


def partial_date(_form: Form, field: Field) -> None:
    """WTForms validator: empty, YYYY, YYYY-MM or YYYY-MM-DD."""
    try:
        parse_partial_date(field.data or "")
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def apply_errors(form: FlaskForm, error: ValidationFailed) -> None:
    """Put each domain error beside its field; errors with no field go on the form itself."""
    for name, message in error.fields.items():
        field = _find_field(form, name)
        if field is None:
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
