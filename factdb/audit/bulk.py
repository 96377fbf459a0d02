"""Insert many rows through the database driver, with no per-row work in SQLAlchemy.

A rebuild writes hundreds of thousands of findings and duplicate keys: built as
dictionaries and bound one parameter at a time by SQLAlchemy, their inserts cost
more than the rules that make them. Here the rows are plain tuples in the columns'
order; PostgreSQL takes them with COPY, other databases with one executemany per
batch. JSON values must be given already serialised.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from factdb.audit.data import chunks

#: Rows sent to the driver at a time.
ROWS = 1000


def insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    unless_stored: Sequence[str] = (),
) -> None:
    """Insert `rows` (tuples in the order of `columns`) into `table`, in this session's transaction.

    `unless_stored` names a unique key: a row whose key is already stored is left out
    (then PostgreSQL too takes the rows by executemany, as COPY cannot skip).
    """
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    target = f"{dialect.identifier_preparer.format_table(table)} ({names})"
    if dialect.name == "postgresql" and not unless_stored:
        driver = connection.connection.dbapi_connection
        with driver.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    markers = ", ".join([marker] * len(columns))
    statement = f"INSERT INTO {target} VALUES ({markers})"  # noqa: S608 (names from the models, values bound)
    if unless_stored:
        statement += f" ON CONFLICT ({', '.join(quote(c) for c in unless_stored)}) DO NOTHING"
    for batch in chunks(rows, ROWS):
        connection.exec_driver_sql(statement, batch)
