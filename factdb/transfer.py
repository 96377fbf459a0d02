"""Move a whole database between SQLite and PostgreSQL as one versioned JSON file.

`dump` writes every table in a fixed order with rows sorted by key, so that
dump -> load -> dump gives the same file byte for byte. `load` reads a dump into
an empty database, filling columns a dump from an older schema lacks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import IO, Any

from sqlalchemy import Table, func, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from factdb import migrate
from factdb.base_keys import refresh_all
from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM
from factdb.declarations.document import DOCUMENT
from factdb.declarations.source import SOURCE
from factdb.declarations.user import USER
from factdb.dump_rows import REMEDY, References, length_limits, prepare_rows, refuse
from factdb.errors import ValidationFailed
from factdb.models import Base
from factdb.text import key_stem, text_key, title_key

FORMAT = "factdb-dump"
VERSION = 1
#: Tables in the order they can be loaded: each after every table it points at (a test checks).
TABLES = [
    "user", "source", "source_alias", "source_redirect", "document", "document_author", "tag", "claim", "claim_tag",
    "citation", "change", "status_change", "status_change_evidence",
    "assignment", "claim_note", "saved_view", "notification",
]  # fmt: skip
#: Columns computed from others, recomputed on load when a dump lacks them.
DERIVED = {
    "document": {
        "text_hash": lambda row: (
            hashlib.sha256(row["full_text"].encode()).hexdigest() if row.get("full_text") else ""
        ),
        "text_key": lambda row: text_key(row.get("full_text", "") or ""),
        "title_key": lambda row: title_key(row.get("title", "")),
        "key_stem": lambda row: key_stem(row.get("title", ""), row.get("published", "") or ""),
    }
}
#: The longest value each declared field takes, by table: forms and the API refuse longer ones.
DECLARED_LIMITS = {
    record.name: {field.name: field.max_length for field in record.fields if field.max_length}
    for record in (CLAIM, CITATION, DOCUMENT, SOURCE, USER)
}
#: No hash verifies against this: the account needs a new password before anyone logs in.
UNUSABLE_PASSWORD = "!"  # noqa: S105


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _order(table: Table) -> list:
    return list(table.primary_key.columns)


def dump(
    session: Session,
    out: IO[str],
    *,
    with_passwords: bool = False,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write the database as JSON to `out`; returns the row count of each table."""
    revision = migrate.current_revision(session.get_bind())
    counts: dict[str, int] = {}
    out.write("{\n")
    out.write(f'"format": "{FORMAT}",\n"version": {VERSION},\n"schema": {json.dumps(revision)},\n')
    out.write(f'"passwords": {json.dumps(with_passwords)},\n"tables": {{\n')
    for index, name in enumerate(TABLES):
        table = _table(name)
        columns = sorted(column.name for column in table.columns)
        out.write(f"{json.dumps(name)}: [")
        count = 0
        result = session.execute(
            select(*(table.c[c] for c in columns)).order_by(*_order(table))
        ).yield_per(2000)
        for row in result:
            record = {column: _plain(value) for column, value in zip(columns, row, strict=True)}
            if name == "user" and not with_passwords:
                record["password_hash"] = None
            for key, value in record.items():
                if isinstance(value, Enum):
                    record[key] = value.value
            out.write(
                ("\n" if count == 0 else ",\n")
                + json.dumps(record, ensure_ascii=False, sort_keys=True)
            )
            count += 1
        out.write("\n]" if count else "]")
        out.write(",\n" if index < len(TABLES) - 1 else "\n")
        counts[name] = count
        if progress:
            progress(name)
    out.write("}\n}\n")
    return counts


def load(session: Session, source: IO[str]) -> dict[str, int]:
    """Read a dump into an empty database in the caller's transaction; returns row counts."""
    try:
        data = json.load(source)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(f"Not a factdb dump: line {exc.lineno}: {exc.msg}.") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationFailed('Not a factdb dump (the file lacks "format": "factdb-dump").')
    if not isinstance(data.get("version", 0), int):
        raise ValidationFailed(f'Not a factdb dump: its "version" is not a whole number. {REMEDY}')
    if data.get("version", 0) > VERSION:
        raise ValidationFailed(
            f"This dump is version {data['version']}; this factdb reads up to {VERSION}. Upgrade factdb."
        )
    tables = data.get("tables", {})
    for name in TABLES:
        if session.scalar(select(func.count()).select_from(_table(name))):
            raise ValidationFailed(
                f"The database is not empty (table {name} has rows); load into a new database."
            )
    if not isinstance(tables, dict):
        raise ValidationFailed(f'The dump\'s "tables" is not an object. {REMEDY}')
    counts: dict[str, int] = {}
    references = References()
    for name in TABLES:
        table = _table(name)
        rows = prepare_rows(table, tables.get(name, []), DERIVED.get(name, {}),
                            _unusable_password if name == "user" else None,
                            length_limits(table, DECLARED_LIMITS.get(name, {})))  # fmt: skip
        references.add(table, rows)
        references.check(table, rows)
        _insert(session, table, rows)
        counts[name] = len(rows)
    # A base key is made from three tables' rows, so it is worked out once all are in.
    refresh_all(session.connection())
    _reset_sequences(session)
    return counts


def _unusable_password(record: dict[str, Any]) -> None:
    if not record.get("password_hash"):
        record["password_hash"] = UNUSABLE_PASSWORD


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Write the rows in batches; a row pointing at one of its own table is linked afterwards.

    A source's parent may have been recorded after it, so such links wait until every row
    of the table is in. A batch the database refuses is retried row by row to name the row.
    """
    links = [key.parent.name for key in table.foreign_keys if key.column.table is table]
    first = [{**row, **dict.fromkeys(links)} for row in rows] if links else rows
    for start in range(0, len(first), 1000):
        batch = first[start : start + 1000]
        try:
            with session.begin_nested():
                session.execute(table.insert(), batch)
        except DBAPIError:
            _name_the_refused_row(session, table, batch, start)
            raise
    if links:
        _link_within(session, table, rows, links)


def _link_within(
    session: Session, table: Table, rows: list[dict[str, Any]], links: list[str]
) -> None:
    """Set the columns that point at rows of the same table, now that all of them are in."""
    (key,) = table.primary_key.columns
    # Columns stamped on update (updated_at) keep the dump's values, so a dump loads back as it was.
    stamped = [column.name for column in table.columns if column.onupdate is not None]
    for row in rows:
        values = {name: row[name] for name in links if row[name] is not None}
        if values:
            values |= {name: row[name] for name in stamped}
            session.execute(table.update().where(key == row[key.name]).values(values))


def _name_the_refused_row(
    session: Session, table: Table, batch: list[dict[str, Any]], start: int
) -> None:
    """Insert a refused batch row by row; raise, naming the first row the database refuses."""
    for offset, row in enumerate(batch):
        try:
            with session.begin_nested():
                session.execute(table.insert(), [row])
        except DBAPIError as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else "refused"
            raise refuse(
                table.name, row, start + offset, f"the database says “{reason}”"
            ) from error


def _reset_sequences(session: Session) -> None:
    """PostgreSQL hands out ids from sequences; move them past the ids just loaded."""
    if session.get_bind().dialect.name != "postgresql":
        return
    inspector = inspect(session.connection())
    for name in TABLES:
        table = _table(name)
        if "id" not in table.c or name not in inspector.get_table_names():
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "  # noqa: S608 (fixed table names)
                f'COALESCE((SELECT MAX(id) FROM "{name}"), 0) + 1, false)'
            )
        )
