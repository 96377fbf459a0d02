"""Declare a record's fields once; validation, columns, history, JSON and schemas follow.

A `Record` lists its `Field`s with their type, label, length limit, choices, whether the
history tracks them, and the names the citation formats give them. From it come:

- the pydantic model that validates every entry point's input (form, API, import,
  intake, capture), whose messages name the field at fault in the users' words;
- the database columns (`columns`), so a length limit is the same on SQLite, which
  stores any length, and PostgreSQL, which refuses what is too long;
- the input dataclass the domain takes, the history snapshot and its labels;
- the JSON a record is served as and the JSON Schema of that and of request bodies.

The web builds its WTForms form from the same fields (factdb.web.forms.record_form).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, make_dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cached_property
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
from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import mapped_column

from factdb.errors import ValidationFailed
from factdb.text import clean, clean_line, is_web_url, parse_partial_date

#: Field kinds: what a value is, how it is validated, stored, shown in a form and in JSON.
TEXT, LONG_TEXT, URL, PARTIAL_DATE, DATE, FLAG, CHOICE, NAMES, PAIRS, REFERENCE = (
    "text", "long_text", "url", "partial_date", "date", "flag", "choice", "names", "pairs",
    "reference",
)  # fmt: skip
#: The largest id an INTEGER column holds on every supported database (PostgreSQL's is 32-bit).
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class Field:
    """One field of a record, named once."""

    name: str
    label: str
    kind: str = TEXT
    max_length: int | None = None
    choices: type[StrEnum] | None = None
    #: Refused when empty, with this message.
    required: str = ""
    #: Recorded in the history when it changes.
    tracked: bool = True
    #: Served in the record's JSON (the API and the pages' JSON twins).
    in_json: bool = True
    #: Shown in the record's form and page among its bibliographic details.
    bibliographic: bool = False
    #: Shown on its own in the record's form and page, by a loop over these fields: adding
    #: one needs no template edit.
    detail: bool = False
    #: For a detail: the address its value links to ("{}" is the value itself).
    link: str = ""
    #: A regular expression a non-empty value must match whole, and what a mismatch is told.
    pattern: str = ""
    pattern_message: str = ""
    #: Indexed in the database (looked up by it).
    index: bool = False
    #: Help text beside the form field.
    description: str = ""
    #: How the history names it ("publication date"); the label in lower case by default.
    history: str = ""
    #: What a value over `max_length` is told (default: "Keep the <label> under N characters.").
    too_long: str = ""
    #: The CSL-JSON variable, BibLaTeX field, BibTeX field and RIS tag (rispy key) it maps to.
    csl: str = ""
    biblatex: str = ""
    bibtex: str = ""
    ris: str = ""
    #: The BibLaTeX entry types biber's data model allows the field on (biber-tool.conf);
    #: on any other it would be a data-model warning, so it is left out there.
    biblatex_on: tuple[str, ...] = ()
    #: The value a new record starts with, when not the kind's empty value.
    initial: Any = None
    #: Extra keyword arguments for the database column (e.g. a fixed enum length).
    column: dict[str, Any] = dataclass_field(default_factory=dict)
    #: For a reference (an id): the table of the record it names ("source").
    references: str = ""
    #: The value a new record's form starts with, when not `initial` (a choice's value).
    form_initial: Any = None
    #: Keeps bidi controls and zero-width characters (factdb.text.visible): by default only
    #: long prose does; a name, title or quote must read as it shows.
    keeps_invisible: bool | None = None

    @property
    def text_name(self) -> str:
        """For a reference: the form field people type the name or title into (parent_id → parent)."""
        return self.name.removesuffix("_id")

    @property
    def drops_invisible(self) -> bool:
        """Whether the value loses the invisible characters that could spoof it."""
        if self.keeps_invisible is None:
            return self.kind != LONG_TEXT
        return not self.keeps_invisible

    @property
    def history_label(self) -> str:
        return self.history or self.label.lower()

    @property
    def default(self) -> Any:
        if self.initial is not None:
            return self.initial
        return {
            FLAG: False,
            DATE: None,
            CHOICE: None,
            NAMES: None,
            PAIRS: None,
            REFERENCE: None,
        }.get(self.kind, "")

    def href(self, value: str) -> str:
        """The address a detail's value links to, or "" when it links nowhere."""
        return self.link.format(value) if self.link and value else ""

    def too_long_message(self) -> str:
        if self.too_long:
            return self.too_long
        # Named as the column check of every write (factdb.models.limits) names it.
        what = "address" if self.kind == URL else self.name.replace("_", " ")
        return f"Keep the {what} under {self.max_length:,} characters."

    def plain(self, value: Any) -> Any:
        """The value as JSON holds it."""
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if self.kind == PAIRS:
            return dict(value or {})
        return value

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of this field's value in a response."""
        if self.kind == FLAG:
            return {"type": "boolean"}
        if self.kind == DATE:
            return {"type": ["string", "null"], "format": "date"}
        if self.kind == REFERENCE:
            return {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID}
        if self.kind == CHOICE and self.choices is not None:
            return {"type": "string", "enum": [member.value for member in self.choices]}
        if self.kind == PAIRS:
            return {"type": "object", "additionalProperties": {"type": "string"}}
        schema: dict[str, Any] = {"type": "string"}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


