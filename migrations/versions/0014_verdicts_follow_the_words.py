"""Verdicts follow the words judged: when a claim's text last changed and by whom; automatic review steps.

`claim.text_changed_at` / `text_changed_by_id` say when and by whom the claim's text
last changed (the four-eyes rule counts that person as an author).
`status_change.cause_change_id` marks a step no one decided: the edit that sent a
judged claim back to review. Existing claims take their creation, then the last
recorded edit of their text.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def _add_reference(table: str, column: str, target: str) -> None:
    """Add a nullable column referring to `target`.

    Plain ALTER TABLE, not a batch copy, on every database: copying a table on SQLite
    would drop the triggers of 0003 and 0007 and, with foreign keys on, cascade-delete
    the rows that refer to it. SQLite takes the reference inline, where its reflection
    does not read ON DELETE; neither users nor history rows are ever deleted, so none is set.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f'ALTER TABLE "{table}" ADD COLUMN {column} INTEGER REFERENCES "{target}" (id)')
        return
    op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
    op.create_foreign_key(f"fk_{table}_{column}_{target}", table, target, [column], ["id"])


def upgrade() -> None:
    op.add_column(
        "claim",
        sa.Column(
            "text_changed_at",
            sa.DateTime(),
            nullable=False,
            server_default=sa.text("'2000-01-01 00:00:00'"),
        ),
    )
    _add_reference("claim", "text_changed_by_id", "user")
    _add_reference("status_change", "cause_change_id", "change")
    connection = op.get_bind()
    claim = sa.table(
        "claim",
        sa.column("id", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("created_by_id", sa.Integer),
        sa.column("text_changed_at", sa.DateTime),
        sa.column("text_changed_by_id", sa.Integer),
    )
    connection.execute(
        claim.update().values(
            text_changed_at=claim.c.created_at, text_changed_by_id=claim.c.created_by_id
        )
    )
    # Then the last recorded edit of each claim's text (the history keeps which fields changed).
    change = sa.table(
        "change",
        sa.column("id", sa.Integer),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("fields", sa.JSON),
        sa.column("user_id", sa.Integer),
        sa.column("at", sa.DateTime),
    )
    last, latest = 0, {}
    while True:
        rows = connection.execute(
            sa.select(
                change.c.id, change.c.entity_id, change.c.fields, change.c.user_id, change.c.at
            )
            .where(change.c.entity == "claim", change.c.action == "updated", change.c.id > last)
            .order_by(change.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for _id, claim_id, fields, user_id, at in rows:
            if "text" in (fields or {}):
                latest[claim_id] = (at, user_id)
        last = rows[-1][0]
    updates = [{"row_id": k, "at": at, "by": by} for k, (at, by) in latest.items()]
    for start in range(0, len(updates), BATCH):
        connection.execute(
            claim.update()
            .where(claim.c.id == sa.bindparam("row_id"))
            .values(text_changed_at=sa.bindparam("at"), text_changed_by_id=sa.bindparam("by")),
            updates[start : start + BATCH],
        )
    if connection.dialect.name != "sqlite":
        op.alter_column("claim", "text_changed_at", server_default=None)


def downgrade() -> None:
    # Dropping a column drops its reference too (SQLite 3.35 and later, PostgreSQL).
    op.drop_column("status_change", "cause_change_id")
    op.drop_column("claim", "text_changed_by_id")
    op.drop_column("claim", "text_changed_at")
