"""Match references to documents already in the database, then create the rest.

A reference is the same document as an existing one with the same DOI (any case), the
same URL key (factdb.text.url_key: scheme, "www.", tracking parameters and a final slash
folded away), or the same title key and year. The title key is computed in Python and stored
(Document.title_key), so that SQLite and PostgreSQL agree whatever the script. Lookups go in
batches: a file of 10,000 references costs a few dozen queries, not 30,000.

A URL or a title and year is weaker than a DOI: reference managers give every chapter the
book's address, and two articles can share a title and a year. Such a match therefore holds
only when nothing else tells the two apart (see `Traits.differ`): not two DOIs, nor two ISBN
fields with none in common (a URL is no such identifier: one work has many), not the type (a chapter is
never its book), not the outlet, not the authors, not two different URLs unless both name an
author in common (a mirror or a syndicated copy: otherwise the same title at two addresses is
two pieces, as two outlets' reports of one event are); and a URL shared by parts of a whole
(book chapters, papers, journal articles) matches only the part of the same title; nor does
a URL match a title with other numbers (two editions of a report), nor, when the URL is a
site's home page, a title with few words in common (two pieces cited by the site's address).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from factdb.authorship import AuthorSpec, KnownNames
from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput, create_document, get_document, update_document
from factdb.errors import ValidationFailed
from factdb.importer.identifiers import isbns_of
from factdb.importer.model import ImportFailed, ImportProblem, Reference
from factdb.importer.same_person import read_same_people
from factdb.importer.traits import Traits, family_key
from factdb.models import Document, DocumentAuthor, Source, User
from factdb.text import (
    CITATION_KEY,
    KEY_ALIASES,
    doi_key,
    is_citation_key,
    title_key,
    url_key,
)
from factdb.vocab import DocumentType

BATCH = 500
#: What a matched document lacks and the file gives is filled in (never overwritten): an
#: issue, pages or an ISBN that one export of a library carries and another left out.
FILLABLE = (*(spec.name for spec in DOCUMENT.bibliographic if spec.name != "extra"), "accessed")
#: What a repeat in the same file gives the entry it is merged into: what a match fills, and
#: the identifiers and container, which no recorded document is there yet to vouch for.
REPEAT_FILLS = ("container_title", "publisher", "doi", "url", "archive_url", *FILLABLE)


@dataclass
class PlanItem:
    reference: Reference
    #: The existing document this reference is the same as, or None to create one.
    match: Document | None = None
    #: Why it matched: "DOI", "URL", "title and year", or "earlier in this file".
    reason: str = ""
    duplicate_of: int | None = None
    #: The matched document's empty fields the reference fills.
    fills: list[str] = field(default_factory=list)
    #: Keys of this entry and its duplicates in the file that the matched document should
    #: keep as aliases (written when someone is named, as fills are).
    aliases: list[str] = field(default_factory=list)
    #: Author names recorded apart that may be another's (initials that fit), with those names.
    maybe_same: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def action(self) -> str:
        return "create" if self.match is None and self.duplicate_of is None else "match"


def _keys(reference: Reference) -> list[tuple[str, str]]:
    document = reference.document
    keys = []
    if document.doi:
        keys.append(("DOI", "doi:" + doi_key(document.doi)))
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

    def __init__(
        self, session: Session, references: list[Reference], exclude: int | None = None
    ) -> None:
        documents = [reference.document for reference in references]
        others = Document.id != (exclude or 0)  # one being edited is not the same as itself
        self.by_doi: dict[str, int] = {}
        self.by_url: dict[str, list[int]] = {}
        self.by_title: dict[str, list[tuple[str, int]]] = {}
        wanted = {doi_key(d.doi) for d in documents} - {""}
        for batch in _batches(wanted):
            rows = session.execute(
                select(Document.doi, Document.id)
                .where(func.lower(Document.doi).in_(batch), others)
                .order_by(Document.id)
            )
            for doi, document_id in rows:
                self.by_doi.setdefault(doi_key(doi), document_id)
        if wanted:
            # A DOI stored as typed ("https://doi.org/10.…", "DOI 10.…", "10.x%2F…") is not
            # bare: read those few in Python, where they are reduced as the file's are.
            written = select(Document.doi, Document.id).where(
                Document.doi != "", ~Document.doi.like("10.%/%"), others
            )
            for doi, document_id in session.execute(written.order_by(Document.id)):
                if doi_key(doi) in wanted:
                    self.by_doi[doi_key(doi)] = min(
                        document_id, self.by_doi.get(doi_key(doi), document_id)
                    )
        for batch in _batches(url_key(d.url) for d in documents if url_key(d.url)):
            rows = session.execute(
                select(Document.url_key, Document.id)
                .where(Document.url_key.in_(batch), others)
                .order_by(Document.id)
            )
            for key, document_id in rows:
                self.by_url.setdefault(key, []).append(document_id)
        for batch in _batches(title_key(d.title) for d in documents):
            rows = session.execute(
                select(Document.title_key, Document.published, Document.id)
                .where(Document.title_key.in_(batch), others)
                .order_by(Document.id)
            )
            for key, published, document_id in rows:
                self.by_title.setdefault(key, []).append((published, document_id))
        self.traits = self._traits(
            session,
            {i for ids in self.by_url.values() for i in ids}
            | {i for pairs in self.by_title.values() for _, i in pairs},
        )

    @staticmethod
    def _traits(session: Session, ids: set[int]) -> dict[int, Traits]:
        """Type, outlet, title and authors' family names of the candidate documents."""
        families: dict[int, set[str]] = {}
        rows: dict[int, tuple[DocumentType, str, str, str, str, frozenset[str]]] = {}
        for batch in _batches(str(i) for i in ids):
            numbers = [int(i) for i in batch]
            for document_id, doc_type, container, key, url, doi, isbn, extra in session.execute(
                select(
                    Document.id,
                    Document.doc_type,
                    Document.container_title,
                    Document.title_key,
                    Document.url_key,
                    Document.doi,
                    Document.isbn,
                    Document.extra,
                ).where(Document.id.in_(numbers))
            ):
                isbns = isbns_of(isbn, extra)
                rows[document_id] = (doc_type, title_key(container), key, url or "", doi, isbns)
            for document_id, name, family in session.execute(
                select(DocumentAuthor.document_id, Source.name, Source.family_name)
                .join(Source, Source.id == DocumentAuthor.source_id)
                .where(DocumentAuthor.document_id.in_(numbers))
            ):
                families.setdefault(document_id, set()).add(family_key(name, family))
        return {
            i: Traits(
                doc_type, container, key, frozenset(families.get(i, ())), url,
                doi=doi_key(doi), isbns=isbns,
            )
            for i, (doc_type, container, key, url, doi, isbns) in rows.items()
        }  # fmt: skip

    def find(self, reference: Reference) -> tuple[int | None, str]:
        document = reference.document
        if doi_key(document.doi) in self.by_doi:
            return self.by_doi[doi_key(document.doi)], "DOI"
        traits = Traits.of(reference)
        for document_id in self.by_url.get(url_key(document.url), []):
            if not traits.differ(self.traits[document_id], "URL"):
                return document_id, "URL"
        year = document.published[:4]
        for published, document_id in self.by_title.get(title_key(document.title), []):
            if (not year or published.startswith(year)) and not traits.differ(
                self.traits[document_id], "title and year"
            ):
                return document_id, "title and year"
        return None, ""


