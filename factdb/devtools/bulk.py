"""Write a synthetic build's rows in bulk: COPY on PostgreSQL, multi-row INSERTs elsewhere.

On PostgreSQL most of a build's time went to the server keeping every index (the
search vectors' GIN indexes above all) row by row: 15,000 documents took 11.8 s to
insert with their indexes and 3.8 s without, plus 2.1 s to build the GIN index once.
So the PostgreSQL build drops the indexes of the tables it fills, COPYs the rows
(no SQL to parse per row, no parameters to bind) and builds the indexes again at the
end, all in the build's one transaction.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Column, Connection, Table, exists, insert, select

#: Memory each index build may sort in (PostgreSQL's default, 64 MB, spills to disk).
INDEX_BUILD_MEMORY = "512MB"


class _Context:
    """What a column's callable default reads: the row it is computed for."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row

    def get_current_parameters(self) -> dict[str, Any]:
        return self.row


class RowWriter:
    """Insert rows into tables, the way the connection's database takes them fastest."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.copies = conn.dialect.name == "postgresql"
        #: Whether COPY may write its rows frozen: only into tables emptied in this transaction.
        self.freeze = False

    def write(self, target: Any, rows: list[dict[str, Any]]) -> None:
        """Insert `rows` (dicts of column keys) into a model's table or a table.

        COPY gets the Python defaults SQLAlchemy's INSERT would add, so both give the same rows.
        """
        if not rows:
            return
        if not self.copies:
            self.conn.execute(insert(target), rows)
            return
        table: Table = getattr(target, "__table__", target)
        columns = _copied_columns(table, rows[0])
        prepare = [_preparer(self.conn, column) for column in columns]
        names = ", ".join(self.conn.dialect.identifier_preparer.quote(c.name) for c in columns)
        cursor = self.conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        options = " WITH (FREEZE)" if self.freeze else ""
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN{options}') as copy:
            for row in rows:
                copy.write_row([step(row) for step in prepare])


def _copied_columns(table: Table, sample: dict[str, Any]) -> list[Column]:
    """The columns a row gives or SQLAlchemy would fill in (the rest take the server's default)."""
    return [
        column
        for column in table.columns
        if column.computed is None and (column.key in sample or column.default is not None)
    ]


def _preparer(conn: Connection, column: Column) -> Callable[[dict[str, Any]], Any]:
    """Read one column's value from a row: given, or its default; then as the driver takes it."""
    key, default = column.key, column.default
    process = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)

    def value(row: dict[str, Any]) -> Any:
        if key in row:
            given = row[key]
        elif default is not None and default.is_callable:
            given = default.arg(_Context(row))  # type: ignore[attr-defined]
        else:
            given = default.arg  # type: ignore[union-attr]
        if process is not None:
            given = process(given)
        # A str enum passed as is would be COPYed by its name, not its value.
        return given.value if isinstance(given, enum.Enum) else given

    return value


@contextmanager
def bulk_load(conn: Connection, tables: list[Table]) -> Iterator[RowWriter]:
    """Give a writer for empty `tables`; on PostgreSQL, build their indexes after the block.

    Only indexes that carry no constraint are dropped: primary keys and unique
    constraints stay (the build gives explicit ids, which they check). Each index is
    made again from its own definition, so names and kinds are unchanged. The tables
    are emptied in the same transaction so that COPY may write its rows frozen and
    visible to all: VACUUM then has no page of theirs left to visit.
    """
    writer = RowWriter(conn)
    if not writer.copies:
        yield writer
        return
    names = [table.name for table in tables]
    definitions = conn.exec_driver_sql(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
        "WHERE t.relname = ANY(%s) AND t.relnamespace = current_schema()::regnamespace "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
        "ORDER BY i.relname",
        (names,),
    ).all()
    _empty(conn, tables)
    for name, _definition in definitions:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    writer.freeze = True
    yield writer
    conn.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
    for _name, definition in definitions:
        conn.exec_driver_sql(definition)


def _empty(conn: Connection, tables: list[Table]) -> None:
    """TRUNCATE the tables, after making sure they hold nothing a build did not write.

    Tables whose rows a migration writes (the status counters) are refilled by the build.
    """
    for table in tables:
        if (
            table.name != "claim_status_count"
            and conn.execute(select(exists().select_from(table))).scalar()
        ):
            raise RuntimeError(f"table {table.name} is not empty; a build needs an empty database")
    listed = ", ".join(f'"{table.name}"' for table in tables)
    # CASCADE reaches the tables that point at these ones (notes, findings, …): empty too.
    conn.exec_driver_sql(f"TRUNCATE {listed} CASCADE")
