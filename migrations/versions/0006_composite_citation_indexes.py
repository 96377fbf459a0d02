"""Cover a source's and a document's claims with composite citation indexes.

The source page read 5,000 citation rows to find a much-quoted source's claims;
with (speaker_id, claim_id) the index alone answers. Same for documents.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 17:30:32.640959
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_citation_speaker_id_claim_id", "citation", ["speaker_id", "claim_id"])
    op.create_index("ix_citation_document_id_claim_id", "citation", ["document_id", "claim_id"])
    # The new indexes begin with the same columns, so they serve every lookup these did.
    op.drop_index("ix_citation_speaker_id", table_name="citation")
    op.drop_index("ix_citation_document_id", table_name="citation")


def downgrade() -> None:
    op.create_index("ix_citation_document_id", "citation", ["document_id"])
    op.create_index("ix_citation_speaker_id", "citation", ["speaker_id"])
    op.drop_index("ix_citation_document_id_claim_id", table_name="citation")
    op.drop_index("ix_citation_speaker_id_claim_id", table_name="citation")
