"""Add a document typed by hand (the form, the API), refusing one that is already recorded.

The rule is the import's (factdb.importer.matching.find_same_document): the same DOI, the
same address however it was linked (factdb.text.url_key), or the same title and year, unless
something known on both sides tells them apart. The intake and capture ask the same.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from factdb.documents import DocumentInput, create_document, validate_document
from factdb.errors import AlreadyRecorded
from factdb.importer.matching import find_same_document
from factdb.models import Document, User

#: The field a match was found by, where the form says so.
_FIELDS = {"DOI": "doi", "URL": "url", "title and year": "title"}
_REASONS = {
    "DOI": "the same DOI",
    "URL": "the same address",
    "title and year": "the same title and year",
}


def add_document(
    session: Session, user: User | None, data: DocumentInput, *, different: bool = False
) -> Document:
    """Add a document unless it is already recorded; `different` says the user is sure it is not.

    Saved twice, a document splits its citations between two records, and the audit and the
    exports count one piece as two.
    """
    if not different:
        same, reason = find_same_document(session, validate_document(data))
        if same is not None:
            raise AlreadyRecorded(
                f"Document #{same.id} “{same.title}” is already recorded with "
                f"{_REASONS.get(reason, reason)}: open it, or save this one only if it is "
                "a different document.",
                _FIELDS.get(reason, "title"),
                same.id,
                same.title,
            )
    return create_document(session, user, data)
