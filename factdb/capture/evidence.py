"""What a document page shows about its evidence: captures and the checks of its address."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from factdb.capture.recheck import checks_of
from factdb.capture.service import captures_of
from factdb.models import Capture, Document, SourceCheck


@dataclass
class Evidence:
    captures: list[Capture] = field(default_factory=list)
    checks: list[SourceCheck] = field(default_factory=list)
    #: The document has a web address that a recheck can visit.
    checkable: bool = False

    @property
    def latest(self) -> Capture | None:
        return self.captures[0] if self.captures else None


def document_evidence(session: Session, document: Document, *, checks: int = 20) -> Evidence:
    """A document's captures (newest first) and its latest checks (two queries)."""
    return Evidence(
        captures=captures_of(session, document.id),
        checks=checks_of(session, document.id, limit=checks),
        checkable=document.url.startswith(("http://", "https://")),
    )