def plan(session: Session, references: list[Reference]) -> list[PlanItem]:
    """Decide for each reference whether it is already in the database (or earlier in the file)."""
    existing = _Existing(session, references)
    items: list[PlanItem] = []
    seen: dict[str, list[int]] = {}
    traits = [Traits.of(reference) for reference in references]
    matched: dict[int, list[PlanItem]] = {}
    for index, reference in enumerate(references):
        item = PlanItem(reference)
        keys = _keys(reference)
        earlier = next(
            (
                other
                for reason, key in keys
                for other in seen.get(key, [])
                if reason == "DOI" or not traits[index].differ(traits[other], reason)
            ),
            None,
        )
        if earlier is not None:
            item.duplicate_of, item.reason = earlier, "earlier in this file"
            _fill_earlier(references[_first_of(items, earlier)], reference)
        else:
            document_id, item.reason = existing.find(reference)
            if document_id is not None:
                matched.setdefault(document_id, []).append(item)
        for _, key in keys:
            seen.setdefault(key, []).append(index)
        items.append(item)
    for batch in _batches([str(i) for i in matched]):
        ids = [int(i) for i in batch]
        for document in session.scalars(
            select(Document).where(Document.id.in_(ids)).options(defer(Document.full_text))
        ):
            for item in matched[document.id]:
                item.match = document
                item.fills = [
                    name
                    for name in FILLABLE
                    if not getattr(document, name) and getattr(item.reference.document, name)
                ]
    _keep_aliases(items)
    read_same_people(session, items)
    return items


