"""Names and titles already stored lose the invisible characters that can spoof them.

New input has lost text-direction overrides and zero-width characters since
factdb.text.clean_line; a source recorded before as "\u202eThe minister" still showed
reversed, and its stored name key no longer matched the name typed plainly. Sources'
names, roles and name parts, their aliases, and documents' titles, outlets and
publishers are cleaned the same way, with their keys computed again. An alias whose
cleaned key another alias already holds is left as it was (the key is unique).

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-27 09:40:00
"""

from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

from factdb.text import clean_line, key_stem, name_key, title_key

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def _rows(connection: sa.Connection, table: sa.TableClause, columns: list[str]) -> Iterator[tuple]:
    """Every row's id and `columns`, in batches by id."""
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table.c.id, *(table.c[name] for name in columns))
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


def _changed(row: tuple, columns: list[str]) -> dict[str, str] | None:
    values = dict(zip(columns, row[1:], strict=True))
    cleaned = {name: clean_line(value) if value else value for name, value in values.items()}
    return cleaned if cleaned != values else None


def _update(connection: sa.Connection, table: sa.TableClause, row_id: int, values: dict) -> None:
    connection.execute(table.update().where(table.c.id == row_id).values(**values))


def upgrade() -> None:
    connection = op.get_bind()
    columns = ["name", "role", "family_name", "given_name"]
    source = sa.table("source", sa.column("id", sa.Integer), sa.column("name_key", sa.String),
                      *(sa.column(name, sa.String) for name in columns))  # fmt: skip
    for row in _rows(connection, source, columns):
        if cleaned := _changed(row, columns):
            _update(connection, source, row[0], {**cleaned, "name_key": name_key(cleaned["name"])})
    alias = sa.table("source_alias", sa.column("id", sa.Integer), sa.column("name", sa.String),
                     sa.column("name_key", sa.String))  # fmt: skip
    taken = set(connection.execute(sa.select(alias.c.name_key)).scalars())
    for row in _rows(connection, alias, ["name"]):
        cleaned = _changed(row, ["name"])
        if cleaned and cleaned["name"] and name_key(cleaned["name"]) not in taken:
            key = name_key(cleaned["name"])
            taken.add(key)
            _update(connection, alias, row[0], {"name": cleaned["name"], "name_key": key})
    columns = ["title", "container_title", "publisher"]
    document = sa.table("document", sa.column("id", sa.Integer), sa.column("published", sa.String),
                        sa.column("title_key", sa.String), sa.column("key_stem", sa.String),
                        *(sa.column(name, sa.String) for name in columns))  # fmt: skip
    for row in _rows(connection, document, [*columns, "published"]):
        if cleaned := _changed(row[:-1], columns):
            title, published = cleaned["title"], row[-1] or ""
            _update(connection, document, row[0], {**cleaned, "title_key": title_key(title),
                                                   "key_stem": key_stem(title, published)})  # fmt: skip


def downgrade() -> None:
    """Nothing to undo: the characters dropped showed nothing."""
