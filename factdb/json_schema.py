"""The building blocks of the JSON Schemas that describe the API's bodies and answers."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from factdb.models.base import MAX_ID

INT = {"type": "integer"}
NULLABLE_INT = {"type": ["integer", "null"]}
STRING = {"type": "string"}
TIMESTAMP = {"type": "string", "format": "date-time"}
#: An id a record could have: what a body or a query string may name.
RECORD_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def enum_of(vocabulary: type[StrEnum]) -> dict[str, Any]:
    """A string that must be one of a vocabulary's stored values."""
    return {"type": "string", "enum": [member.value for member in vocabulary]}


def json_object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """An object with exactly these properties; all are required unless `required` says which."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }
