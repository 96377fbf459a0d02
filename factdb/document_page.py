"""What a document's page reads beside the document and its citations, in one statement.

Its edits, and whether it has any capture or check, were three statements (three round
trips to PostgreSQL) on every document page, though most documents have neither
captures nor checks: now one (factdb.rowsets), and the captures and checks are read
only when there are some.
"""

from __future__ import annotations

from sqlalchemy import bindparam, literal, select
from sqlalchemy.orm import Session

from factdb.capture.evidence import Evidence, document_evidence
from factdb.history import RECORD_CHANGES, ChangeEntry, change_entries
from factdb.models import Capture, Document, SourceCheck
from factdb.rowsets import Sets

_DOCUMENT_ID = bindparam("document_id")
_AROUND = Sets(
    {
        "changes": RECORD_CHANGES,
        "captured": select(literal(1)).where(Capture.document_id == _DOCUMENT_ID).limit(1),
        "checked": select(literal(1)).where(SourceCheck.document_id == _DOCUMENT_ID).limit(1),
    }
)


def changes_and_evidence(
    session: Session, document: Document
) -> tuple[list[ChangeEntry], Evidence]:
    """The document's edits, oldest first, and its captures and checks (read if any)."""
    params = {"document_id": document.id, "entity": "document", "entity_id": document.id}
    sets = _AROUND.read(session.connection(), params)
    changes = change_entries(sets["changes"])
    if sets["captured"] or sets["checked"]:
        return changes, document_evidence(session, document)
    return changes, Evidence(checkable=document.url.startswith(("http://", "https://")))
