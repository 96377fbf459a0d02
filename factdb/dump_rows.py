"""Read a dump's rows into what each table holds, naming the row at fault when one cannot be.

A dump may come from another factdb, an older schema or a hand edit; whatever is wrong
with it is said in one line that names the table, the row and what to do, before
anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table

from factdb.errors import ValidationFailed

#: What to do about a row that cannot be loaded; said after every such refusal.
REMEDY = "Correct that row in the dump file, or dump the original database again, and load into an empty database."


def row_label(table: str, row: Any, position: int) -> str:
    """Name a row as people find it in the file: by its id, or by its place in the table's list."""
    if isinstance(row, dict) and isinstance(row.get("id"), int):
        return f"{table} row with id {row['id']}"
    return f"{table} row {position + 1}"


def refuse(table: str, row: Any, position: int, problem: str) -> ValidationFailed:
    """The one-line refusal of a row: which row, what is wrong, what to do."""
    return ValidationFailed(
        f"The dump's {row_label(table, row, position)} cannot be loaded: {problem}. {REMEDY}"
    )


def parse_value(column: Column, value: Any) -> Any:
    """Turn a JSON value back into what the column holds (enums, dates, datetimes)."""
    if value is None:
        return None
    enum_class = getattr(column.type, "enum_class", None)
    if enum_class is not None:
        return enum_class(value)
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return value
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    return value


def _problem_with(column: Column, value: Any) -> str:
    enum_class = getattr(column.type, "enum_class", None)
    if enum_class is not None:
        allowed = ", ".join(member.value for member in enum_class)
        return f"{column.name} {value!r} is not one of {allowed}"
    return f"{column.name} {value!r} is not a valid {column.type.python_type.__name__}"


def length_limits(table: Table, declared: Mapping[str, int]) -> dict[str, int]:
    """The longest text each column takes: its declared limit, else its column's length.

    The load writes rows as they are, past the checks of forms and the API, so it holds
    them to the same limits itself (a claim's text is TEXT to the database, 5,000 to factdb).
    """
    limits = {column.name: getattr(column.type, "length", None) for column in table.columns}
    return {name: limit for name, limit in (limits | dict(declared)).items() if limit}


def prepare_rows(
    table: Table,
    rows: Any,
    derived: dict[str, Callable[[dict[str, Any]], Any]],
    defaults: Callable[[dict[str, Any]], None] | None = None,
    limits: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """Each row as the table's columns, filling what an older schema lacked; refuse by row."""
    name = table.name
    limits = limits or {}
    if not isinstance(rows, list):
        raise ValidationFailed(f"The dump's {name} table is not a list of rows. {REMEDY}")
    prepared = []
    for position, row in enumerate(rows):
        if not isinstance(row, dict):
            raise refuse(name, row, position, "it is not an object")
        record = {}
        for column in table.columns:
            if column.name in row:
                try:
                    record[column.name] = parse_value(column, row[column.name])
                except (ValueError, TypeError) as exc:
                    raise refuse(
                        name, row, position, _problem_with(column, row[column.name])
                    ) from exc
            elif column.name in derived:
                record[column.name] = derived[column.name](row)
            elif column.default is not None and column.default.is_scalar:
                record[column.name] = column.default.arg
            elif column.nullable:
                record[column.name] = None
            else:
                raise refuse(name, row, position, f"it lacks the column {column.name}")
        _check_lengths(name, row, position, record, limits)
        if defaults:
            defaults(record)
        prepared.append(record)
    return prepared


def _check_lengths(
    table: str, row: Any, position: int, record: dict[str, Any], limits: Mapping[str, int]
) -> None:
    for column, limit in limits.items():
        value = record.get(column)
        if isinstance(value, str) and len(value) > limit:
            problem = f"its {column} is {len(value):,} characters, over the {limit:,} factdb allows"
            raise refuse(table, row, position, problem)


class References:
    """The keys loaded so far, so a row that points at a missing one is named before writing."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], set[Any]] = {}

    def add(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Remember the keys of `rows` that other rows may point at."""
        for column in {key.column.name for other in table.metadata.tables.values()
                       for key in other.foreign_keys if key.column.table is table}:  # fmt: skip
            self._keys.setdefault((table.name, column), set()).update(row[column] for row in rows)

    def check(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Refuse the first row that points at a row the dump does not hold."""
        for position, row in enumerate(rows):
            for key in table.foreign_keys:
                value = row.get(key.parent.name)
                target = (key.column.table.name, key.column.name)
                if value is not None and value not in self._keys.get(target, ()):
                    problem = (
                        f"its {key.parent.name} points at {target[0]} {value}, "
                        "which the dump does not hold"
                    )
                    raise refuse(table.name, row, position, problem)
