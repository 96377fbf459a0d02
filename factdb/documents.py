"""Documents: create, edit, find, and list them with the claims found in each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from factdb.audit.quotes import text_hash
from factdb.authorship import AuthorSpec, KnownNames, set_authors
from factdb.declarations.document import DOCUMENT, MAX_FULL_TEXT  # noqa: F401
from factdb.errors import ValidationFailed
from factdb.history import record_change
from factdb.keyset import Key, read_page
from factdb.models import Citation, Document, DocumentAuthor, Source, User
from factdb.pagination import Page, clamp_page
from factdb.records import claims_citing, load_one, refuse_stale
from factdb.text import bare_doi, clean, clean_line, is_web_url, like_escaped, title_key, url_key
from factdb.vocab import DocumentType
from factdb.wording import counted

#: The fields the history records, from the declaration (authors are recorded by name).
TRACKED_FIELDS = DOCUMENT.tracked
#: What a document is loaded with: its authors and who created and last changed it.
#: One statement for a document and all it shows: on PostgreSQL each further statement
#: (one per selectinload) is a round trip to the server.
DOCUMENT_LOADS = (
    joinedload(Document.authors).joinedload(DocumentAuthor.source),
    joinedload(Document.created_by),
    joinedload(Document.updated_by),
)

#: Most authors one document lists (a form, the API or one imported entry); more is refused.
MAX_AUTHORS = 100
#: Most characters one of a document's other fields (`extra`) holds, and all of them together
#: (names and values): a long abstract or note fits (abstracts rarely pass 5,000), while a
#: file that would store megabytes in every entry does not.
MAX_EXTRA_FIELD = 20_000
MAX_EXTRA = 50_000

#: Document types whose outlet is who issued them (CSL's publisher), not a newspaper, site
#: or journal that contains them: a press release's outlet is the ministry that put it out.
ISSUED_TYPES = frozenset(
    {
        DocumentType.PRESS_RELEASE,
        DocumentType.REPORT,
        DocumentType.BOOK,
        DocumentType.THESIS,
        DocumentType.DATASET,
    }
)


def outlet_fields(doc_type: DocumentType, outlet: str) -> dict[str, str]:
    """Put an outlet typed for a new document where its citation formats look for it.

    In the container an issued document's APA reference reads "In <outlet>" and loses its
    full date; as its publisher it reads as the body that issued it.
    """
    return {"publisher" if doc_type in ISSUED_TYPES else "container_title": outlet}


#: What create_document and update_document take: one attribute per declared field.
DocumentInput = DOCUMENT.input_class


def document_detail(document: Document) -> str:
    """What tells a document from others of the same title in suggestions: outlet and date."""
    return ", ".join(part for part in (document.container_title, document.published) if part) or (
        document.doc_type.label
    )


def extra_too_long(extra: Mapping[str, str]) -> str:
    """What makes a document's other fields too long to keep ("" when they fit).

    Said the same way by a form, the API and an import (which adds the entry's line).
    """
    for name, value in extra.items():
        if len(value) > MAX_EXTRA_FIELD:
            return (
                f"the other field {name[:80]!r} is {len(value):,} characters long; "
                f"one holds at most {MAX_EXTRA_FIELD:,}"
            )
    total = sum(len(name) + len(value) for name, value in extra.items())
    if total > MAX_EXTRA:
        return (
            f"the other fields hold {total:,} characters together; "
            f"a document keeps at most {MAX_EXTRA:,}"
        )
    return ""


def validate_document(data: DocumentInput) -> DocumentInput:
    """Check every field against the declaration; ValidationFailed names each one at fault."""
    values = DOCUMENT.validate({**vars(data), "authors": []})
    if not isinstance(data.authors, list) or not all(
        isinstance(author, (str, int, AuthorSpec)) and not isinstance(author, bool)
        for author in data.authors
    ):
        raise ValidationFailed(
            "Please correct the marked fields.",
            {"authors": "Give each author as a source id or a name."},
        )
    if too_long := extra_too_long(values.get("extra") or {}):
        raise ValidationFailed(
            "Please correct the marked fields.",
            {"extra": f"{too_long[0].upper()}{too_long[1:]}: shorten it or leave it out."},
        )
    if len(data.authors) > MAX_AUTHORS:
        raise ValidationFailed(
            "Please correct the marked fields.",
            {
                "authors": f"A document takes at most {MAX_AUTHORS} authors; {len(data.authors):,} were given."
            },
        )
    # One DOI typed many ways ("https://doi.org/10.…", "doi:10.…") is kept as one.
    values["doi"] = bare_doi(values.get("doi"))
    values["authors"] = [
        clean_line(author) if isinstance(author, str) else author
        for author in data.authors
        if not isinstance(author, str) or clean_line(author)
    ]
    return DocumentInput(**values)


def _apply(
    session: Session,
    user: User | None,
    document: Document,
    data: DocumentInput,
    known: KnownNames | None = None,
) -> None:
    for name in DOCUMENT.values(document):
        setattr(document, name, getattr(data, name))
    document.text_hash = text_hash(data.full_text)
    set_authors(session, user, document, data.authors, known)


def _tracked(session: Session, document: Document) -> dict:
    values = DOCUMENT.snapshot(document)
    # Long texts would bloat the history; record that the text changed, not the text.
    values["full_text"] = (
        counted(len(document.full_text), "character") if document.full_text else ""
    )
    ids = [author.source_id for author in document.authors]
    names = (
        dict(session.execute(select(Source.id, Source.name).where(Source.id.in_(ids))).all())
        if ids
        else {}
    )
    values["authors"] = [
        author.name or names.get(author.source_id, f"#{author.source_id}")
        for author in document.authors
    ]
    return values


def create_document(
    session: Session, user: User | None, data: DocumentInput, known: KnownNames | None = None
) -> Document:
    """Add a document, creating author sources that do not exist yet (`known`: the recorded
    names an import read at once)."""
    data = validate_document(data)
    document = Document(created_by_id=user.id if user else None, authors=[])
    document.updated_by_id = document.created_by_id
    _apply(session, user, document, data, known)
    session.add(document)
    session.flush()
    record_change(
        session,
        entity="document",
        entity_id=document.id,
        action="created",
        before={},
        after=_tracked(session, document),
        user=user,
    )
    return document


def update_document(
    session: Session, user: User, document_id: int, expected_version: int, data: DocumentInput
) -> Document:
    """Save changes to a document, refusing them if someone saved it since `expected_version`."""
    document = get_document(session, document_id)
    refuse_stale(document, expected_version, "document")
    before = _tracked(session, document)
    old_text = document.full_text
    data = validate_document(data)
    if old_text and data.full_text != old_text:
        # Anchor quotes cited by any path (form, API, import) in the text they were cited
        # from, so that they can be found again in the corrected one below.
        from factdb.capture.anchors import refresh_anchors

        refresh_anchors(session, document.id)
    _apply(session, user, document, data)
    after = _tracked(session, document)
    if after != before or document.full_text != old_text:
        document.updated_by_id = user.id  # nothing changed, nothing written (no new version)
    session.flush()
    record_change(
        session,
        entity="document",
        entity_id=document.id,
        action="updated",
        before=before,
        after=after,
        user=user,
    )
    if old_text != document.full_text:
        # Quotes cited from the text are found again in the corrected one.
        from factdb.capture.anchors import refresh_anchors

        refresh_anchors(session, document.id)
    return document


def get_document(session: Session, document_id: int) -> Document:
    """Return a document with its authors and editors loaded."""
    return load_one(session, Document, document_id, "document", *DOCUMENT_LOADS)


def documents_named(session: Session, text: str) -> list[Document]:
    """The documents `text` names exactly: by URL when it is one, else by title (namesakes too)."""
    text = clean_line(text)
    if not text:
        return []
    if is_web_url(text):
        # One page however it was linked: see factdb.text.url_key.
        matches = Document.url_key == url_key(text)
    else:
        # The title as typed, else folded: case, accents' forms, punctuation and spacing.
        exact = list(
            session.scalars(
                select(Document).where(Document.title == text).order_by(Document.id).limit(5)
            )
        )
        if exact:
            return exact
        matches = Document.title_key == title_key(text)
    return list(session.scalars(select(Document).where(matches).order_by(Document.id).limit(5)))


def find_document(session: Session, text: str) -> Document | None:
    """Find the document a person means by its exact title or URL (the first of namesakes)."""
    found = documents_named(session, text)
    return found[0] if found else None


def at_another_address(session: Session, document_id: int, url: str) -> bool:
    """Whether a document named by its title has an address other than the one given: then
    the citation means another piece of that title, not this document."""
    key, document = url_key(url), session.get(Document, document_id)
    return bool(key and document is not None and document.url_key not in ("", key))


def suggest_documents(session: Session, text: str, limit: int = 10) -> list[Document]:
    """Return documents whose title contains `text`, most recent first, for autocompletion."""
    text = clean(text)
    if not text:
        return []
    escaped = like_escaped(text)
    return list(
        session.scalars(
            select(Document)
            .where(func.lower(Document.title).like(f"%{escaped.lower()}%", escape="\\"))
            .order_by(Document.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    claim_count: int


def list_documents(
    session: Session,
    *,
    q: str = "",
    doc_type: str = "",
    page: int = 1,
    size: int = 25,
    after: str = "",
    before: str = "",
) -> Page[DocumentRow]:
    """List documents, newest first, with the number of claims cited from each."""
    query: Select = select(Document)
    if q:
        escaped = like_escaped(clean(q).lower())
        pattern = f"%{escaped}%"
        query = query.where(
            or_(
                func.lower(Document.title).like(pattern, escape="\\"),
                func.lower(Document.container_title).like(pattern, escape="\\"),
            )
        )
    if doc_type:
        query = query.where(Document.doc_type == DocumentType(doc_type))
    found = read_page(
        session, query, [Key(Document.id, descending=True)], page=page, size=size, after=after,
        before=before, options=[selectinload(Document.authors).selectinload(DocumentAuthor.source)],
    )  # fmt: skip
    counts = claims_citing(session, Citation.document_id, [doc.id for doc in found.items])
    return replace(found, items=[DocumentRow(doc, counts.get(doc.id, 0)) for doc in found.items])


def citations_in_document(
    session: Session, document_id: int, *, page: int = 1, size: int = 25
) -> Page[Citation]:
    """The citations of a document with their claims and speakers, in document order.

    The page and the count of all come in one statement (a window count); a page past
    the last, where no row carries the count, asks for it apart and shows the last page.
    """
    number = max(page, 1)
    rows = _citation_page(session, document_id, number, size)
    if rows:
        return Page([citation for citation, _ in rows], number, size, rows[0][1])
    total = (
        session.scalar(select(func.count(Citation.id)).where(Citation.document_id == document_id))
        or 0
    )
    number = clamp_page(page, size, total)
    rows = _citation_page(session, document_id, number, size) if total else []
    return Page([citation for citation, _ in rows], number, size, total)


def _citation_page(
    session: Session, document_id: int, number: int, size: int
) -> list[tuple[Citation, int]]:
    query = (
        select(Citation, func.count().over())
        .where(Citation.document_id == document_id)
        # Each citation has one claim and at most one speaker: joined, not a statement each.
        .options(joinedload(Citation.claim), joinedload(Citation.speaker))
        .order_by(Citation.claim_id, Citation.id)
        .limit(size)
        .offset((number - 1) * size)
    )
    return [(citation, total) for citation, total in session.execute(query)]
