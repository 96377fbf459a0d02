"""The database columns of a record's declared fields, typed and limited as declared."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import mapped_column

from factdb.declarations.field import CHOICE, DATE, FLAG, LONG_TEXT, NAMES, PAIRS, REFERENCE, Field


def declared_columns(fields: Iterable[Field], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """One mapped column per field, so a length limit holds on every database alike."""
    from factdb.models.base import enum_column

    columns: dict[str, Any] = {}
    for spec in fields:
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
