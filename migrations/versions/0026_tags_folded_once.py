"""Tags typed in other forms of the same letters are merged into one tag.

A tag was folded for case only, so "ＣＯＵＲＴＳ" (full-width) became a tag of its own beside
"courts". Tags now take NFKC and casefold (factdb.text.tag_name) on every path; this
revision renames each recorded tag to that name, and where two fold to one, keeps the
older tag and moves the other's claims onto it. There is no way back: nothing records
which spelling each claim was tagged with, so the downgrade leaves the tags merged.

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-27 09:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from factdb.text import tag_name

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TAG = sa.table("tag", sa.column("id", sa.Integer), sa.column("name", sa.String))
CLAIM_TAG = sa.table(
    "claim_tag", sa.column("claim_id", sa.Integer), sa.column("tag_id", sa.Integer)
)


def upgrade() -> None:
    connection = op.get_bind()
    keepers: dict[str, int] = {}
    renamed: list[tuple[int, str]] = []
    for tag_id, name in connection.execute(sa.select(TAG.c.id, TAG.c.name).order_by(TAG.c.id)):
        folded = tag_name(name)[:100] or name
        keeper = keepers.setdefault(folded, tag_id)
        if keeper != tag_id:
            _merge(connection, tag_id, keeper)
        elif folded != name:
            renamed.append((tag_id, folded))
    # Renamed last: a tag may take the name a merged one held until then.
    for tag_id, folded in renamed:
        connection.execute(TAG.update().where(TAG.c.id == tag_id).values(name=folded))


def _merge(connection: sa.Connection, tag_id: int, keeper: int) -> None:
    """Move the tag's claims onto the tag kept (once each), then drop the tag."""
    tagged = sa.select(CLAIM_TAG.c.claim_id).where(CLAIM_TAG.c.tag_id == keeper)
    connection.execute(
        CLAIM_TAG.update()
        .where(CLAIM_TAG.c.tag_id == tag_id, CLAIM_TAG.c.claim_id.not_in(tagged))
        .values(tag_id=keeper)
    )
    connection.execute(CLAIM_TAG.delete().where(CLAIM_TAG.c.tag_id == tag_id))
    connection.execute(TAG.delete().where(TAG.c.id == tag_id))


def downgrade() -> None:
    """Leave the tags merged: which spelling each claim had is not recorded anywhere."""
