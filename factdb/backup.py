"""Online backup and restore of a SQLite database (consistent while the app serves)."""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

from sqlalchemy import Engine

from factdb.errors import ValidationFailed


def _sqlite_path(engine: Engine) -> str:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise ValidationFailed(
            "backup and restore work on SQLite files; for PostgreSQL use `factdb dump` and `factdb load`, "
            "or pg_dump and pg_restore (see README)."
        )
    return engine.url.database


#: SQLite's "dead man switch" in the WAL index (`-shm`): every connection that has the
#: database open holds a shared lock on this byte (https://sqlite.org/walformat.html).
_WAL_INDEX_DMS_BYTE = 128
#: Linux's `struct flock`: type, whence, start, length, pid (and padding).
_FLOCK = "hhqqi4x"


def process_using(path: str) -> int | None:
    """The id of a process (possibly this one) that has the SQLite database open, or None.

    Asks the kernel who holds SQLite's lock on the WAL index, without taking any lock
    and without opening the database. Linux only; elsewhere it cannot tell (returns None).
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        return None
    query = getattr(fcntl, "F_OFD_GETLK", None)
    wal_index = Path(f"{path}-shm")
    if query is None or not wal_index.exists():
        return None
    with wal_index.open("rb") as handle:
        asked = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, _WAL_INDEX_DMS_BYTE, 1, 0)
        answer = fcntl.fcntl(handle.fileno(), query, asked)
    lock_type, _whence, _start, _length, pid = struct.unpack(_FLOCK, answer)
    return None if lock_type == fcntl.F_UNLCK else pid


def backup(engine: Engine, target: Path, pages_per_step: int = 1024) -> None:
    """Copy the live database to `target` with SQLite's online backup API."""
    source = sqlite3.connect(_sqlite_path(engine))
    destination = sqlite3.connect(str(target))
    try:
        source.backup(destination, pages=pages_per_step)
    finally:
        destination.close()
        source.close()


def refuse_if_in_use(engine: Engine) -> str:
    """Return the database's file, or raise ValidationFailed while any connection has it open."""
    path = _sqlite_path(engine)
    engine.dispose()  # this process's own pooled connections do not count
    user = process_using(path)
    if user is not None:
        who = (
            "another connection of this program"
            if user == os.getpid()
            else f"process {user} (a running `factdb serve`, a worker or another command)"
        )
        raise ValidationFailed(
            f"{path} is in use: {who} has it open. Stop it, then restore again; nothing was changed."
        )
    return path


def restore(engine: Engine, backup_file: Path) -> None:
    """Replace the database's contents with a backup, through the backup API (no file swapping).

    Refused while any other connection has the database open: a server still running
    would go on acknowledging writes that the restore then silently replaces.
    """
    path = refuse_if_in_use(engine)
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        tables = {
            row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not {"claim", "alembic_version"} <= tables:
            raise ValidationFailed(f"{backup_file} is not a factdb backup (it has no claim table).")
        check = source.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise ValidationFailed(f"{backup_file} is damaged: {check}")
        destination = sqlite3.connect(path)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationFailed(f"{backup_file} is not a SQLite database: {exc}") from exc
    finally:
        source.close()
