"""Read request bodies and query strings, naming the field at fault when a value is wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from typing import Any

from flask import Response, jsonify, request

from factdb import claims as claim_service
from factdb.api.bodies import CITATION_BODY, MAX_PER_PAGE
from factdb.claims import CitationInput
from factdb.claims.params import strict_number
from factdb.declarations.base import DATE, REFERENCE, Record
from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput, validate_document
from factdb.errors import StaleEdit, ValidationFailed
from factdb.keyset import MAX_CURSOR
from factdb.models import Document
from factdb.pagination import Page
from factdb.vocab import DocumentType
from factdb.web.database import db


def get_field(
    body: dict[str, Any],
    name: str,
    kind: type | tuple[type, ...],
    default: Any = None,
    *,
    required: bool = False,
) -> Any:
    """Read one field, refusing wrong types with a message that names the field."""
    if name not in body or body[name] is None:
        if required:
            raise ValidationFailed(
                "A required field is missing.", {name: "This field is required."}
            )
        return default
    value = body[name]
    if kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON does not tell 50 from 50.0
    if isinstance(value, bool) and kind is int:
        raise ValidationFailed("A field has the wrong type.", {name: "Expected a whole number."})
    if not isinstance(value, kind):
        expected = {str: "text", int: "a whole number", list: "a list", bool: "true or false"}.get(
            kind if isinstance(kind, type) else str, "another type"
        )
        raise ValidationFailed("A field has the wrong type.", {name: f"Expected {expected}."})
    return value


def choice(body: dict[str, Any], name: str, enum: type, default: Any) -> Any:
    value = get_field(body, name, str, default.value if default is not None else None)
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError as exc:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationFailed(
            "A value is not one of the choices.", {name: f"Choose one of: {allowed}."}
        ) from exc


def strings(body: dict[str, Any], name: str) -> list[str]:
    values = get_field(body, name, list, [])
    if not all(isinstance(value, str) for value in values):
        raise ValidationFailed(
            "A list holds something other than text.", {name: "Expected a list of text."}
        )
    return values


def body_values(record: Record, body: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The body's fields over `values` (a record's present ones); the domain validates the result.

    A null leaves a field as it is, except a date or a reference, which null clears.
    """
    typed = {spec.name: None for spec in record.typed}
    refuse_unknown(body, {"properties": {**typed, "version": None}})
    for name, value in body.items():
        if name != "version" and (value is not None or record[name].kind in (DATE, REFERENCE)):
            values[name] = value
    return values


def document_input(body: dict[str, Any], current: Document | None = None) -> DocumentInput:
    """A document's body over its present values (or a new one's defaults); not yet validated."""
    values: dict[str, Any] = (
        # A new document without a title is the domain's to refuse ("Give the document a title").
        DOCUMENT.values(current) if current else {"doc_type": DocumentType.OTHER, "title": ""}
    )
    values["authors"] = [author.source_id for author in current.authors] if current else []
    return DocumentInput(**body_values(DOCUMENT, body, values))


def new_document_input(body: dict[str, Any], place: str) -> DocumentInput:
    """A new document given whole inside a citation, checked now, its faults named under `place`."""
    try:
        return validate_document(document_input(body))
    except ValidationFailed as refused:
        fields = {f"{place}.{name}": why for name, why in refused.fields.items()}
        raise ValidationFailed(refused.message, fields) from refused


def refuse_unknown(body: dict[str, Any], schema: dict[str, Any]) -> None:
    extra = sorted(set(body) - set(schema["properties"]))
    if extra:
        raise ValidationFailed(
            "Unknown fields.", {name: "Not a field of this resource." for name in extra}
        )


def int_arg(
    name: str, default: int | None = None, *, minimum: int = 1, maximum: int | None = None
) -> int | None:
    return strict_number(request.args, name, default, minimum=minimum, maximum=maximum)


def whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def citation_input(body: Any, index: int, current: CitationInput | None = None) -> CitationInput:
    """A citation from the API: a document and a speaker by id, or by the title or name of one.

    With `current` (a change to a recorded citation), a field the body leaves out keeps its
    present value; a null speaker says the document asserts it itself. The domain validates
    the rest against the citation's declaration and checks the ids.
    """
    if not isinstance(body, dict):
        raise ValidationFailed(
            "A citation must be an object.", {f"citations-{index}": "Expected an object."}
        )
    refuse_unknown(body, CITATION_BODY)
    entry = replace(current) if current else CitationInput(new_document=DocumentInput(title=""))
    if current is None or "document" in body:
        document = whole(body.get("document"))
        if isinstance(document, dict):
            entry.new_document = new_document_input(document, f"citations-{index}-document")
            entry.document_id, entry.document = None, entry.new_document.title
        elif isinstance(document, bool) or not isinstance(document, (int, str)) or document == "":
            raise ValidationFailed(
                "A citation needs its document.",
                {f"citations-{index}-document": "Give a document id, title or URL."},
            )
        else:
            entry.document_id = document if isinstance(document, int) else None
            entry.document = document if isinstance(document, str) else ""
            entry.new_document = DocumentInput(title="")
    if "speaker" in body:
        speaker = whole(body["speaker"])
        if speaker is not None and (
            isinstance(speaker, bool) or not isinstance(speaker, (int, str))
        ):
            raise ValidationFailed(
                "A speaker must be an id or a name.",
                {f"citations-{index}-speaker": "Give a source id or name."},
            )
        entry.speaker_id = speaker if isinstance(speaker, int) else None
        entry.speaker = speaker if isinstance(speaker, str) else ""
    for name in ("relation", "quote", "quote_type", "locator", "speaker_role"):
        if body.get(name) is not None:
            setattr(entry, name, body[name])
    return entry


def citation_inputs(body: dict[str, Any]) -> tuple[list[CitationInput], dict[str, str]]:
    """Every citation of a body, and what is wrong with each one that cannot be read.

    All of them are read, not only up to the first at fault, so that the refusal names
    every field a script has to correct.
    """
    try:
        entries = get_field(body, "citations", list, [])
    except ValidationFailed as refused:
        return [], refused.fields
    parsed: list[CitationInput] = []
    problems: dict[str, str] = {}
    for index, entry in enumerate(entries):
        try:
            parsed.append(citation_input(entry, index))
        except ValidationFailed as refused:
            problems.update(refused.fields)
    return parsed, problems


def page_meta(page: Page[Any]) -> dict[str, Any]:
    """Where a page is; past a list's count bound the total and pages are unknown (null)."""
    if page.bounded:
        return {"page": page.number, "pages": None, "total": None, "per_page": page.size,
                "total_bounded": True, "total_at_least": page.total}  # fmt: skip
    return {"page": page.number, "pages": page.pages, "total": page.total, "per_page": page.size,
            "total_bounded": False}  # fmt: skip


def keyset_meta(page: Page[Any]) -> dict[str, Any]:
    """Where a page read by its sort key is, and the cursors of the pages either side."""
    return {
        **page_meta(page),
        "next_after": page.next_cursor,
        "previous_before": page.previous_cursor,
    }


def list_page(page: Page[Any], data: Callable[[Any], dict[str, Any]]) -> Response:
    """A list's page as the API answers it: each row's data, then where the page is."""
    return jsonify({"data": [data(row) for row in page.items], "meta": keyset_meta(page)})


def list_window() -> dict[str, Any]:
    """Which page of a list the query string asks for: its number and size, or a cursor."""
    return {
        "page": int_arg("page", 1, maximum=10**9) or 1,
        "size": int_arg("per_page", 25, maximum=MAX_PER_PAGE) or 25,
        "after": request.args.get("after", "")[:MAX_CURSOR],
        "before": request.args.get("before", "")[:MAX_CURSOR],
    }


def choice_arg(name: str, vocabulary: type[StrEnum]) -> str:
    """A filter that must be one of a vocabulary's values; anything else is refused, naming them."""
    value = request.args.get(name, "")
    if value and value not in vocabulary._value2member_map_:
        raise ValidationFailed(
            f"Unknown {name}.",
            {name: "Choose one of: " + ", ".join(member.value for member in vocabulary) + "."},
        )
    return value


def created(data: dict[str, Any], location: str) -> Response:
    response = jsonify({"data": data})
    response.status_code = 201
    response.headers["Location"] = location
    return response


def load_claim(claim_id: int):
    return claim_service.get_claim(db(), claim_id)


def with_current(error: StaleEdit, current: dict[str, Any]) -> StaleEdit:
    error.api_current = current  # type: ignore[attr-defined]
    return error
