"""Citation keys: readable, stable across exports, unique in any selection.

A key is first author + year + first significant title word, in ASCII
("solberg2026behind"; articles and stop-words skipped in titles and outlet names).
Documents sharing that base are told apart across the whole database, not the selection,
so one document keeps its key whatever else is exported with it: the first (by id) keeps
the base, the others get "-b", "-c"… Base keys hold only letters and digits, so a
suffixed key can never equal another document's base (as "rossi2020gas" + "a" once
equalled "rossi2020gasa").

Candidates are found through Document.base_key (stored, indexed, kept on every write by
factdb.base_keys): one equality lookup reads only the documents sharing a selected one's
base, however big the library.

A document imported from a reference file keeps the key the file gave it (`citation-key`
in its extra fields), and an export cites it by that key when no other document in the
selection has the same one, imported or made: the citations in a paper written against
the file must still find their entries after a trip through factdb.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from factdb.models import Document
from factdb.text import CITATION_KEY, is_citation_key


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


def key_bases(session: Session, bases: Sequence[str] | None) -> list[tuple[int, str]]:
    """(id, base key) of every document with one of these base keys (None: every document)."""
    if bases is None:
        return [(i, base) for i, base in session.execute(select(Document.id, Document.base_key))]
    found: list[tuple[int, str]] = []
    ordered = sorted(set(bases))
    for start in range(0, len(ordered), 500):
        batch = ordered[start : start + 500]
        query = select(Document.id, Document.base_key).where(Document.base_key.in_(batch))
        found += [(i, base) for i, base in session.execute(query)]
    return found


class KeyCache:
    """Keys of one export: each base's documents are read and keyed once, however many batches."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.keys: dict[int, str] = {}
        self.bases: set[str] = set()
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
        bases: set[str] = set()
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
            bases.update(
                self.session.scalars(
                    select(Document.base_key).where(Document.id.in_(ids[start : start + 500]))
                )
            )
        made = self.keys_for(bases)
        # Keys differing only in case are one to biber and to some file systems.
        taken = Counter(made[i].casefold() for i in ids if i in made)
        counts = Counter(key.casefold() for key in imported.values())
        self.imported = {
            document_id: key
            for document_id, key in imported.items()
            if counts[key.casefold()] == 1
            and taken[key.casefold()] == (made.get(document_id, "").casefold() == key.casefold())
        }

    def keys_for(self, bases: Iterable[str]) -> dict[int, str]:
        """Keys of every document with one of these base keys (and of those read before)."""
        if self.everything:
            return self.keys
        new = set(bases) - self.bases
        if new:
            self.keys.update(assign(key_bases(self.session, list(new))))
            self.bases |= new
        return self.keys


def citation_keys(session: Session, bases: Iterable[str]) -> dict[int, str]:
    """Keys for every document sharing a base key with the ones exported (ids -> keys)."""
    return assign(key_bases(session, list(bases)))
