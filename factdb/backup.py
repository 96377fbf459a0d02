"""Online backup and restore of a SQLite database (consistent while the app serves)."""

from __future__ import annotations

import sqlite3
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


def backup(engine: Engine, target: Path, pages_per_step: int = 1024) -> None:
    """Copy the live database to `target` with SQLite's online backup API."""
    source = sqlite3.connect(_sqlite_path(engine))
    destination = sqlite3.connect(str(target))
    try:
        source.backup(destination, pages=pages_per_step)
    finally:
        destination.close()
        source.close()


def restore(engine: Engine, backup_file: Path) -> None:
    """Replace the database's contents with a backup, through the backup API (no file swapping)."""
    path = _sqlite_path(engine)
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
        engine.dispose()
        destination = sqlite3.connect(path)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationFailed(f"{backup_file} is not a SQLite database: {exc}") from exc
    finally:
        source.close()
