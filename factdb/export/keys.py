"""Citation keys: readable, stable across exports, unique in any selection.

A key is first author + year + first significant title word, in ASCII
("solberg2026behind"; articles and stop-words skipped in titles and outlet names).
Documents sharing that base are told apart across the whole database, not the selection,
so one document keeps its key whatever else is exported with it: the first (by id) keeps
the base, the others get "-b", "-c"… Base keys hold only letters and digits, so a
suffixed key can never equal another document's base (as "rossi2020gas" + "a" once
equalled "rossi2020gasa").

Candidates are found through Document.key_stem (year + title word, stored and indexed):
only documents with the stem of a selected one can share its base.

A document imported from a reference file keeps the key the file gave it (`citation-key`
in its extra fields), and an export cites it by that key when no other document in the
selection has the same one, imported or made: the citations in a paper written against
the file must still find their entries after a trip through factdb.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import String, case, cast, select, type_coerce
from sqlalchemy.orm import Session

from factdb.models import Document, DocumentAuthor, Source
from factdb.sources import split_person_name
from factdb.text import CITATION_KEY, first_word, is_citation_key, key_word
from factdb.vocab import SourceKind


@lru_cache(maxsize=65536)
def _author_word(
    kind: SourceKind | None, name: str, family: str, container: str, publisher: str
) -> str:
    """Cached: an export reads the same few thousand authors and outlets many times."""
    if kind is SourceKind.PERSON:
        return key_word(family or split_person_name(name)[0])
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


def _suffix(rank: int) -> str:
    letters = ""
    while rank:
        rank, remainder = divmod(rank - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def assign(bases: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Keys for every (document id, base key) given: the first (by id) of each base keeps it, the others -b, -c…"""
    by_base: dict[str, list[int]] = {}
    for document_id, base in sorted(bases):
        by_base.setdefault(base, []).append(document_id)
    keys: dict[int, str] = {}
    for base, ids in by_base.items():
        keys[ids[0]] = base
        for rank, document_id in enumerate(ids[1:], start=2):
            keys[document_id] = f"{base}-{_suffix(rank)}"
    return keys


#: The first author as the document writes the name (the source's own when it writes none).
_WRITTEN = DocumentAuthor.name != ""
_COLUMNS = [
    Document.id, Document.key_stem, Document.container_title, Document.publisher,
    case((_WRITTEN, DocumentAuthor.name), else_=Source.name), type_coerce(Source.kind, String),
    case((_WRITTEN, DocumentAuthor.family_name), else_=Source.family_name),
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


def _bases(rows: Iterable[Any]) -> list[tuple[int, str]]:
    """(id, base key) of each row, made straight from the row: a stem shared by thousands
    of documents is read on every export, and an object per row cost more than the key."""
    kinds = SourceKind._value2member_map_
    return [
        (document_id, base_key(stem, kinds[kind] if kind else None, name or "", family or "", container, publisher))
        for document_id, stem, container, publisher, name, kind, family in rows
    ]  # fmt: skip


def key_bases(session: Session, stems: Sequence[str] | None) -> list[tuple[int, str]]:
    """(id, base key) of every document with one of these stems (None: every document)."""
    if stems is None:
        return _bases(session.execute(_query()))
    found: list[tuple[int, str]] = []
    ordered = sorted(set(stems))
    for start in range(0, len(ordered), 500):
        stem_batch = ordered[start : start + 500]
        found += _bases(session.execute(_query().where(Document.key_stem.in_(stem_batch))))
    return found


class KeyCache:
    """Keys of one export: each stem's documents are read and keyed once, however many batches."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.keys: dict[int, str] = {}
        self.stems: set[str] = set()
        self.everything = False
        #: Imported keys chosen for this export (document id -> key).
        self.imported: dict[int, str] = {}

    def key_everything(self) -> None:
        """Key every document in one pass: cheaper than by stems when most are exported."""
        self.keys = assign(key_bases(self.session, None))
        self.everything = True

    def prefer_imported(self, ids: Sequence[int]) -> None:
        """Cite by their imported keys the selected documents whose key no other one has."""
        imported: dict[int, str] = {}
        stems: set[str] = set()
        # Only documents whose extra fields name a key are read (most were never imported).
        named = cast(Document.extra, String).like(f'%"{CITATION_KEY}"%')
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            for document_id, extra in self.session.execute(
                select(Document.id, Document.extra).where(Document.id.in_(batch), named)
            ):
                key = (extra or {}).get(CITATION_KEY)
                if isinstance(key, str) and is_citation_key(key):
                    imported[document_id] = key
        if not imported:
            return
        for start in range(0, len(ids), 500):
            stems.update(
                self.session.scalars(
                    select(Document.key_stem).where(Document.id.in_(ids[start : start + 500]))
                )
            )
        made = self.keys_for(stems)
        # Keys differing only in case are one to biber and to some file systems.
        taken = Counter(made[i].casefold() for i in ids if i in made)
        counts = Counter(key.casefold() for key in imported.values())
        self.imported = {
            document_id: key
            for document_id, key in imported.items()
            if counts[key.casefold()] == 1
            and taken[key.casefold()] == (made.get(document_id, "").casefold() == key.casefold())
        }

    def keys_for(self, stems: Iterable[str]) -> dict[int, str]:
        if self.everything:
            return self.keys
        new = set(stems) - self.stems
        if new:
            self.keys.update(assign(key_bases(self.session, list(new))))
            self.stems |= new
        return self.keys


def citation_keys(session: Session, stems: Iterable[str]) -> dict[int, str]:
    """Keys for every document sharing a stem with the ones exported (ids -> keys)."""
    return assign(key_bases(session, list(stems)))
