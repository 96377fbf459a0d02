"""Jobs can be cancelled: who asked and when, and the state "cancelled".

A waiting job is cancelled at once; a running one is asked to stop and stops at its next
progress report. The state's CHECK constraint only widens; on SQLite its recorded
definition is edited in place as in 0017 (a table rebuild would drop `job` while
`source_check` rows point at it, and its ON DELETE SET NULL would clear them).

Revision ID: 0033
Revises: 0032
Create Date: 2026-11-28 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATES = ["queued", "running", "done", "failed"]
NEW_STATES = [*OLD_STATES, "cancelled"]
CONSTRAINT = "ck_job_job_state"


def _values(states: list[str]) -> str:
    return ", ".join(f"'{value}'" for value in states)


def _sqlite_table_sql(edit: tuple[str, str] | None = None) -> str:
    """The job table's recorded definition, edited in place when `edit` is (old, new)."""
    connection = op.get_bind()
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'job'"
    ).scalar_one()
    if edit is None:
        return sql
    old, new = edit
    if old not in sql:
        raise RuntimeError(f"the job table's definition lacks the expected {old!r}")
    version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'job'",
        (sql.replace(old, new),),
    )
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")
    return sql


def _check(old: list[str], new: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        clause = "CONSTRAINT {} CHECK (state IN ({}))"
        _sqlite_table_sql(
            (clause.format(CONSTRAINT, _values(old)), clause.format(CONSTRAINT, _values(new)))
        )
        return
    op.drop_constraint(op.f(CONSTRAINT), "job", type_="check")
    op.create_check_constraint(op.f(CONSTRAINT), "job", f"state IN ({_values(new)})")


#: The reference, written as SQLite records the table's others (and reflects them back).
_CREATED_BY = "CONSTRAINT fk_job_created_by_id_user FOREIGN KEY(created_by_id) REFERENCES user (id) ON DELETE SET NULL"
_CANCELLED_BY = "CONSTRAINT fk_job_cancelled_by_id_user FOREIGN KEY(cancelled_by_id) REFERENCES user (id) ON DELETE SET NULL"


def upgrade() -> None:
    op.add_column("job", sa.Column("cancelled_at", sa.DateTime(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # ALTER TABLE adds no table constraint: the reference is added to the recorded
        # definition, which changes nothing stored (every row's value is NULL).
        op.execute("ALTER TABLE job ADD COLUMN cancelled_by_id INTEGER")
        _sqlite_table_sql((_CREATED_BY, f"{_CREATED_BY}, \n\t{_CANCELLED_BY}"))
    else:
        op.add_column("job", sa.Column("cancelled_by_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_job_cancelled_by_id_user"), "job", "user", ["cancelled_by_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
    _check(OLD_STATES, NEW_STATES)


def downgrade() -> None:
    # Before this revision a job could not be cancelled: a cancelled one reads as failed.
    job = sa.table("job", sa.column("state", sa.String))
    op.execute(job.update().where(job.c.state == "cancelled").values(state="failed"))
    _check(NEW_STATES, OLD_STATES)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops no column a reference is declared on: the declaration goes first.
        _sqlite_table_sql((f", \n\t{_CANCELLED_BY}", ""))
    else:
        op.drop_constraint(op.f("fk_job_cancelled_by_id_user"), "job", type_="foreignkey")
    op.drop_column("job", "cancelled_by_id")
    op.drop_column("job", "cancelled_at")
