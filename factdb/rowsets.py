"""Several small result sets read in one statement: one round trip to the server.

A page that reads a claim, its citations, its history and its edits with one statement
each waits four times for PostgreSQL (0.1-0.3 ms a wait on a quiet machine, a core's
turn under load); SQLite has no server and pays nothing per statement. Here each set
is a SELECT folded into one JSON array of rows by the database (`json_agg` on
PostgreSQL, `json_group_array` on SQLite), the sets side by side in one row, and each
value is turned back into what SQLAlchemy would have given for its column's type.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Connection, Date, DateTime, Select, select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

Row = tuple[Any, ...]


class json_rows(FunctionElement):
    """Fold every row of a subquery into one JSON array of arrays, in the subquery's order.

    Both databases aggregate the rows of a sorted subquery in their order; an empty set
    is NULL on PostgreSQL and `[]` on SQLite (read_sets takes either).
    """

    type = JSON()
    inherit_cache = True


@compiles(json_rows, "sqlite")
def _json_rows_sqlite(element: json_rows, compiler: Any, **kw: Any) -> str:
    return f"json_group_array(json_array({compiler.process(element.clauses, **kw)}))"


@compiles(json_rows, "postgresql")
def _json_rows_postgresql(element: json_rows, compiler: Any, **kw: Any) -> str:
    return f"json_agg(json_build_array({compiler.process(element.clauses, **kw)}))"


def sets_statement(sets: Mapping[str, Select]) -> Select:
    """One SELECT whose columns are the named sets, each a JSON array of its rows."""
    columns = []
    for name, query in sets.items():
        rows = query.subquery(f"{name}_rows")
        columns.append(select(json_rows(*rows.c)).scalar_subquery().label(name))
    return select(*columns)


class Sets:
    """Named SELECTs read together, and the same joined by a caller's own sets.

    Statements are built once: a caller's extra sets are constants of its code, known by
    their names.
    """

    def __init__(self, sets: Mapping[str, Select]) -> None:
        self.sets = dict(sets)
        self.statement = sets_statement(self.sets)
        self._joined: dict[tuple[str, ...], Sets] = {}

    def joined(self, extra: Mapping[str, Select]) -> Sets:
        """These sets and `extra` in one statement."""
        if not extra:
            return self
        key = tuple(extra)
        if key not in self._joined:
            self._joined[key] = Sets({**self.sets, **extra})
        return self._joined[key]

    def read(self, connection: Connection, params: Mapping) -> dict[str, list[Row]]:
        """Every set's rows, by name."""
        return read_sets(connection, self.statement, self.sets, params)


def read_sets(
    connection: Connection, statement: Select, sets: Mapping[str, Select], params: Mapping
) -> dict[str, list[Row]]:
    """Run a statement of sets_statement and give each set's rows as typed tuples."""
    row = connection.execute(statement, dict(params)).one()
    dialect = connection.dialect
    return {
        name: _typed(dialect, query, rows or [])
        for (name, query), rows in zip(sets.items(), row, strict=True)
    }


def _typed(dialect: Dialect, query: Select, rows: list[list[Any]]) -> list[Row]:
    converters = [_converter(dialect, column.type) for column in query.selected_columns]
    return [
        tuple(
            value if convert is None else convert(value)
            for convert, value in zip(converters, row, strict=True)
        )
        for row in rows
    ]


def _converter(dialect: Dialect, type_: Any) -> Any:
    """What turns a value as JSON carries it into the value its column's type reads.

    JSON carries what SQLite stores (text for a time, 0/1 for a truth) and SQLAlchemy's
    own conversion reads that; PostgreSQL writes a time in ISO form, which psycopg would
    have given as a datetime.
    """
    process = type_.dialect_impl(dialect).result_processor(dialect, None)
    if dialect.name == "sqlite" or not isinstance(type_, (DateTime, Date)):
        if process is None:
            return None
        return lambda value: None if value is None else process(value)
    parse = datetime.fromisoformat if isinstance(type_, DateTime) else date.fromisoformat

    def convert(value: Any) -> Any:
        if value is None:
            return None
        value = parse(value)
        return process(value) if process else value

    return convert
