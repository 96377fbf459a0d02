"""Each document's citation base key (author word + year + title word), kept on every write.

An export tells a document's key apart from every other document with the same base key
across the whole database. Stored and indexed, the base finds those documents with one
equality lookup whatever the library's size; working every author's word out in Python
for all the documents of a year and title word grew with the library (25 claims' BibTeX
took 1.1 s at 1,000,000 claims).

A base depends on the document's title, date, container and publisher, on its first
author as the document writes the name, and on that source's kind (and its name and
family name when the document writes none). A flush that changes any of these recomputes
the bases of the documents it touched from the flushed rows, so every path that writes
through the ORM (forms, API, CLI, import, intake) keeps them; bulk statements (a source
merge, a loaded dump) call `refresh` or `refresh_authored` themselves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import Connection, String, bindparam, case, event, inspect, select, type_coerce
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from factdb.models import Document, DocumentAuthor, Source
from factdb.sources import split_person_name
from factdb.text import AUTHOR_WORD_LENGTH, first_word, key_word
from factdb.vocab import SourceKind

BATCH = 500
#: What a base is made of, by model; a flush changing one of these recomputes it.
_DOCUMENT_FIELDS = ("title", "published", "container_title", "publisher")
_SOURCE_FIELDS = ("name", "kind", "family_name")


@lru_cache(maxsize=65536)
def _author_word(
    kind: SourceKind | None, name: str, family: str, container: str, publisher: str
) -> str:
    """Cached: a backfill reads the same few thousand authors and outlets many times."""
    if kind is SourceKind.PERSON:
        return key_word(family or split_person_name(name)[0])[:AUTHOR_WORD_LENGTH]
    if name:
        return first_word(name)
    return first_word(container) or first_word(publisher)


def base_key(
    key_stem: str,
    author_kind: SourceKind | None = None,
    author_name: str = "",
    author_family: str = "",
    container_title: str = "",
    publisher: str = "",
) -> str:
    """author + year + first significant title word: "solberg2026behind"."""
    word = _author_word(author_kind, author_name, author_family, container_title, publisher)
    return f"{word or 'anon'}{key_stem}"


#: The first author as the document writes the name (the source's own when it writes none).
_WRITTEN = DocumentAuthor.name != ""
_COLUMNS = [
    Document.id, Document.key_stem, Document.container_title, Document.publisher,
    case((_WRITTEN, DocumentAuthor.name), else_=Source.name), type_coerce(Source.kind, String),
    case((_WRITTEN, DocumentAuthor.family_name), else_=Source.family_name), Document.base_key,
]  # fmt: skip


def _query():
    return (
        select(*_COLUMNS)
        .outerjoin(
            DocumentAuthor,
            (DocumentAuthor.document_id == Document.id) & (DocumentAuthor.position == 0),
        )
        .outerjoin(Source, Source.id == DocumentAuthor.source_id)
    )


def computed(rows: Iterable[Any]) -> list[tuple[int, str, str]]:
    """(id, base key, stored base key) of each row of `_query`."""
    kinds = SourceKind._value2member_map_
    return [
        (document_id, base_key(stem, kinds[kind] if kind else None, name or "", family or "", container, publisher), stored)
        for document_id, stem, container, publisher, name, kind, family, stored in rows
    ]  # fmt: skip


def _write(connection: Connection, rows: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """Store the bases that differ from the stored ones; return them by document id."""
    changed = {document_id: base for document_id, base, stored in rows if base != stored}
    if changed:
        table = Document.__table__
        connection.execute(
            table.update().where(table.c.id == bindparam("row_id")).values(base_key=bindparam("base")),
            [{"row_id": document_id, "base": base} for document_id, base in changed.items()],
        )  # fmt: skip
    return changed


def refresh(connection: Connection, document_ids: Collection[int]) -> dict[int, str]:
    """Recompute these documents' bases; return the ones that changed."""
    ordered = sorted(document_ids)
    changed: dict[int, str] = {}
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        changed |= _write(
            connection, computed(connection.execute(_query().where(Document.id.in_(batch))))
        )
    return changed


def refresh_authored(connection: Connection, source_ids: Collection[int]) -> dict[int, str]:
    """Recompute the bases of every document these sources are first author of."""
    first = select(DocumentAuthor.document_id).where(
        DocumentAuthor.position == 0, DocumentAuthor.source_id.in_(sorted(source_ids))
    )
    return refresh(connection, list(connection.scalars(first)))


def refresh_all(connection: Connection, batch: int = 2000) -> int:
    """Recompute every document's base, a batch of ids at a time; return how many changed."""
    last, changed = 0, 0
    while True:
        rows = computed(
            connection.execute(
                _query().where(Document.id > last).order_by(Document.id).limit(batch)
            )
        )
        if not rows:
            return changed
        changed += len(_write(connection, rows))
        last = rows[-1][0]


def _changed(instance: Any, fields: tuple[str, ...]) -> bool:
    attributes = inspect(instance).attrs
    return any(attributes[name].history.has_changes() for name in fields)


def _renamed(session: Session, source: Source) -> bool:
    """Whether a recorded source's name, kind or family name changed (a new source is
    first author only through a new author row, which names its document)."""
    return source not in session.new and _changed(source, _SOURCE_FIELDS)


def _touched(session: Session) -> tuple[set[int], set[int]]:
    """Documents and sources whose flushed changes may change a base key."""
    documents: set[int] = set()
    sources: set[int] = set()
    for instance in chain(session.new, session.dirty, session.deleted):
        if isinstance(instance, DocumentAuthor):
            documents.add(instance.document_id)
        elif instance in session.deleted:
            continue  # a deleted document has no key; a source with documents cannot go
        elif isinstance(instance, Document):
            if instance in session.new or _changed(instance, _DOCUMENT_FIELDS):
                documents.add(instance.id)
        elif isinstance(instance, Source) and _renamed(session, instance):
            sources.add(instance.id)
    return documents, sources


def _after_flush(session: Session, _context: Any) -> None:
    documents, sources = _touched(session)
    if not documents and not sources:
        return
    connection = session.connection()
    changed = refresh(connection, documents)
    if sources:
        changed |= refresh_authored(connection, sources)
    note_changed(session, changed)


def note_changed(session: Session, changed: dict[int, str]) -> None:
    """Give the documents this session holds the bases just written, as if read."""
    for document_id, base in changed.items():
        document = session.identity_map.get(session.identity_key(Document, document_id))
        if document is not None:
            set_committed_value(document, "base_key", base)


def keep_base_keys(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Make the sessions of `factory` recompute the base keys their flushes change."""
    event.listen(factory, "after_flush", _after_flush)
    return factory
