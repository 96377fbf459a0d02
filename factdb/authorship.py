"""A document's authors: the sources they are, and the names the document writes for them.

A written name is a source already recorded only when it is that source's name or a recorded
alias once case and runs of space are folded: never a person whose initials merely fit. Where
the document writes the name otherwise than the source ("BRANNOCK, Odile", an alias), the
authorship row keeps the document's form, so that an entry exports as it was given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.errors import ValidationFailed
from factdb.models import Document, DocumentAuthor, Source, SourceAlias, User
from factdb.models.base import MAX_ID
from factdb.source_kinds import guess_source_kind, staff_of
from factdb.sources import SourceInput, create_source, create_sources, find_source
from factdb.text import name_key
from factdb.vocab import SourceKind


@dataclass(frozen=True)
class AuthorSpec:
    """An author whose kind is known (from an imported reference), not guessed from the name."""

    name: str
    kind: SourceKind
    family: str = ""
    given: str = ""
    #: The name as the file wrote it where it is read otherwise ("LA Fisher", initials run
    #: together, read as L. A. Fisher): a source recorded under it before is this author.
    written: str = ""


@dataclass(frozen=True)
class Authorship:
    """One author of a document: its source, and the name the document writes ("" for the
    source's own)."""

    source: Source
    name: str = ""
    family: str = ""
    given: str = ""


def spec_from_text(text: str) -> AuthorSpec:
    """Read a typed author: "Family, Given" is a person; otherwise the kind is guessed."""
    kind = guess_source_kind(text)
    newsroom = staff_of(text)
    if newsroom and "," in text:  # "Staff, Harwick Wire" is written as bylines write it
        return AuthorSpec(f"{newsroom} Staff", kind, written=text)
    if kind is SourceKind.PERSON and "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return AuthorSpec(f"{given} {family}".strip(), kind, family, given)
    return AuthorSpec(text, kind)


class KnownNames:
    """The recorded sources many authors may name, read in batches (an import of thousands of
    names would otherwise look each up on its own): by folded name, then by alias, as
    factdb.sources.find_source finds them."""

    BATCH = 500

    def __init__(self, session: Session, specs: Iterable[AuthorSpec]) -> None:
        keys: set[str] = set()
        for spec in specs:
            keys.update({name_key(spec.name), name_key(f"{spec.given} {spec.family}".strip())})
            keys.add(name_key(spec.written))
        ordered = sorted(keys - {""})
        self.by_name: dict[str, Source] = {}
        self.by_alias: dict[str, Source] = {}
        for start in range(0, len(ordered), self.BATCH):
            batch = ordered[start : start + self.BATCH]
            for source in session.scalars(
                select(Source).where(Source.name_key.in_(batch)).order_by(Source.id)
            ):
                self.by_name.setdefault(source.name_key, source)
            for key, source in session.execute(
                select(SourceAlias.name_key, Source)
                .join(Source, Source.id == SourceAlias.source_id)
                .where(SourceAlias.name_key.in_(batch))
                .order_by(Source.id)
            ):
                self.by_alias.setdefault(key, source)

    def find(self, text: str) -> Source | None:
        """The source `text` names: the first by name, else by alias."""
        key = name_key(text)
        return (self.by_name.get(key) or self.by_alias.get(key)) if key else None

    def add(self, source: Source) -> None:
        """Remember a source just created, so that the next author of that name is it."""
        self.by_name.setdefault(source.name_key, source)

    def create_missing(
        self, session: Session, user: User | None, specs: Iterable[AuthorSpec]
    ) -> None:
        """Create at once, in order, the sources that resolve_authors would create one by one
        for these names: those neither recorded nor named before."""
        missing: dict[str, SourceInput] = {}
        for spec in specs:
            keys = [name_key(spec.name)]
            if spec.family:
                keys.append(name_key(f"{spec.given} {spec.family}".strip()))
            if spec.written:
                keys.append(name_key(spec.written))
            if not keys[0] or any(
                key in self.by_name or key in self.by_alias or key in missing for key in keys
            ):
                continue
            missing[keys[0]] = SourceInput(
                name=spec.name, kind=spec.kind, family_name=spec.family, given_name=spec.given
            )
        # One that cannot be recorded is left to resolve_authors, which names its entry.
        for source in create_sources(session, user, list(missing.values()), skip_invalid=True):
            self.add(source)


def _written(source: Source, spec: AuthorSpec) -> Authorship:
    """The authorship of `source` written as `spec`, keeping the form only where it differs."""
    if (
        spec.name == source.name
        and (not spec.family or spec.family == source.family_name)
        and (not spec.given or spec.given == source.given_name)
    ):
        return Authorship(source)
    return Authorship(source, spec.name, spec.family, spec.given)


def resolve_authors(
    session: Session,
    user: User | None,
    names: list[int | str | AuthorSpec],
    kept: dict[int, tuple[str, str, str]] | None = None,
    known: KnownNames | None = None,
) -> list[Authorship]:
    """Turn authors into sources: ids must exist; names not known yet are created.

    An id keeps the name the document wrote for that source before (`kept`), so that an edit
    naming its authors by id does not lose how the document wrote them.
    """
    authors: list[Authorship] = []
    find = known.find if known else (lambda text: find_source(session, text))
    for name in names:
        if isinstance(name, int):
            known = session.get(Source, name) if 0 < name <= MAX_ID else None
            if known is None:
                raise ValidationFailed(
                    "Please correct the marked fields.", {"authors": f"There is no source {name}."}
                )
            authorship = Authorship(known, *(kept or {}).get(known.id, ("", "", "")))
        else:
            spec = name if isinstance(name, AuthorSpec) else spec_from_text(name)
            source = find(spec.name if isinstance(name, AuthorSpec) else name)
            if source is None and spec.family:
                source = find(f"{spec.given} {spec.family}".strip())
            if source is None and spec.written:
                source = find(spec.written)
            if source is None:
                source = create_source(
                    session,
                    user,
                    SourceInput(
                        name=spec.name,
                        kind=spec.kind,
                        family_name=spec.family,
                        given_name=spec.given,
                    ),
                )
                if known:
                    known.add(source)
            authorship = _written(source, spec)
        if authorship.source.id not in {author.source.id for author in authors}:
            authors.append(authorship)
    return authors


def _row(authorship: Authorship) -> tuple[int, str, str, str]:
    return (authorship.source.id, authorship.name, authorship.family, authorship.given)


def set_authors(
    session: Session,
    user: User | None,
    document: Document,
    names: list[int | str | AuthorSpec],
    known: KnownNames | None = None,
) -> None:
    """Give `document` these authors, in order, each as the document writes it."""
    kept = {
        author.source_id: (author.name, author.family_name, author.given_name)
        for author in document.authors
        if author.name
    }
    authors = resolve_authors(session, user, names, kept, known)
    current = [
        (author.source_id, author.name, author.family_name, author.given_name)
        for author in document.authors
    ]
    if current == [_row(author) for author in authors]:
        return
    if current:  # the old rows go before new ones take their positions
        document.authors.clear()
        session.flush()
    for position, authorship in enumerate(authors):
        source_id, name, family, given = _row(authorship)
        document.authors.append(
            DocumentAuthor(
                position=position,
                source_id=source_id,
                name=name,
                family_name=family,
                given_name=given,
            )
        )
