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
from sqlalchemy.orm import Session

from factdb import migrate
from factdb.errors import ValidationFailed
from factdb.models import Base
from factdb.text import key_stem, title_key

FORMAT = "factdb-dump"
VERSION = 1
#: Tables in the order they can be loaded (parents before children).
TABLES = [
    "user", "source", "source_alias", "document", "document_author", "tag", "claim", "claim_tag",
    "citation", "status_change", "status_change_evidence", "change",
    "assignment", "claim_note", "saved_view", "notification",
]  # fmt: skip
#: Columns computed from others, recomputed on load when a dump lacks them.
DERIVED = {
    "document": {
        "text_hash": lambda row: (
            hashlib.sha256(row["full_text"].encode()).hexdigest() if row.get("full_text") else ""
        ),
        "title_key": lambda row: title_key(row.get("title", "")),
        "key_stem": lambda row: key_stem(row.get("title", ""), row.get("published", "") or ""),
    }
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


def _parse_value(column, value: Any) -> Any:
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


def load(session: Session, source: IO[str]) -> dict[str, int]:
    """Read a dump into an empty database in the caller's transaction; returns row counts."""
    try:
        data = json.load(source)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(f"Not a factdb dump: line {exc.lineno}: {exc.msg}.") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationFailed('Not a factdb dump (the file lacks "format": "factdb-dump").')
    if int(data.get("version", 0)) > VERSION:
        raise ValidationFailed(
            f"This dump is version {data['version']}; this factdb reads up to {VERSION}. Upgrade factdb."
        )
    tables = data.get("tables", {})
    for name in TABLES:
        if session.scalar(select(func.count()).select_from(_table(name))):
            raise ValidationFailed(
                f"The database is not empty (table {name} has rows); load into a new database."
            )
    counts: dict[str, int] = {}
    for name in TABLES:
        table = _table(name)
        rows = tables.get(name, [])
        derived = DERIVED.get(name, {})
        prepared = []
        for row in rows:
            record = {}
            for column in table.columns:
                if column.name in row:
                    record[column.name] = _parse_value(column, row[column.name])
                elif column.name in derived:
                    record[column.name] = derived[column.name](row)
                elif column.default is not None and column.default.is_scalar:
                    record[column.name] = column.default.arg
                elif column.nullable:
                    record[column.name] = None
                else:
                    raise ValidationFailed(f"The dump's {name} rows lack the column {column.name}.")
            if name == "user" and not record.get("password_hash"):
                record["password_hash"] = UNUSABLE_PASSWORD
            prepared.append(record)
        for start in range(0, len(prepared), 1000):
            session.execute(table.insert(), prepared[start : start + 1000])
        counts[name] = len(prepared)
    _reset_sequences(session)
    return counts


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
