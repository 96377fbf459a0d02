"""Declare a record's fields once; validation, columns, history, JSON and schemas follow.

A `Record` lists its `Field`s with their type, label, length limit, choices, whether the
history tracks them, and the names the citation formats give them. From it come:

- the pydantic model that validates every entry point's input (form, API, import,
  intake, capture), whose messages name the field at fault in the users' words
  (factdb.declarations.validation);
- the database columns (`columns`, factdb.declarations.columns), so a length limit is the
  same on SQLite, which stores any length, and PostgreSQL, which refuses what is too long;
- the input dataclass the domain takes, the history snapshot and its labels;
- the JSON a record is served as and the JSON Schema of that and of request bodies.

The web builds its WTForms form from the same fields (factdb.web.forms.record_form).
"""

from __future__ import annotations

from dataclasses import dataclass, make_dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ValidationError

from factdb.declarations.columns import declared_columns
from factdb.declarations.field import (
    CHOICE,
    DATE,
    FLAG,
    LONG_TEXT,
    MAX_ID,
    NAMES,
    PAIRS,
    PARTIAL_DATE,
    REFERENCE,
    TEXT,
    URL,
    Field,
)
from factdb.declarations.validation import field_messages, input_model
from factdb.errors import ValidationFailed

#: What a declaration imports from here: the record, its fields and their kinds.
__all__ = [
    "CHOICE", "DATE", "FLAG", "LONG_TEXT", "MAX_ID", "NAMES", "PAIRS", "PARTIAL_DATE",
    "REFERENCE", "TEXT", "URL", "Field", "Record",
]  # fmt: skip


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
    def typed(self) -> list[Field]:
        """The fields people type: the form's, the request body's and the domain input's."""
        return [spec for spec in self.fields if spec.typed]

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
        return input_model(self.name, self.typed)

    @cached_property
    def input_class(self) -> type:
        """The dataclass the domain's create and update functions take."""
        fields: list[tuple[str, Any, Any]] = []
        for spec in self.typed:
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
        return {spec.name: getattr(model, spec.name) for spec in self.typed}

    def messages(self, error: ValidationError) -> dict[str, str]:
        """Each pydantic error as one sentence for people, under its field's name."""
        return field_messages({spec.name: spec for spec in self.typed}, error)

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
        for spec in self.typed:
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
        return declared_columns(self.fields, skip)
