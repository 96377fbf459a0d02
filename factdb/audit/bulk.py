"""Insert many rows through the database driver, with no per-row work in SQLAlchemy.

A rebuild writes hundreds of thousands of findings and duplicate keys: built as
dictionaries and bound one parameter at a time by SQLAlchemy, their inserts cost
more than the rules that make them. Here the rows are plain tuples in the columns'
order; PostgreSQL takes them with COPY, other databases with one executemany per
batch. JSON values must be given already serialised.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.orm import Session

from factdb.audit.data import chunks

#: Rows sent to the driver at a time.
ROWS = 1000
#: From this many rows that may be stored already, PostgreSQL takes them by COPY (straight
#: into the table, or when a key is stored already into a staging table and one
#: INSERT … SELECT) rather than by executemany (one statement a row).
STAGED_FROM = 100


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
    (COPY cannot skip: on PostgreSQL many such rows are copied in unless one is stored, else
    staged, see _copied_unless_stored).
    """
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    target = f"{dialect.identifier_preparer.format_table(table)} ({names})"
    if dialect.name == "postgresql" and not unless_stored:
        _copy(connection, target, rows)
        return
    if dialect.name == "postgresql":
        rows = list(rows)
        if len(rows) >= STAGED_FROM:
            if not _copied_unless_stored(connection, target, rows):
                _insert_staged(connection, table, names, rows, unless_stored)
            return
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    markers = ", ".join([marker] * len(columns))
    statement = f"INSERT INTO {target} VALUES ({markers})"  # noqa: S608 (names from the models, values bound)
    if unless_stored:
        statement += f" ON CONFLICT ({', '.join(quote(c) for c in unless_stored)}) DO NOTHING"
    for batch in chunks(rows, ROWS):
        connection.exec_driver_sql(statement, batch)


def _copy(connection: Any, target: str, rows: Iterable[Sequence[Any]]) -> None:
    driver = connection.connection.dbapi_connection
    with driver.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _copied_unless_stored(connection: Any, target: str, rows: list[Sequence[Any]]) -> bool:
    """COPY rows straight into the table, unless one is stored already (then copy none: False).

    Most batches hold no stored key (a rebuild stores the checks it found missing a moment
    before), and one COPY spares the server staging the rows, sorting them and inserting
    them a second time. A key stored meanwhile makes the COPY fail; its savepoint undoes
    the rows copied so far, and the caller stages them instead. The rows come in the
    key's order, so the locks are taken in that order either way.
    """
    from psycopg.errors import UniqueViolation  # only PostgreSQL comes here

    connection.exec_driver_sql("SAVEPOINT copy_unless_stored")
    try:
        _copy(connection, target, rows)
    except UniqueViolation:
        connection.exec_driver_sql("ROLLBACK TO SAVEPOINT copy_unless_stored")
        connection.exec_driver_sql("RELEASE SAVEPOINT copy_unless_stored")
        return False
    connection.exec_driver_sql("RELEASE SAVEPOINT copy_unless_stored")
    return True


def _insert_staged(
    connection: Any, table: Table, names: str, rows: list[Sequence[Any]], key: Sequence[str]
) -> None:
    """COPY rows into a temporary table shaped like `table`, then insert those not stored yet.

    executemany sends one INSERT a row (psycopg pipelines them, but each row is still
    bound, sent, executed and answered apart): a rebuild storing 300,000 quote checks
    spent more time there than in checking the quotes. The rows are inserted in the
    key's order, as executemany's callers sort them, so that two writers take the
    rows' locks in the same order.
    """
    preparer = connection.dialect.identifier_preparer
    stored = preparer.format_table(table)
    staged = preparer.quote(f"staged_{table.name}")
    ordered = ", ".join(preparer.quote(column) for column in key)
    # Made once per connection; ON COMMIT DELETE ROWS empties it after each transaction.
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {staged} (LIKE {stored}) ON COMMIT DELETE ROWS"
    )
    _copy(connection, f"{staged} ({names})", rows)
    connection.exec_driver_sql(
        f"INSERT INTO {stored} ({names}) SELECT {names} FROM {staged}"  # noqa: S608 (names from the models)
        f" ORDER BY {ordered} ON CONFLICT ({ordered}) DO NOTHING"
    )
    connection.exec_driver_sql(f"TRUNCATE {staged}")


#: The indexes of a table but those that back a constraint (its primary key, unique keys).
_SECONDARY_INDEXES = text(
    "SELECT index.relname, pg_get_indexdef(index.oid) FROM pg_index"
    " JOIN pg_class AS index ON index.oid = pg_index.indexrelid"
    " WHERE pg_index.indrelid = CAST(:table AS regclass)"
    " AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = pg_index.indexrelid)"
    " ORDER BY index.relname"
)


@contextmanager
def emptied_for_bulk_load(session: Session, *tables: Table) -> Iterator[None]:
    """Empty `tables` for a reload, and on PostgreSQL build their indexes once, after it.

    Kept up to date row by row, each secondary index costs the server a search and an
    insert per row written, and a DELETE leaves every old row and entry behind, dead;
    built once over the loaded table, an index is one sort. TRUNCATE and DROP INDEX lock
    the tables until the transaction ends (readers wait for the reload rather than see
    its old rows), and both are undone with it if it fails.
    """
    if session.get_bind().dialect.name != "postgresql":
        for table in tables:
            session.execute(table.delete())
        yield
        return
    connection = session.connection()
    quote = connection.dialect.identifier_preparer
    # The rows can be recomputed: a crash losing the last commit costs nothing real.
    connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
    names = ", ".join(quote.format_table(table) for table in tables)
    connection.exec_driver_sql(f"TRUNCATE {names}")
    indexes = [
        row
        for table in tables
        for row in connection.execute(_SECONDARY_INDEXES, {"table": quote.format_table(table)})
    ]
    for name, _definition in indexes:
        connection.exec_driver_sql(f"DROP INDEX {quote.quote(name)}")
    yield
    for _name, definition in indexes:
        connection.exec_driver_sql(definition)
