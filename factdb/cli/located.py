"""Where a command looked for the database, and what to do when no factdb database is there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from factdb import config

#: The demo's own file in the data folder, beside the default database and never in it.
DEMO_FILE = "demo.sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file a SQLite URL names, else None (another database, memory, or no URL at all)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # said by factdb.db when the engine is made
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def require_database(settings: dict[str, Any]) -> None:
    """Refuse, before anything connects, to use a SQLite database that is not there.

    SQLite creates a missing file on the first connection: a command that only reads
    (an export, the audit) would leave an empty database behind and then fail on its
    first table, blaming the database it had just made.
    """
    path = sqlite_path(settings["DATABASE_URL"])
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        raise click.ClickException(no_database(settings, path))


def no_database(settings: dict[str, Any], path: Path) -> str:
    """Say where no factdb database was found, how to make one, and where the demo's is."""
    if not settings.get("DATABASE_URL_IS_DEFAULT"):
        return (
            f"No factdb database at {path}, which FACTDB_DATABASE_URL names: run `factdb init` "
            "to create it there, or point FACTDB_DATABASE_URL at your database."
        )
    told = (
        f"No factdb database at {path}: run `factdb init` to create one there, or set "
        "FACTDB_DATA_DIR (or FACTDB_DATABASE_URL) to where yours is."
    )
    demo = config.data_dir(settings) / DEMO_FILE
    if demo.exists():
        told += (
            f" The demo database is at {demo} (`factdb serve --demo` keeps it apart); to read "
            f"it, set FACTDB_DATABASE_URL={config.default_database_url(demo.parent, DEMO_FILE)}."
        )
    return told


def unopened(settings: dict[str, Any], reason: str) -> str:
    """What a command says when the database it was given cannot be used: named as it was named."""
    path = sqlite_path(settings["DATABASE_URL"])
    if path is not None and reason.startswith("no such table"):
        return no_database(settings, path)
    if settings.get("DATABASE_URL_IS_DEFAULT"):
        return (
            f"Cannot open the database at {path}: {reason}. Check that its folder exists and "
            "can be written, or run `factdb init`."
        )
    return (
        f"Cannot open the database that FACTDB_DATABASE_URL names: {reason}. Check that its "
        "server is running and the URL is right (for SQLite, that the folder exists)."
    )
