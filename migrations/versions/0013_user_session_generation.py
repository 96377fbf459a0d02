"""A session generation per account: log-out, a new password or disabling ends every log-in.

Log-ins are signed cookies that the server does not keep; each now carries the
account's generation, and a cookie from an older generation is refused.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not batch mode: rebuilding "user" on SQLite would drop its
# data-revision triggers (revision 0007). DROP COLUMN needs SQLite 3.35 (2021).


def upgrade() -> None:
    op.add_column(
        "user", sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False)
    )


def downgrade() -> None:
    op.drop_column("user", "session_generation")
