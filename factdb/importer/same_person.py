"""One author written two ways across entries ("Odile Brannock", "O. Brannock") is one source.

Reference files abbreviate given names as each journal's style did. A person's name that has
no exact match, given with initials that fit the given names of exactly one author of the same
family name (recorded as a document's author, or an author earlier in the file), is that
author; a full given name that differs ("Olav" for "Odile") never fits. When several fit,
the name is recorded apart and the import says so, for someone to check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


def _fitting(person: AuthorSpec, authors: Iterable[_Author]) -> list[_Author]:
    """The authors whose given names `person`'s abbreviates (or the other way), one per name."""
    fits = {name_key(a.name): a for a in authors if abbreviates(person.given, a.given)}
    return list(fits.values())


def _where(author: _Author) -> str:
    return f"#{author.source_id}" if author.source_id else f"line {author.line}"


def _read_one(item: PlanItem, index: int, person: AuthorSpec, found: list[_Author]) -> None:
    """Read one name as the only author it fits, or note the several it may be."""
    reference = item.reference
    if len(found) == 1:
        # Under the name it was recorded or first read by, so that it resolves to that source.
        one = found[0]
        reference.authors[index] = AuthorSpec(one.name, person.kind, one.family, one.given)
        item.same_people.append(person.name)
        reference.note(f"author {person.name} read as {one.name}, {one.where()}")
    elif found:
        item.maybe_same.append(person.name)
        named = " or ".join(f"{a.name} ({_where(a)})" for a in found)
        reference.note(
            f"author {person.name} may be the same person as {named}: "
            "recorded apart, check whether they are one"
        )


def read_same_people(session: Session, items: list[PlanItem]) -> None:
    """Take a name given with initials for the one author it abbreviates, noting each reading."""
    creating = [item for item in items if item.action == "create"]
    people = [p for item in creating for a in item.reference.authors if (p := _person(a))]
    if not people:
        return
    recorded = _Recorded(session, people)
    #: The people named earlier in the file, by folded family name, then by name key.
    earlier: dict[str, dict[str, _Author]] = {}
    for item in creating:
        for index, spec in enumerate(list(item.reference.authors)):
            person = _person(spec)
            if person is None:
                continue
            keys = {name_key(person.name), name_key(f"{person.given} {person.family}")}
            in_file = earlier.setdefault(_fold(person.family), {})
            if keys & set(in_file):
                continue  # the same name again
            if not keys & recorded.named:
                candidates = [*in_file.values(), *recorded.authors.get(_fold(person.family), [])]
                _read_one(item, index, person, _fitting(person, candidates))
                if item.reference.authors[index] is not spec:
                    continue
            line = item.reference.line
            in_file[name_key(person.name)] = _Author(
                person.name, person.family, person.given, line=line
            )


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
