"""Alembic environment: runs against the connection factdb hands over, or a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from factdb.models import Base

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names) -> bool:
    """Leave out what the models cannot describe: the search index (FTS5 tables, tsvector columns and indexes)."""
    if type_ == "table" and name and name.startswith("search_index"):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    return not (type_ == "index" and name and name.endswith("_search"))


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("factdb migrations run online only: give a database URL")
run_migrations_online()
