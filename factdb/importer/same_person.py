"""One author written two ways across entries ("Odile Brannock", "O. Brannock") may be one person.

Reference files abbreviate given names as each journal's style did, but two people of one
family name share initials too: a name is never merged with another on its initials. A
person's name that is not a recorded name or alias, given with initials that fit the given
names of an author of the same family name (recorded as a document's author, or a different
name earlier in the file), is recorded apart as written, and the import notes the likely
duplicate for someone to check; a full given name that differs ("Olav" for "Odile") never fits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from factdb.documents import AuthorSpec
from factdb.models import DocumentAuthor, Source, SourceAlias
from factdb.text import name_key
from factdb.vocab import SourceKind
from factdb.wording import counted

if TYPE_CHECKING:
    from factdb.importer.matching import PlanItem

#: The words of a given name: "O. J.", "Odile-Jo", "OJ" (as RIS files from databases write it).
_WORDS = re.compile(r"[^\W\d_]+")
_BATCH = 500


@dataclass(frozen=True)
class _Author:
    """Someone a name may stand for: a recorded source, or an author earlier in the file."""

    name: str
    given: str
    source_id: int | None = None
    line: int = 0

    def where(self) -> str:
        if self.source_id is not None:
            return f"{self.name} (#{self.source_id})"
        return f"{self.name} (line {self.line})"


def given_words(given: str) -> list[str]:
    """A given name's words, initials as single letters ("OJ" and "O.-J." are two initials)."""
    words: list[str] = []
    for word in _WORDS.findall(given):
        if word.isupper() and 1 < len(word) <= 3 and "." not in given and " " not in given.strip():
            words.extend(word)  # "Brannock OJ": initials run together
        else:
            words.append(word)
    return words


def _fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    ).casefold()


def abbreviates(given: str, other: str) -> bool:
    """Whether one given name abbreviates the other: word by word the same, or an initial of it,
    with at least one initial ("O. J." and "Odile Jo"; not "Odile" and "Olav", nor "Odile" and
    "Odile Jo", which may be two people)."""
    ours, theirs = given_words(given), given_words(other)
    if not ours or not theirs:
        return False
    initial = False
    for one, two in zip(ours, theirs, strict=False):
        if len(one) == 1 or len(two) == 1:
            initial = True
            if _fold(one)[0] != _fold(two)[0]:
                return False
        elif _fold(one) != _fold(two):
            return False
    return initial


def _person(spec: object) -> AuthorSpec | None:
    """A person's name with both parts, the only kind an abbreviation can be told by."""
    if isinstance(spec, AuthorSpec) and spec.kind.is_person and spec.family and spec.given:
        return spec
    return None


def _batches(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _BATCH):
        yield list(values[start : start + _BATCH])


def _keys(person: AuthorSpec) -> set[str]:
    """The keys a person's name is found by: as read, given then family, and as the file wrote
    it ("LA Fisher", recorded so before initials run together were read as L. A.)."""
    keys = {name_key(person.name), name_key(f"{person.given} {person.family}")}
    return keys | {name_key(person.written)} - {""}


class _Recorded:
    """What the database holds for the file's people: names taken, authors by family name."""

    def __init__(self, session: Session, people: list[AuthorSpec]) -> None:
        keys = sorted({key for p in people for key in _keys(p)})
        self.named: set[str] = set()
        for batch in _batches(keys):
            self.named.update(
                session.scalars(select(Source.name_key).where(Source.name_key.in_(batch)))
            )
            self.named.update(session.scalars(select(SourceAlias.name_key).where(SourceAlias.name_key.in_(batch))))  # fmt: skip
        families = sorted({p.family for p in people})
        self.authors: dict[str, list[_Author]] = {}
        authors = select(DocumentAuthor.source_id)
        for batch in _batches(families):
            lowered = [family.lower() for family in batch]
            rows = session.execute(
                select(Source.id, Source.name, Source.family_name, Source.given_name).where(
                    Source.kind == SourceKind.PERSON,
                    or_(Source.family_name.in_(batch), func.lower(Source.family_name).in_(lowered)),
                    Source.id.in_(authors),
                )
            )
            for source_id, name, family, given in rows:
                author = _Author(name, given, source_id)
                self.authors.setdefault(_fold(family), []).append(author)


def _note_several(item: PlanItem, person: AuthorSpec, fitting: list[_Author]) -> None:
    named = [a.where() for a in fitting]
    item.maybe_same.append((person.name, [a.name for a in fitting]))
    item.reference.note(
        f"author {person.name} may be the same person as {' or '.join(named)}: "
        "recorded apart, check whether they are one"
    )


class _Reading:
    """The file's people read so far: the names written, by folded family name and name key."""

    def __init__(self, recorded: _Recorded) -> None:
        self.recorded = recorded
        self.names: dict[str, dict[str, _Author]] = {}

    def read(self, item: PlanItem, person: AuthorSpec) -> None:
        """Read one person's name, noting the other names its initials may stand for."""
        keys = _keys(person)
        in_file = self.names.setdefault(_fold(person.family), {})
        if keys & in_file.keys():  # the same name again: the same source, noted the first time
            return
        if not keys & self.recorded.named:
            recorded = self.recorded.authors.get(_fold(person.family), [])
            taken = {name_key(a.name) for a in recorded}
            earlier = {id(a): a for a in in_file.values() if name_key(a.name) not in taken}
            candidates = [*recorded, *earlier.values()]
            fitting = [a for a in candidates if abbreviates(person.given, a.given)]
            if fitting:
                _note_several(item, person, fitting)
        author = _Author(person.name, person.given, line=item.reference.line)
        for key in keys:
            in_file[key] = author


def read_same_people(session: Session, items: list[PlanItem]) -> None:
    """Note each name given with initials that may be an author already named; merge none."""
    creating = [item for item in items if item.action == "create"]
    people = [p for item in creating for a in item.reference.authors if (p := _person(a))]
    if not people:
        return
    reading = _Reading(_Recorded(session, people))
    for item in creating:
        for spec in item.reference.authors:
            person = _person(spec)
            if person is not None:
                reading.read(item, person)


def same_people_summary(items: list[PlanItem]) -> str:
    """One line on the names that may be the same person as an author already named."""
    unsure = sum(len(item.maybe_same) for item in items)
    if not unsure:
        return ""
    return (
        f"{counted(unsure, 'author name')} may be the same person as another: "
        "recorded apart, see the notes; merge those that are one from a source's page "
        "(Merge into…) or with `factdb source merge`"
    )


def merge_suggestions(session: Session, items: list[PlanItem]) -> list[dict[str, Any]]:
    """After the import, each name noted as maybe another's, as source ids to merge: what the
    pages link to ("Merge O. Brannock into Odile Brannock…"), since the preview's notes
    came before the new source existed. JSON-ready, for a background job's result."""
    pairs = [pair for item in items for pair in item.maybe_same]
    keys = sorted({name_key(name) for name, others in pairs for name in (name, *others)})
    ids: dict[str, int] = {}
    for batch in _batches(keys):
        rows = session.execute(select(Source.name_key, Source.id).where(Source.name_key.in_(batch)))
        ids.update((key, source_id) for key, source_id in rows)
    suggestions = []
    for name, others in pairs:
        source_id = ids.get(name_key(name))
        into = [{"name": o, "id": ids[name_key(o)]} for o in others if name_key(o) in ids]
        if source_id is not None and into:
            suggestions.append({"name": name, "id": source_id, "into": into})
    return suggestions