def _text(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value


def _line(value: Any) -> Any:
    return clean_line(value) if isinstance(value, str) else value


def _web_url(value: str) -> str:
    if value and not is_web_url(value):
        raise ValueError("Give a full web address starting with http:// or https://.")
    return value


def _iso_date(value: Any) -> Any:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        value = clean(value)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("Use YYYY-MM-DD.")


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
    if spec.max_length:
        checks.append(StringConstraints(max_length=spec.max_length))
    if spec.kind == URL:
        checks.append(AfterValidator(_web_url))
    if spec.pattern:
        checks.append(AfterValidator(_matching(spec.pattern, spec.pattern_message)))
    if spec.kind == PARTIAL_DATE:
        checks.append(AfterValidator(parse_partial_date))
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


@dataclass(frozen=True)
class Record:
    """A record type's fields, in the order forms and pages show them."""

    name: str
    fields: tuple[Field, ...]

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {spec.name: spec for spec in self.fields}

    @cached_property
    def tracked(self) -> list[str]:
        """The fields the history records, in order."""
        return [spec.name for spec in self.fields if spec.tracked]

    @cached_property
    def history_labels(self) -> dict[str, str]:
        """How the history names each field (a reference also under its text's name)."""
        labels = {spec.name: spec.history_label for spec in self.fields}
        labels |= {spec.text_name: spec.history_label for spec in self.fields if spec.references}
        return labels

    @cached_property
    def bibliographic(self) -> list[Field]:
        return [spec for spec in self.fields if spec.bibliographic]

    @cached_property
    def details(self) -> list[Field]:
        """The fields a form and a page show by a loop, in order."""
        return [spec for spec in self.fields if spec.detail]

    @cached_property
    def model(self) -> type[BaseModel]:
        """The pydantic model every entry point's input is validated with."""
        definitions: dict[str, Any] = {}
        for spec in self.fields:
            default = spec.default
            if spec.required:
                definitions[spec.name] = (_annotation(spec), ...)
            else:
                definitions[spec.name] = (_annotation(spec), default)
        return create_model(  # type: ignore[call-overload,no-any-return]
            self.name.capitalize() + "Body",
            __config__=ConfigDict(extra="forbid", arbitrary_types_allowed=True),
            **definitions,
        )

    @cached_property
    def input_class(self) -> type:
        """The dataclass the domain's create and update functions take."""
        fields: list[tuple[str, Any, Any]] = []
        for spec in self.fields:
            if spec.kind in (NAMES, PAIRS):
                factory = list if spec.kind == NAMES else dict
                fields.append((spec.name, Any, dataclass_field(default_factory=factory)))
            elif spec.required:
                fields.append((spec.name, Any, dataclass_field()))
            else:
                fields.append((spec.name, Any, dataclass_field(default=spec.default)))
        return make_dataclass(self.name.capitalize() + "Input", fields)

    def validate(self, values: dict[str, Any]) -> dict[str, Any]:
        """Check and tidy `values`; raise ValidationFailed naming each field at fault."""
        try:
            model = self.model.model_validate(values)
        except ValidationError as exc:
            raise ValidationFailed("Please correct the marked fields.", self.messages(exc)) from exc
        return {name: getattr(model, name) for name in self.by_name}

    def messages(self, error: ValidationError) -> dict[str, str]:
        """Each pydantic error as one sentence for people, under its field's name."""
        fields: dict[str, str] = {}
        for problem in error.errors(include_url=False):
            name = str(problem["loc"][0]) if problem["loc"] else ""
            spec = self.by_name.get(name)
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

    def values(self, record: Any) -> dict[str, Any]:
        """The declared values of a stored record (not its names lists)."""
        return {spec.name: getattr(record, spec.name) for spec in self.fields if spec.kind != NAMES}

    def snapshot(self, record: Any) -> dict[str, Any]:
        """The JSON-ready values of the tracked fields, for the history."""
        return {
            spec.name: spec.plain(getattr(record, spec.name))
            for spec in self.fields
            if spec.tracked and spec.kind != NAMES
        }

    def data(self, record: Any) -> dict[str, Any]:
        """The JSON-served fields of a stored record (names lists are the caller's)."""
        return {
            spec.name: spec.plain(getattr(record, spec.name))
            for spec in self.fields
            if spec.in_json and spec.kind != NAMES
        }

    def response_properties(self) -> dict[str, Any]:
        return {
            spec.name: spec.json_schema()
            for spec in self.fields
            if spec.in_json and spec.kind != NAMES
        }

    def body_schema(self) -> dict[str, Any]:
        """The JSON Schema of a request body, from the model that validates it."""
        schema = self.model.model_json_schema()
        definitions = schema.pop("$defs", {})

        def inline(node: Any) -> Any:
            if isinstance(node, dict):
                if "$ref" in node:
                    return inline(definitions[node["$ref"].rsplit("/", 1)[-1]])
                return {
                    key: inline(value)
                    for key, value in node.items()
                    if not (key == "title" and isinstance(value, str))
                }
            if isinstance(node, list):
                return [inline(value) for value in node]
            return node

        body = inline(schema)
        for spec in self.fields:
            if spec.kind == CHOICE and spec.name in body["properties"]:
                body["properties"][spec.name] = {
                    "type": "string",
                    "enum": [m.value for m in spec.choices or ()],
                }
            if spec.kind == NAMES and spec.references:
                body["properties"][spec.name] = {
                    "type": "array",
                    "items": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
                    "description": f"Each a {spec.references} id, or a name (created when new)",
                }
            elif spec.kind == NAMES:
                body["properties"][spec.name] = {"type": "array", "items": {"type": "string"}}
            if spec.kind == REFERENCE:
                body["properties"][spec.name] = {
                    **spec.json_schema(),
                    "description": f"The id of a {spec.references}",
                }
            if spec.required:
                body["properties"][spec.name]["minLength"] = 1
        return body

    def columns(self, skip: tuple[str, ...] = ()) -> dict[str, Any]:
        """The mapped columns of the declared fields, for the record's model."""
        from factdb.models.base import enum_column

        columns: dict[str, Any] = {}
        for spec in self.fields:
            if spec.name in skip or spec.kind == NAMES:
                continue
            if spec.kind == REFERENCE:
                columns[spec.name] = mapped_column(
                    ForeignKey(f"{spec.references}.id", ondelete="SET NULL"),
                    nullable=True,
                    index=spec.index,
                )
                continue
            if spec.kind == FLAG:
                column_type: Any = Boolean
            elif spec.kind == DATE:
                column_type = Date
            elif spec.kind == PAIRS:
                column_type = JSON
            elif spec.kind == CHOICE and spec.choices is not None:
                column_type = enum_column(spec.choices, spec.name, **spec.column)
            elif spec.max_length and spec.max_length <= 10_000 and spec.kind != LONG_TEXT:
                column_type = String(spec.max_length)
            else:
                column_type = Text
            nullable = spec.kind == DATE
            default: Any = spec.default
            if spec.kind == PAIRS:
                default = lambda: {}  # noqa: E731
            columns[spec.name] = mapped_column(
                column_type,
                nullable=nullable,
                index=spec.index,
                **({} if spec.kind == CHOICE and spec.initial is None else {"default": default}),
                **({} if spec.kind == CHOICE else spec.column),
            )
        return columns