def _first_of(items: list[PlanItem], index: int) -> int:
    """The entry a repeat in the file is merged into (the first of the work's entries)."""
    while items[index].duplicate_of is not None:
        index = items[index].duplicate_of
    return index


def _fill_earlier(first: Reference, repeat: Reference) -> None:
    """Give the entry a repeat is merged into the fields only the repeat has, and say so.

    A library exported with one paper twice, once bare and once with its DOI and pages,
    otherwise lost them: the repeat is recorded as nothing but a key of the first.
    """
    names = [
        name
        for name in REPEAT_FILLS
        if not getattr(first.document, name) and getattr(repeat.document, name)
    ]
    for name in names:
        setattr(first.document, name, getattr(repeat.document, name))
    if names:
        repeat.note(
            f"fills the earlier entry's empty {', '.join(n.replace('_', ' ') for n in names)}"
        )


def _aliases(extra: dict[str, str] | None) -> list[str]:
    """The other keys a document answers to, as kept."""
    value = str((extra or {}).get(KEY_ALIASES, ""))
    return [key.strip() for key in value.split(",") if key.strip()]


def _keep_aliases(items: list[PlanItem]) -> None:
    """Keep a duplicate's key as an alias of the document it is merged into, so that a paper's
    citation of either key still finds the entry after an export."""
    for item in items:
        target = item
        while target.duplicate_of is not None:
            target = items[target.duplicate_of]
        key = item.reference.key
        if not is_citation_key(key):
            continue
        if target.match is not None:
            extra = target.match.extra or {}
            if key != extra.get(CITATION_KEY) and key not in _aliases(extra) + target.aliases:
                target.aliases.append(key)
        elif target is not item:
            extra = target.reference.document.extra
            if key != extra.get(CITATION_KEY) and key not in _aliases(extra):
                extra[KEY_ALIASES] = ", ".join([*_aliases(extra), key])


def _with_aliases(extra: dict[str, str] | None, aliases: list[str]) -> dict[str, str]:
    kept = dict(extra or {})
    kept[KEY_ALIASES] = ", ".join([*_aliases(kept), *aliases])
    return kept


@dataclass
class ImportResult:
    created: list[Document]
    matched: int
    #: Entries left out for their problems, when the caller asked to skip them.
    skipped: list[ImportProblem] = field(default_factory=list)


def _fill(session: Session, user: User, item: PlanItem) -> None:
    """Fill the matched document's empty fields from the reference, through its history."""
    if item.match is None:
        return
    document = get_document(session, item.match.id)
    values = DOCUMENT.values(document)
    values["authors"] = [author.source_id for author in document.authors]
    values.update({name: getattr(item.reference.document, name) for name in item.fills})
    if item.aliases:
        values["extra"] = _with_aliases(document.extra, item.aliases)
    update_document(session, user, document.id, document.version, DocumentInput(**values))


def apply(
    session: Session,
    user: User | None,
    items: list[PlanItem],
    progress: Callable[[int], None] = lambda done: None,
) -> ImportResult:
    """Create the documents the plan calls for, and fill the matched ones' empty fields
    (when someone is named to record it), in the caller's transaction.

    `progress` is told how many items are done after each one (a big file takes a while).
    """
    created = []
    creating = [item.reference for item in items if item.action == "create"]
    specs = [a for r in creating for a in r.authors if isinstance(a, AuthorSpec)]
    known = KnownNames(session, specs)
    known.create_missing(session, user, specs)
    for done, item in enumerate(items, start=1):
        if (item.fills or item.aliases) and user is not None:
            _fill(session, user, item)
        if item.action == "create":
            created.append(_create(session, user, item.reference, known))
        progress(done)
    return ImportResult(created, len(items) - len(created))


def _create(
    session: Session, user: User | None, reference: Reference, known: KnownNames
) -> Document:
    """Create one reference's document, or refuse the file naming its entry and line."""
    reference.document.authors = list(reference.authors)
    try:
        return create_document(session, user, reference.document, known)
    except ValidationFailed as error:
        raise ImportFailed(
            [
                ImportProblem(reference.line, reference.label, message)
                for message in (error.fields or {"": str(error)}).values()
            ]
        ) from error


def find_same_document(
    session: Session, document: DocumentInput, exclude: int | None = None
) -> tuple[Document | None, str]:
    """The recorded document `document` is the same as, and why; the intake asks this too, so
    that an article pasted twice is never recorded twice. `exclude` is the one being edited."""
    document_id, reason = _Existing(session, [Reference(0, "", document)], exclude).find(
        Reference(0, "", document)
    )
    return (session.get(Document, document_id) if document_id else None), reason
