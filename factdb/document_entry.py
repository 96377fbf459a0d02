"""Add or edit a document by hand (the form, the API), refusing one that is already recorded.

The rule is the import's (factdb.importer.matching.find_same_document): the same DOI, the
same address however it was linked (factdb.text.url_key), or the same title and year, unless
something known on both sides tells them apart. The intake and capture ask the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from factdb.documents import (
    DocumentInput,
    create_document,
    get_document,
    update_document,
    validate_document,
)
from factdb.errors import AlreadyRecorded
from factdb.importer.matching import find_same_document
from factdb.models import Document, User
from factdb.text import doi_key, title_key, url_key

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
        _refuse_recorded(session, validate_document(data))
    return create_document(session, user, data)


def edit_document(
    session: Session,
    user: User,
    document_id: int,
    expected_version: int,
    data: DocumentInput,
    *,
    different: bool = False,
) -> Document:
    """Save changes to a document unless they make it one already recorded; `different` says
    the user is sure it is not.

    Only an edit that changes the DOI, address, title or year is checked: two documents
    once saved as different stay editable without asking again.
    """
    if not different:
        document = get_document(session, document_id)
        checked = validate_document(data)
        if _identity(checked) != _identity(document):
            _refuse_recorded(session, checked, exclude=document_id)
    return update_document(session, user, document_id, expected_version, data)


@dataclass(frozen=True)
class DocumentEntry:
    """The add and the edit that the pages and the API hand to their record helpers.

    They differ only in how a request says the user is sure the document is another one
    (a form's box, the API's `?different=true`): `different` reads that.
    """

    different: Callable[[], bool]

    def add(self, session: Session, user: User, data: DocumentInput) -> Document:
        """Add the document, unless it is recorded and the user has not said it is another."""
        return add_document(session, user, data, different=self.different())

    def edit(
        self, session: Session, user: User, document_id: int, version: int, data: DocumentInput
    ) -> Document:
        """Save the changes, unless they make it a recorded document and the user has not
        said it is another."""
        different = self.different()
        return edit_document(session, user, document_id, version, data, different=different)


def _identity(document: Document | DocumentInput) -> tuple[str, str, str, str]:
    """What the same-document rule matches on: DOI, address, title and year."""
    return (
        doi_key(document.doi),
        url_key(document.url or ""),
        title_key(document.title),
        document.published[:4],
    )


def _refuse_recorded(session: Session, data: DocumentInput, exclude: int | None = None) -> None:
    same, reason = find_same_document(session, data, exclude)
    if same is not None:
        raise AlreadyRecorded(
            f"Document #{same.id} “{same.title}” is already recorded with "
            f"{_REASONS.get(reason, reason)}: open it, or save this one only if it is "
            "a different document.",
            _FIELDS.get(reason, "title"),
            same.id,
            same.title,
        )
