"""One author written two ways across entries ("Odile Brannock", "O. Brannock") is one source.

Reference files abbreviate given names as each journal's style did. A person's name that has
no exact match, given with initials that fit the given names of exactly one author of the same
family name (recorded as a document's author, or an author earlier in the file), is that
author; a full given name that differs ("Olav" for "Odile") never fits. When several fit,
the name is recorded apart and the import says so, for someone to check. Names of the file
read as one person are recorded under the fullest of them, whichever came first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from factdb.documents import AuthorSpec
from factdb.models import DocumentAuthor, Source, SourceAlias
from factdb.text import name_key
from factdb.vocab import SourceKind

if TYPE_CHECKING:
    from factdb.importer.matching import PlanItem

#: The words of a given name: "O. J.", "Odile-Jo", "OJ" (as RIS files from databases write it).
_WORDS = re.compile(r"[^\W\d_]+")
_BATCH = 500


@dataclass(frozen=True)
class _Author:
    """Someone a name may stand for: a recorded source, or an author earlier in the file."""

    name: str
    family: str
    given: str
    source_id: int | None = None
    line: int = 0

    def where(self) -> str:
        if self.source_id is not None:
            return f"the recorded author #{self.source_id}"
        return f"an author on line {self.line} of this file"


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


class _Recorded:
    """What the database holds for the file's people: names taken, authors by family name."""

    def __init__(self, session: Session, people: list[AuthorSpec]) -> None:
        keys = sorted({name_key(p.name) for p in people} | {name_key(f"{p.given} {p.family}") for p in people})  # fmt: skip
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
                author = _Author(name, family, given, source_id)
                self.authors.setdefault(_fold(family), []).append(author)


def _fullness(given: str) -> tuple[int, int]:
    """How much of a given name is written out: its whole words, then all its words."""
    words = given_words(given)
    return sum(1 for word in words if len(word) > 1), len(words)


@dataclass
class _Group:
    """Names in the file read as one person: the fullest names them all (`O. Brannock` and
    `Brannock, Odile` are both recorded as Odile Brannock, whichever came first)."""

    best: AuthorSpec
    line: int
    uses: list[tuple[PlanItem, int, AuthorSpec]] = field(default_factory=list)

    def take(self, item: PlanItem, index: int, person: AuthorSpec) -> None:
        self.uses.append((item, index, person))
        if _fullness(person.given) > _fullness(self.best.given):
            self.best, self.line = person, item.reference.line

    def fits(self, person: AuthorSpec) -> bool:
        return all(abbreviates(person.given, used.given) for _, _, used in self.uses)

    def name_all(self) -> None:
        """Give every name of the group the fullest one, noting each name read so."""
        best = self.best
        for item, index, person in self.uses:
            item.reference.authors[index] = best
            if name_key(person.name) != name_key(best.name):
                item.same_people.append(person.name)
                item.reference.note(
                    f"author {person.name} read as {best.name}, an author on line {self.line} "
                    "of this file"
                )


def _note_several(item: PlanItem, person: AuthorSpec, named: list[str]) -> None:
    item.maybe_same.append(person.name)
    item.reference.note(
        f"author {person.name} may be the same person as {' or '.join(named)}: "
        "recorded apart, check whether they are one"
    )


class _Reading:
    """The file's people read so far: groups of names by folded family name and name key."""

    def __init__(self, recorded: _Recorded) -> None:
        self.recorded = recorded
        self.groups: dict[str, dict[str, _Group]] = {}

    def read(self, item: PlanItem, index: int, person: AuthorSpec) -> None:
        """Read one person's name: as a name read before, a recorded author, or a new group."""
        keys = {name_key(person.name), name_key(f"{person.given} {person.family}")}
        in_file = self.groups.setdefault(_fold(person.family), {})
        known = next((in_file[key] for key in keys if key in in_file), None)
        if known is not None:  # the same name again
            known.take(item, index, person)
            return
        recorded, groups = self._fitting(person, keys, in_file)
        if len(recorded) + len(groups) == 1 and recorded:
            _read_as_recorded(item, index, person, recorded[0])
            return
        if len(recorded) + len(groups) == 1:
            group = groups[0]
        else:
            if recorded or groups:
                named = [f"{a.name} (#{a.source_id})" for a in recorded]
                named += [f"{g.best.name} (line {g.line})" for g in groups]
                _note_several(item, person, named)
            group = _Group(person, item.reference.line)
        group.take(item, index, person)
        for key in keys:
            in_file[key] = group

    def _fitting(
        self, person: AuthorSpec, keys: set[str], in_file: dict[str, _Group]
    ) -> tuple[list[_Author], list[_Group]]:
        """The recorded authors and the file's groups this name may stand for (none when it is
        a recorded name itself)."""
        if keys & self.recorded.named:
            return [], []
        fits = {name_key(a.name): a for a in self.recorded.authors.get(_fold(person.family), [])}
        recorded = [a for a in fits.values() if abbreviates(person.given, a.given)]
        taken = {name_key(a.name) for a in recorded}
        groups = {id(g): g for g in in_file.values() if g.fits(person)}.values()
        return recorded, [g for g in groups if name_key(g.best.name) not in taken]


def _read_as_recorded(item: PlanItem, index: int, person: AuthorSpec, one: _Author) -> None:
    """Read a name as a recorded author, under its recorded name so that it resolves there."""
    item.reference.authors[index] = AuthorSpec(one.name, person.kind, one.family, one.given)
    item.same_people.append(person.name)
    item.reference.note(f"author {person.name} read as {one.name}, {one.where()}")


def read_same_people(session: Session, items: list[PlanItem]) -> None:
    """Take a name given with initials for the one author it abbreviates, noting each reading."""
    creating = [item for item in items if item.action == "create"]
    people = [p for item in creating for a in item.reference.authors if (p := _person(a))]
    if not people:
        return
    reading = _Reading(_Recorded(session, people))
    for item in creating:
        for index, spec in enumerate(list(item.reference.authors)):
            person = _person(spec)
            if person is not None:
                reading.read(item, index, person)
    for in_file in reading.groups.values():
        for group in {id(g): g for g in in_file.values()}.values():
            group.name_all()


def same_people_summary(items: list[PlanItem]) -> str:
    """One line on the names read as an author already named, and those that may be."""
    taken = sum(len(item.same_people) for item in items)
    unsure = sum(len(item.maybe_same) for item in items)
    parts = []
    if taken:
        parts.append(
            f"{taken} author name{'' if taken == 1 else 's'} read as an author already named"
        )
    if unsure:
        parts.append(
            f"{unsure} author name{'' if unsure == 1 else 's'} may be the same person as another: "
            "recorded apart, see the notes"
        )
    return "; ".join(parts)
