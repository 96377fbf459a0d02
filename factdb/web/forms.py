"""Helpers shared by the forms: choices from the vocabularies, and domain errors onto fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any

from flask import render_template, request
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    FieldList,
    Form,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from factdb.declarations.base import (
    CHOICE,
    DATE,
    FLAG,
    LONG_TEXT,
    NAMES,
    PAIRS,
    PARTIAL_DATE,
    REFERENCE,
    Record,
)
from factdb.declarations.base import Field as Declared
from factdb.documents import document_detail, documents_named
from factdb.errors import StaleEdit, ValidationFailed
from factdb.models import Document, Source
from factdb.models.base import MAX_ID
from factdb.receipts import Receipt
from factdb.sources import source_detail, sources_named
from factdb.text import LONGEST_DATE, clean, is_web_url, read_partial_date
from factdb.web.database import db, reading_from_here
from factdb.web.form_errors import add_domain_errors, apply_errors
from factdb.web.once import keep_receipt, once_token_field, saved_before
from factdb.web.stale_token import STALE_FORM, is_stale


def record_fields(record: Record, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """One WTForms field per declared field (two for a reference), without validators.

    The domain validates (one rule, one place) and `save_form` puts its messages beside
    these fields, which share its names. A reference is two fields: the name or title
    people type (`parent`) and the id a picked suggestion puts in a hidden field beside it
    (`parent_id`).
    """
    fields: dict[str, Any] = {}
    for spec in record.typed:
        if spec.name in skip:
            continue
        options = {"description": spec.description}
        if spec.kind == FLAG:
            fields[spec.name] = BooleanField(spec.label, **options)
        elif spec.kind == REFERENCE:
            fields[spec.name] = HiddenField()
            fields[spec.text_name] = StringField(spec.label, **options)
        elif spec.kind == CHOICE and spec.choices is not None:
            initial = spec.form_initial if spec.form_initial is not None else spec.default
            fields[spec.name] = SelectField(
                spec.label,
                choices=choices(spec.choices),
                default=initial.value,
                validate_choice=False,  # the domain refuses it, with the message every path gives
                **options,
            )
        elif spec.kind in (NAMES, LONG_TEXT, PAIRS):
            fields[spec.name] = TextAreaField(spec.label, render_kw=_flags(spec), **options)
        else:
            fields[spec.name] = StringField(spec.label, render_kw=_flags(spec), **options)
    return fields


def declared_field(record: Record, name: str) -> Any:
    """The one field `record_fields` makes for a declared field, for a form of other fields."""
    return record_fields(record, skip=tuple(n for n in record.by_name if n != name))[name]


def names_in_a_line(typed: str) -> list[str]:
    """The names typed on one line (a new document's authors), one per ";"-separated part."""
    return [name.strip() for name in typed.split(";") if name.strip()]


def typed_names(text: str | None) -> list[str]:
    """The names typed into a names field: one per line (blank lines are dropped later)."""
    return (text or "").splitlines()


def _flags(spec: Declared) -> dict[str, Any]:
    """The input's HTML limits: required, and no longer than the record takes (`maxlength`).

    A browser then stops typing at the limit; the domain still checks every path.
    A date may be typed written out ("September 30, 2013") before it is read to its length.
    """
    flags: dict[str, Any] = {"required": True} if spec.required else {}
    if spec.kind == PARTIAL_DATE:
        flags["maxlength"] = LONGEST_DATE
    elif spec.max_length and spec.kind != NAMES:
        flags["maxlength"] = spec.max_length
    return flags


def record_form(record: Record, submit: str, *, skip: tuple[str, ...] = ()) -> type[FlaskForm]:
    """A WTForms form of `record_fields`, a hidden version and a submit button.

    `opened` holds the values an edit form was opened with, to tell what you changed from
    what someone else changed meanwhile (factdb.web.form_conflicts).
    """
    fields: dict[str, Any] = {
        "version": HiddenField(),
        "opened": HiddenField(),
        "once_token": once_token_field(),
        **record_fields(record, skip=skip),
        "submit": SubmitField(submit),
        #: Where the domain's message about a reference goes: beside the text people typed.
        "error_fields": {
            spec.name: spec.text_name for spec in record.fields if spec.kind == REFERENCE
        },
    }
    return type(record.name.capitalize() + "Form", (FlaskForm,), fields)


@dataclass(frozen=True)
class Lookup:
    """How a form finds the record a reference field means."""

    #: The records a typed text names exactly (several when namesakes share it).
    named: Callable[[str], list[Any]]
    #: The record with an id, or None.
    get: Callable[[int], Any]
    #: The texts a record is shown with (its name; its name and detail in suggestions).
    shown_as: Callable[[Any], list[str]]


def source_lookup() -> Lookup:
    """How a form finds the source a typed name means (namesakes told apart by role or kind)."""
    return Lookup(
        named=lambda text: sources_named(db(), text),
        get=lambda source_id: db().get(Source, source_id),
        shown_as=lambda source: [source.name, f"{source.name} ({source_detail(source)})"],
    )


def document_lookup() -> Lookup:
    """How a form finds the document a typed title or URL means (namesakes told apart by outlet and date)."""
    return Lookup(
        named=lambda text: documents_named(db(), text),
        get=lambda document_id: db().get(Document, document_id),
        shown_as=lambda document: [
            document.title,
            document.url,
            f"{document.title} ({document_detail(document)})",
        ],
    )


def record_values(
    record: Record, form: FlaskForm, lookups: dict[str, Lookup] | None = None
) -> dict[str, Any]:
    """What the user typed into a `record_form`, one value per declared field it shows.

    A reference takes the id a picked suggestion left in its hidden field while the text
    beside it still names that record; otherwise the text is looked up by exact name,
    and an unknown or ambiguous one is refused beside the text, which the form keeps.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in record.fields:
        if spec.name not in form._fields:
            continue
        data = form._fields[spec.name].data
        if spec.kind == REFERENCE:
            try:
                values[spec.name] = reference_id(spec, form, (lookups or {})[spec.references])
            except ValueError as problem:
                errors[spec.text_name], values[spec.name] = str(problem), None
        elif spec.kind == NAMES:
            values[spec.name] = typed_names(data)
        elif spec.kind == FLAG:
            values[spec.name] = bool(data)
        else:
            values[spec.name] = data if data is not None else ""
    if errors:
        # Every field at once: a bad Wikidata id beside an unknown parent, not on the next save.
        try:
            record.validate(values)
        except ValidationFailed as more:
            errors = {
                name: text for name, text in more.fields.items() if name in form._fields
            } | errors
        raise ValidationFailed("Please correct the marked fields.", errors)
    return values


def reference_id(
    spec: Declared, form: Form, lookup: Lookup, *, new_allowed: bool = False
) -> int | None:
    """The id a reference field stands for, from its hidden id or else its typed text.

    An unknown text is refused (ValueError), unless `new_allowed`: then it is None, and the
    text names a record to create. Several records of that name are refused either way.
    """
    text = clean(form._fields[spec.text_name].data or "")
    if not text:
        return None
    picked = whole_number(form._fields[spec.name].data)
    if picked is not None:
        # Kept only while the text still names the picked record: without JavaScript a
        # changed name leaves the old id behind, and the text is what the person meant.
        record = lookup.get(picked) if picked <= MAX_ID else None
        if record is None:  # picked, then deleted: never a new record in its place
            raise ValueError(
                f"There is no {spec.references} {picked} any more; pick one from the suggestions."
            )
        if text in lookup.shown_as(record):
            return picked
    matches = lookup.named(text)
    if not matches and new_allowed:
        return None
    if not matches:
        raise ValueError(
            f"No {spec.references} has that name; create it first, or pick a suggestion."
        )
    if len(matches) > 1:
        raise ValueError(
            f"{len(matches)} {spec.references}s are called that; pick one of the suggestions."
        )
    return int(matches[0].id)


def fill_form(
    record: Record, form: FlaskForm, values: Any, shown: dict[str, str] | None = None
) -> None:
    """Show a stored record's declared values in its form (names lists are the caller's).

    `shown` gives the text each reference field shows beside its id (a parent's name).
    """
    for spec in record.fields:
        if spec.kind == REFERENCE and spec.name in form._fields:
            value = getattr(values, spec.name)
            form._fields[spec.name].data = "" if value is None else str(value)
            form._fields[spec.text_name].data = (shown or {}).get(spec.name, "")
        elif spec.name in form._fields and spec.kind != NAMES:
            value = getattr(values, spec.name)
            if spec.kind == CHOICE:
                value = value.value if value is not None else None
            elif spec.kind == PAIRS:
                value = json.dumps(value, ensure_ascii=False) if value else ""
            elif spec.kind == DATE:
                value = value.isoformat() if value else ""
            form._fields[spec.name].data = value


def choices(enum: type[StrEnum]) -> list[SelectChoice]:
    return [SelectChoice(member.value, member.label) for member in enum]  # type: ignore[attr-defined]


def web_url(_form: Form, field: Field) -> None:
    """WTForms validator: empty, or an absolute http(s) URL."""
    if field.data and not is_web_url(field.data.strip()):
        raise ValidationError("Give a full web address starting with http:// or https://.")


def partial_date(_form: Form, field: Field) -> None:
    """WTForms validator: a publication date as `read_partial_date` reads it, kept as read."""
    try:
        field.data = read_partial_date(field.data or "")
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def whole_number(value: str | None) -> int | None:
    """A hidden id or version as the form sent it: ASCII digits, or None.

    `"²".isdigit()` is true and `int("²")` fails: only 0-9 count.
    """
    value = (value or "").strip()
    return int(value) if value and value.isascii() and value.isdigit() else None


def form_version(value: str | None) -> int:
    """The version a form says it was opened at; 0 (matching no record) when it says none.

    A save without its version cannot prove it saw the latest one, so it is refused as
    a conflict, with the record as it is now, instead of being written over it.
    """
    return whole_number(value) or 0


def sent_rows(rows: FieldList) -> int:
    """How many rows the browser sent for a list of subforms (WTForms keeps only max_entries)."""
    if not request.form:
        return len(rows.entries)
    return len(set(rows._extract_indices(rows.name, request.form)))


@dataclass
class SaveOutcome:
    """What became of a form: the saved record, or the other person's newer version, and the status."""

    saved: Any = None
    stale: Any = None
    status: int = 200
    #: For a refused save: what became of each part that changed (a claim's citations, by id).
    stale_parts: dict[int, str] = dataclass_field(default_factory=dict)
    #: For a new-record form sent again: what its first save created.
    repeated: Receipt | None = None
    #: For a save the domain refused: its error (one that names a recorded document, say).
    refused: ValidationFailed | None = None


def form_page(template: str, form: FlaskForm, **context: Any) -> tuple[str, int]:
    """Show a form: as asked for (200), or again after it was refused (422)."""
    if is_stale():
        form.form_errors.append(STALE_FORM)
    return render_template(template, form=form, **context), 200 if request.method == "GET" else 422


def save_form(
    form: FlaskForm,
    save: Callable[[], Any],
    *,
    current: Callable[[], Any] | None = None,
    field_names: dict[str, str] | None = None,
    created: Callable[[Any], tuple[str, int]] | None = None,
) -> SaveOutcome:
    """Validate and save in this request's transaction, keeping the user's text whatever happens.

    A broken rule puts each message beside its field (422). A save over someone else's newer
    save is refused (409): their version comes back in `stale`, and the form's version moves
    to theirs, so that saving again means "I have seen it and mean to replace it".
    A new-record form (`created` names what it made) sent again with its one-time token
    creates nothing: `repeated` says what its first save created.
    """
    if is_stale():  # sent with an outdated token: shown again, never saved
        form.form_errors.append(STALE_FORM)
        return SaveOutcome(status=422)
    earlier = saved_before(form) if created is not None else None
    if earlier is not None:
        return SaveOutcome(repeated=earlier)
    field_names = {**getattr(form, "error_fields", {}), **(field_names or {})}
    if not form.validate_on_submit():
        if request.method == "GET":
            return SaveOutcome(status=200)
        add_domain_errors(form, save, field_names)
        return SaveOutcome(status=422)
    session = db()
    try:
        saved = save()
        session.flush()  # over-long values are refused here, beside their fields
    except ValidationFailed as error:
        reading_from_here()
        if field_names:
            error.fields = {
                field_names.get(name, name): message for name, message in error.fields.items()
            }
        apply_errors(form, error)
        return SaveOutcome(status=422, refused=error)
    except StaleEdit as error:
        reading_from_here()
        form.form_errors.append(error.message)
        theirs = current() if current is not None else None
        if theirs is not None:
            form.version.data = str(theirs.version)  # type: ignore[attr-defined]
        return SaveOutcome(stale=theirs, status=409, stale_parts=error.parts)
    if created is not None:
        earlier = keep_receipt(form, *created(saved))
        if earlier is not None:  # a copy of this form sent at the same time saved first
            return SaveOutcome(repeated=earlier)
    session.commit()
    return SaveOutcome(saved=saved)
