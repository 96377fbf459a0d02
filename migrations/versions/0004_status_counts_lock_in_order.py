"""Status counters: one row per status from the start, locked in a fixed order on PostgreSQL.

Two claims changing status in opposite directions at once (true -> mixed and
mixed -> true) would otherwise lock the two counter rows in opposite orders and
deadlock.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 15:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = (
    "unverified",
    "in_review",
    "true",
    "mostly_true",
    "mixed",
    "mostly_false",
    "false",
    "unproven",
    "retracted",
)

ORDERED_FUNCTION = """CREATE OR REPLACE FUNCTION factdb_claim_status_count() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM 1 FROM claim_status_count WHERE status IN (OLD.status, NEW.status) ORDER BY status FOR UPDATE;
        UPDATE claim_status_count SET count = count - 1 WHERE status = OLD.status;
        UPDATE claim_status_count SET count = count + 1 WHERE status = NEW.status;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE claim_status_count SET count = count - 1 WHERE status = OLD.status;
    ELSE
        UPDATE claim_status_count SET count = count + 1 WHERE status = NEW.status;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql"""

PREVIOUS_FUNCTION = """CREATE OR REPLACE FUNCTION factdb_claim_status_count() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claim_status_count SET count = count - 1 WHERE status = OLD.status;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO claim_status_count(status, count) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET count = claim_status_count.count + 1;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql"""


def upgrade() -> None:
    for status in STATUSES:
        op.execute(
            f"INSERT INTO claim_status_count (status, count) SELECT '{status}', 0 "  # noqa: S608 (constants)
            f"WHERE NOT EXISTS (SELECT 1 FROM claim_status_count WHERE status = '{status}')"
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(ORDERED_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PREVIOUS_FUNCTION)
