"""Validate a record's input with pydantic, and say what is wrong in the users' words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Strict,
    StringConstraints,
    ValidationError,
    create_model,
)

from factdb.declarations.field import (
    CHOICE,
    DATE,
    FLAG,
    MAX_ID,
    NAMES,
    PAIRS,
    PARTIAL_DATE,
    REFERENCE,
    URL,
    Field,
)
from factdb.text import clean, clean_line, is_web_url, read_partial_date, unwrap_quotation


def input_model(name: str, fields: Iterable[Field]) -> type[BaseModel]:
    """The pydantic model of a record's input: strict about JSON types, tidy about text."""
    definitions: dict[str, Any] = {}
    for spec in fields:
        default = spec.default
        if spec.required:
            definitions[spec.name] = (_annotation(spec), ...)
        else:
            definitions[spec.name] = (_annotation(spec), default)
    return create_model(  # type: ignore[call-overload,no-any-return]
        name.capitalize() + "Body",
        __config__=ConfigDict(extra="forbid", arbitrary_types_allowed=True),
        **definitions,
    )


def field_messages(by_name: Mapping[str, Field], error: ValidationError) -> dict[str, str]:
    """Each pydantic error as one sentence for people, under its field's name."""
    fields: dict[str, str] = {}
    for problem in error.errors(include_url=False):
        name = str(problem["loc"][0]) if problem["loc"] else ""
        spec = by_name.get(name)
        kind = problem["type"]
        if spec is None:
            message = "Not a field of this resource."
        elif kind == "missing" or (
            kind == "string_type" and spec.required and problem["input"] is None
        ):
            message = spec.required or "This field is required."
        elif spec.kind == REFERENCE and kind in ("int_type", "int_from_float"):
            message = f"Expected a {spec.references} id."
        elif kind in ("string_too_long", "too_long"):
            message = spec.too_long_message()
        elif kind == "enum" and spec.choices is not None:
            message = "Choose one of: " + ", ".join(m.value for m in spec.choices) + "."
        elif kind == "value_error":
            message = str(problem["ctx"]["error"])
        else:
            message = _TYPE_MESSAGES.get(kind, problem["msg"])
        fields.setdefault(name, message)
    return fields


def _text(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value


def _line(value: Any) -> Any:
    return clean_line(value) if isinstance(value, str) else value


def _web_url(value: str) -> str:
    if value and not is_web_url(value):
        raise ValueError("Give a full web address starting with http:// or https://.")
    return value


def _iso_date(value: Any) -> Any:
    """A day (an access date), read as a publication date is ("28 Nov 2026", "2026-11-28"):
    it accepted YYYY-MM-DD alone, though the same form took "5 March 2004" as published."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("Use YYYY-MM-DD.")
    if not clean(value):
        return None
    read = read_partial_date(value)
    if read.count("-") != 2:
        raise ValueError(f"{value} is not a day: give the day as well, as YYYY-MM-DD.")
    return date.fromisoformat(read)


def _not_future(value: date | None) -> date | None:
    if value and value > date.today():
        raise ValueError("The access date cannot be in the future.")
    return value


def _pairs(value: Any) -> Any:
    """Key-value pairs: a dict of text, or the JSON text of one; empty keys and values dropped."""
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValueError("Give key-value pairs as a JSON object.") from exc
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise ValueError("Give key-value pairs as a JSON object of text.")
    pairs = {}
    for key, item in value.items():
        item = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
        if clean(key) and clean(item):
            pairs[clean(key)] = clean(item)
    return pairs


def _in_range(what: str) -> Callable[[int | None], int | None]:
    def check(value: int | None) -> int | None:
        if value is not None and not 0 < value <= MAX_ID:
            raise ValueError(f"There is no {what} {value}.")
        return value

    return check


def _annotation(spec: Field) -> Any:
    """The pydantic type of a field: strict about JSON types, tidy about text."""
    if spec.kind == REFERENCE:
        return Annotated[
            Annotated[int, Strict()] | None, AfterValidator(_in_range(spec.references))
        ]
    if spec.kind == FLAG:
        return Annotated[bool, Strict()]
    if spec.kind == DATE:
        checks = [AfterValidator(_not_future)] if spec.name == "accessed" else []
        return Annotated[date | None, BeforeValidator(_iso_date), *checks]
    if spec.kind == CHOICE:
        return spec.choices
    if spec.kind == NAMES:
        return list[Any]
    if spec.kind == PAIRS:
        return Annotated[dict[str, str], BeforeValidator(_pairs)]
    checks: list[Any] = [Strict(), BeforeValidator(_line if spec.drops_invisible else _text)]
    if spec.unwraps_quotation:
        checks.append(AfterValidator(unwrap_quotation))
    if spec.max_length and spec.kind != PARTIAL_DATE:  # a date is read to its stored length
        checks.append(StringConstraints(max_length=spec.max_length))
    if spec.kind == URL:
        checks.append(AfterValidator(_web_url))
    if spec.pattern:
        checks.append(AfterValidator(_matching(spec.pattern, spec.pattern_message)))
    if spec.kind == PARTIAL_DATE:
        checks.append(AfterValidator(read_partial_date))
    if spec.required:
        checks.append(AfterValidator(_required(spec.required)))
    return Annotated[str, *checks]


def _matching(pattern: str, message: str) -> Callable[[str], str]:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if value and not compiled.fullmatch(value):
            raise ValueError(message)
        return value

    return check


def _required(message: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value:
            raise ValueError(message)
        return value

    return check


_TYPE_MESSAGES = {
    "string_type": "Expected text.",
    "bool_type": "Expected true or false.",
    "list_type": "Expected a list.",
    "dict_type": "Expected an object.",
}
