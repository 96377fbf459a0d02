"""Sources start "not graded" (U) rather than F: the reliability column accepts the new value.

Only the CHECK constraint changes, and it only widens: every stored value still
satisfies it. PostgreSQL replaces the constraint. SQLite cannot alter a constraint,
and rebuilding the source table would drop its triggers and, with foreign keys on,
run the cascades of its references; so the table's recorded definition is edited
in place, which SQLite documents as safe for loosening a CHECK constraint.
Existing sources keep their grade: an F already given is not second-guessed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27 00:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "'A', 'B', 'C', 'D', 'E', 'F'"
NEW = "'A', 'B', 'C', 'D', 'E', 'F', 'U'"
CONSTRAINT = "ck_source_reliability"


def _sqlite_check(old: str, new: str) -> None:
    connection = op.get_bind()
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'source'"
    ).scalar_one()
    clause = f"CONSTRAINT {CONSTRAINT} CHECK (reliability IN ({old}))"
    if clause not in sql:
        raise RuntimeError(f"the source table's reliability check is not the expected {clause!r}")
    version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'source'",
        (sql.replace(clause, f"CONSTRAINT {CONSTRAINT} CHECK (reliability IN ({new}))"),),
    )
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")


def _check(old: str, new: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_check(old, new)
        return
    op.drop_constraint(op.f(CONSTRAINT), "source", type_="check")
    op.create_check_constraint(op.f(CONSTRAINT), "source", f"reliability IN ({new})")


def upgrade() -> None:
    _check(OLD, NEW)


def downgrade() -> None:
    # Before this revision there was no "not graded": such sources become F ("cannot be judged").
    op.execute("UPDATE source SET reliability = 'F' WHERE reliability = 'U'")
    _check(NEW, OLD)
