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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from factdb.models import Document, DocumentAuthor, Source
from factdb.sources import split_person_name
from factdb.text import first_word, key_stem, key_word
from factdb.vocab import SourceKind


@dataclass(frozen=True)
class KeySource:
    """What a base key is made of."""

    id: int
    title: str
    published: str
    container_title: str = ""
    publisher: str = ""
    author_name: str = ""
    author_kind: SourceKind | None = None
    author_family: str = ""


def author_word(source: KeySource) -> str:
    if source.author_kind is SourceKind.PERSON:
        family = source.author_family or split_person_name(source.author_name)[0]
        return key_word(family)
    if source.author_name:
        return first_word(source.author_name)
    return first_word(source.container_title) or first_word(source.publisher)


def base_key(source: KeySource) -> str:
    """author + year + first significant title word: "solberg2026behind"."""
    return f"{author_word(source) or 'anon'}{key_stem(source.title, source.published)}"


def _suffix(rank: int) -> str:
    letters = ""
    while rank:
        rank, remainder = divmod(rank - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def assign(sources: Iterable[KeySource]) -> dict[int, str]:
    """Keys for every source given: the first (by id) of each base keeps it, the others -b, -c…"""
    by_base: dict[str, list[int]] = {}
    for source in sorted(sources, key=lambda s: s.id):
        by_base.setdefault(base_key(source), []).append(source.id)
    keys: dict[int, str] = {}
    for base, ids in by_base.items():
        keys[ids[0]] = base
        for rank, document_id in enumerate(ids[1:], start=2):
            keys[document_id] = f"{base}-{_suffix(rank)}"
    return keys


_COLUMNS = [
    Document.id, Document.title, Document.published, Document.container_title, Document.publisher,
    Source.name, type_coerce(Source.kind, String), Source.family_name,
]  # fmt: skip


def key_sources(session: Session, stems: Sequence[str]) -> list[KeySource]:
    """Every document of the database with one of these stems, with its first author."""
    kinds = SourceKind._value2member_map_
    found: list[KeySource] = []
    ordered = sorted(set(stems))
    for start in range(0, len(ordered), 500):
        rows = session.execute(
            select(*_COLUMNS)
            .outerjoin(
                DocumentAuthor,
                (DocumentAuthor.document_id == Document.id) & (DocumentAuthor.position == 0),
            )
            .outerjoin(Source, Source.id == DocumentAuthor.source_id)
            .where(Document.key_stem.in_(ordered[start : start + 500]))
        )
        for row in rows:
            kind = kinds[row[6]] if row[6] else None
            found.append(KeySource(*row[:5], row[5] or "", kind, row[7] or ""))  # type: ignore[arg-type]
    return found


def citation_keys(session: Session, stems: Iterable[str]) -> dict[int, str]:
    """Keys for every document sharing a stem with the ones exported (ids -> keys)."""
    return assign(key_sources(session, list(stems)))
