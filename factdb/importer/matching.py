"""Match references to documents already in the database, then create the rest.

A reference is the same document as an existing one with the same DOI (any case), the
same URL key (factdb.text.url_key: scheme, "www.", tracking parameters and a final slash
folded away), or the same title key and year. The title key
is computed in Python and stored (Document.title_key), so that SQLite and PostgreSQL
agree whatever the script. Lookups go in batches: a file of 10,000 references costs a
few dozen queries, not 30,000.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from factdb.documents import DocumentInput, create_document
from factdb.errors import ValidationFailed
from factdb.importer.model import ImportFailed, ImportProblem, Reference
from factdb.models import Document, User
from factdb.text import title_key, url_key

BATCH = 500


@dataclass
class PlanItem:
    reference: Reference
    #: The existing document this reference is the same as, or None to create one.
    match: Document | None = None
    #: Why it matched: "DOI", "URL", "title and year", or "earlier in this file".
    reason: str = ""
    duplicate_of: int | None = None

    @property
    def action(self) -> str:
        return "create" if self.match is None and self.duplicate_of is None else "match"


def _keys(reference: Reference) -> list[tuple[str, str]]:
    document = reference.document
    keys = []
    if document.doi:
        keys.append(("DOI", "doi:" + document.doi.casefold()))
    if url_key(document.url):
        keys.append(("URL", "url:" + url_key(document.url)))
    keys.append(("title and year", f"title:{title_key(document.title)}|{document.published[:4]}"))
    return keys


def _batches(values: Iterable[str]) -> Iterator[list[str]]:
    ordered = sorted(set(values))
    for start in range(0, len(ordered), BATCH):
        yield ordered[start : start + BATCH]


class _Existing:
    """What the database already holds, looked up in batches for a whole file."""

    def __init__(self, session: Session, references: list[Reference]) -> None:
        documents = [reference.document for reference in references]
        self.by_doi: dict[str, int] = {}
        self.by_url: dict[str, int] = {}
        self.by_title: dict[str, list[tuple[str, int]]] = {}
        for batch in _batches(d.doi.casefold() for d in documents if d.doi):
            rows = session.execute(
                select(func.lower(Document.doi), Document.id)
                .where(func.lower(Document.doi).in_(batch))
                .order_by(Document.id)
            )
            for doi, document_id in rows:
                self.by_doi.setdefault(doi.casefold(), document_id)
        for batch in _batches(url_key(d.url) for d in documents if url_key(d.url)):
            rows = session.execute(
                select(Document.url_key, Document.id)
                .where(Document.url_key.in_(batch))
                .order_by(Document.id)
            )
            for key, document_id in rows:
                self.by_url.setdefault(key, document_id)
        for batch in _batches(title_key(d.title) for d in documents):
            rows = session.execute(
                select(Document.title_key, Document.published, Document.id)
                .where(Document.title_key.in_(batch))
                .order_by(Document.id)
            )
            for key, published, document_id in rows:
                self.by_title.setdefault(key, []).append((published, document_id))

    def find(self, reference: Reference) -> tuple[int | None, str]:
        document = reference.document
        if document.doi and document.doi.casefold() in self.by_doi:
            return self.by_doi[document.doi.casefold()], "DOI"
        if url_key(document.url) in self.by_url:
            return self.by_url[url_key(document.url)], "URL"
        year = document.published[:4]
        for published, document_id in self.by_title.get(title_key(document.title), []):
            if not year or published.startswith(year):
                return document_id, "title and year"
        return None, ""


def plan(session: Session, references: list[Reference]) -> list[PlanItem]:
    """Decide for each reference whether it is already in the database (or earlier in the file)."""
    existing = _Existing(session, references)
    items: list[PlanItem] = []
    seen: dict[str, int] = {}
    matched: dict[int, list[PlanItem]] = {}
    for index, reference in enumerate(references):
        item = PlanItem(reference)
        keys = _keys(reference)
        earlier = next((seen[key] for _, key in keys if key in seen), None)
        if earlier is not None:
            item.duplicate_of, item.reason = earlier, "earlier in this file"
        else:
            document_id, item.reason = existing.find(reference)
            if document_id is not None:
                matched.setdefault(document_id, []).append(item)
        for _, key in keys:
            seen.setdefault(key, index)
        items.append(item)
    for batch in _batches([str(i) for i in matched]):
        ids = [int(i) for i in batch]
        for document in session.scalars(
            select(Document).where(Document.id.in_(ids)).options(defer(Document.full_text))
        ):
            for item in matched[document.id]:
                item.match = document
    return items


@dataclass
class ImportResult:
    created: list[Document]
    matched: int


def apply(session: Session, user: User | None, items: list[PlanItem]) -> ImportResult:
    """Create the documents the plan calls for, in the caller's transaction."""
    created = []
    for item in items:
        if item.action != "create":
            continue
        reference = item.reference
        reference.document.authors = list(reference.authors)
        try:
            created.append(create_document(session, user, reference.document))
        except ValidationFailed as error:
            raise ImportFailed(
                [
                    ImportProblem(reference.line, reference.label, message)
                    for message in (error.fields or {"": str(error)}).values()
                ]
            ) from error
    return ImportResult(created, len(items) - len(created))


def find_same_document(session: Session, document: DocumentInput) -> tuple[Document | None, str]:
    """The recorded document `document` is the same as, and why; the intake asks this too, so
    that an article pasted twice is never recorded twice."""
    document_id, reason = _Existing(session, [Reference(0, "", document)]).find(
        Reference(0, "", document)
    )
    return (session.get(Document, document_id) if document_id else None), reason
