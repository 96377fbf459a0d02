"""Sources: create, edit, find by name or alias, and list with their claim counts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from factdb.declarations.source import MAX_ALIASES, SOURCE
from factdb.errors import ValidationFailed
from factdb.history import record_change
from factdb.keyset import Key, read_page
from factdb.models import Citation, Source, SourceAlias, SourceRedirect, User
from factdb.pagination import Page
from factdb.records import claims_citing, load_one, refuse_stale
from factdb.text import clean, clean_line, like_escaped, name_key
from factdb.vocab import Reliability, SourceKind

#: The fields the history records, from the declaration (aliases are recorded by name).
TRACKED_FIELDS = SOURCE.tracked

#: What a source is loaded with: its parent, children, aliases and editors.
#: The one-of relations joined (each further statement is a round trip to PostgreSQL), the
#: lists read apart: joined together they would multiply each other's rows.
SOURCE_LOADS = (
    joinedload(Source.parent),
    selectinload(Source.children),
    # A source has a few aliases: in the source's own statement (a round trip fewer).
    joinedload(Source.aliases),
    joinedload(Source.created_by),
    joinedload(Source.updated_by),
)

_PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du",
    "la", "le", "ter", "ten", "bin", "ibn", "al", "el", "zu", "af", "av",
}  # fmt: skip

#: What create_source and update_source take: one attribute per declared field.
SourceInput = SOURCE.input_class


#: Generational suffixes: kept in the full name, never taken for a family or given name.
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "junior", "senior"}


def is_name_suffix(word: str) -> bool:
    """Whether a word is a generational suffix such as "Jr." or "III"."""
    return word.strip().casefold() in _SUFFIXES


def split_person_name(name: str) -> tuple[str, str]:
    """Split a person's name into (family, given), keeping particles with the family name.

    "van der Leyen, Ursula" and "Ursula van der Leyen" both give ("van der Leyen", "Ursula");
    a suffix is left out wherever it is written ("Martin Luther King Jr.", "Martin Luther
    King, Jr.", "King, Jr., Martin Luther" all give ("King", "Martin Luther")).
    """
    name = clean(name)
    last = name.replace(",", " ").split()
    if len(last) > 1 and is_name_suffix(last[-1]):
        name = name[: name.rfind(last[-1])].rstrip(" ,")
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        head, _, rest = given.partition(",")
        if rest and is_name_suffix(head):
            given = rest.strip()
        return family, given
    words = name.split()
    if len(words) < 2:
        return name, ""
    for index, word in enumerate(words[1:-1], start=1):
        if word.casefold() in _PARTICLES:
            return " ".join(words[index:]), " ".join(words[:index])
    return words[-1], " ".join(words[:-1])


def source_detail(source: Source) -> str:
    """What tells a source from its namesakes in a list of suggestions: its role, or its kind."""
    return source.role or source.kind.label


def _validate(session: Session, data: SourceInput, source_id: int | None) -> SourceInput:
    """Check every field against the declaration, then the rules that need the database."""
    values = SOURCE.validate({**vars(data), "aliases": []})
    errors: dict[str, str] = {}
    parent_id = values["parent_id"]
    if parent_id is not None:
        if parent_id == source_id:
            errors["parent_id"] = "A source cannot be its own parent organisation."
        elif session.get(Source, parent_id) is None:
            errors["parent_id"] = f"There is no source {parent_id}."
        elif source_id is not None and source_id in ancestors(session, parent_id):
            errors["parent_id"] = "That organisation already belongs to this source."
    if not isinstance(data.aliases, list) or not all(isinstance(a, str) for a in data.aliases):
        raise ValidationFailed(
            "Please correct the marked fields.", {"aliases": "Expected a list of text."}
        )
    if len(data.aliases) > MAX_ALIASES:  # checked first: each alias is looked up below
        raise ValidationFailed(
            "Please correct the marked fields.",
            {
                "aliases": f"A source takes at most {MAX_ALIASES} aliases; {len(data.aliases):,} were given."
            },
        )
    aliases: dict[str, str] = {}
    for alias in data.aliases:
        alias = clean_line(alias)
        if alias and name_key(alias) != name_key(values["name"]):
            aliases.setdefault(name_key(alias), alias[:300])
    taken = (
        session.execute(
            select(SourceAlias.name, Source.name)
            .join(Source, Source.id == SourceAlias.source_id)
            .where(
                SourceAlias.name_key.in_(list(aliases)), SourceAlias.source_id != (source_id or 0)
            )
        ).all()
        if aliases
        else []
    )
    if taken:
        alias, owner = taken[0]
        errors["aliases"] = f"The alias {alias!r} already belongs to {owner}."
    if errors:
        raise ValidationFailed("Please correct the marked fields.", errors)
    values["aliases"] = list(aliases.values())
    if values["kind"] == SourceKind.PERSON and not (values["family_name"] or values["given_name"]):
        family, given = split_person_name(values["name"])
        # derived from a name of up to 300 characters, into fields of 200: the name stays whole
        values["family_name"], values["given_name"] = family[:200], given[:200]
    return SourceInput(**values)


def ancestors(session: Session, source_id: int) -> set[int]:
    """The source and every organisation above it."""
    seen: set[int] = set()
    current: int | None = source_id
    while current is not None and current not in seen:
        seen.add(current)
        current = session.scalar(select(Source.parent_id).where(Source.id == current))
    return seen


def _apply(source: Source, data: SourceInput) -> None:
    for name in SOURCE.values(source):
        setattr(source, name, getattr(data, name))
    source.name_key = name_key(data.name)
    wanted = {name_key(alias): alias for alias in data.aliases}
    source.aliases[:] = [alias for alias in source.aliases if alias.name_key in wanted]
    have = {alias.name_key for alias in source.aliases}
    for key, alias in wanted.items():
        if key not in have:
            source.aliases.append(SourceAlias(name=alias, name_key=key))


def tracked_values(source: Source) -> dict:
    """The values the history records of a source, its aliases by name."""
    values = SOURCE.snapshot(source)
    values["aliases"] = sorted(alias.name for alias in source.aliases)
    return values


def create_source(session: Session, user: User | None, data: SourceInput) -> Source:
    """Add a source; its aliases must not belong to another source."""
    return create_sources(session, user, [data])[0]


def create_sources(
    session: Session, user: User | None, inputs: list[SourceInput], *, skip_invalid: bool = False
) -> list[Source]:
    """Add sources with one flush, not one each (an import creates thousands of authors).

    Each is checked as create_source checks it (aliases against the recorded sources);
    `skip_invalid` leaves out those that fail instead of refusing them all.
    """
    sources = []
    first_id = _id_after_merged(session)
    for data in inputs:
        try:
            data = _validate(session, data, None)
        except ValidationFailed:
            if skip_invalid:
                continue
            raise
        source = Source(created_by_id=user.id if user else None, aliases=[])
        if first_id is not None and not sources:
            source.id = first_id
        source.updated_by_id = source.created_by_id
        _apply(source, data)
        session.add(source)
        sources.append(source)
    session.flush()
    for source in sources:
        record_change(
            session,
            entity="source",
            entity_id=source.id,
            action="created",
            before={},
            after=tracked_values(source),
            user=user,
        )
    return sources


def _id_after_merged(session: Session) -> int | None:
    """The id the next source must take so that no merged source's id is handed out again.

    SQLite numbers a new row after the highest id there is, so when the newest source was
    merged its id went to the next one, and its old address and every "(#N)" naming it led
    to someone else. One source above the merged ids is enough: the ones after it follow.
    PostgreSQL's sequences never give an id twice (None: its own numbering stands).
    """
    if session.get_bind().dialect.name != "sqlite":
        return None
    merged = session.scalar(select(func.max(SourceRedirect.source_id)))
    if merged is None:
        return None
    highest = session.scalar(select(func.max(Source.id))) or 0
    return merged + 1 if merged >= highest else None


def update_source(
    session: Session, user: User, source_id: int, expected_version: int, data: SourceInput
) -> Source:
    """Save changes to a source, refusing them if someone saved it since `expected_version`."""
    source = get_source(session, source_id)
    refuse_stale(source, expected_version, "source")
    before = tracked_values(source)
    data = _validate(session, data, source_id)
    _apply(source, data)
    after = tracked_values(source)
    if after != before:
        # A save that changes nothing writes nothing: a new version would make the next
        # editor's save a false conflict.
        source.updated_by_id = user.id
    session.flush()
    record_change(
        session,
        entity="source",
        entity_id=source.id,
        action="updated",
        before=before,
        after=after,
        user=user,
    )
    return source


def get_source(session: Session, source_id: int) -> Source:
    """Return a source with its parent, children, aliases and editors loaded."""
    return load_one(session, Source, source_id, "source", *SOURCE_LOADS)


def find_source(session: Session, text: str) -> Source | None:
    """Find the source a person means by its exact name, or one of its aliases (the first of namesakes)."""
    found = sources_named(session, text)
    return found[0] if found else None


def sources_named(session: Session, text: str) -> list[Source]:
    """The sources `text` names exactly: by name, else by alias (several when namesakes share it)."""
    key = name_key(text)
    if not key:
        return []
    by_name = list(
        session.scalars(select(Source).where(Source.name_key == key).order_by(Source.id).limit(5))
    )
    if by_name:
        return by_name
    return list(
        session.scalars(select(Source).join(SourceAlias).where(SourceAlias.name_key == key))
    )


def suggest_sources(session: Session, prefix: str, limit: int = 10) -> list[Source]:
    """Return sources whose name or alias starts with `prefix`, for autocompletion."""
    key = name_key(prefix)
    if not key:
        return []
    pattern = _like_prefix(key)
    alias_ids = select(SourceAlias.source_id).where(SourceAlias.name_key.like(pattern, escape="\\"))
    return list(
        session.scalars(
            select(Source)
            .where(or_(Source.name_key.like(pattern, escape="\\"), Source.id.in_(alias_ids)))
            .order_by(Source.name_key)
            .limit(limit)
        )
    )


def _like_prefix(key: str) -> str:
    return f"{like_escaped(key)}%"


@dataclass(frozen=True)
class SourceRow:
    source: Source
    claim_count: int


def list_sources(
    session: Session,
    *,
    q: str = "",
    kind: str = "",
    reliability: str = "",
    page: int = 1,
    size: int = 25,
    after: str = "",
    before: str = "",
) -> Page[SourceRow]:
    """List sources by name, with the number of claims attributed to each on the page."""
    query: Select = select(Source)
    if q:
        pattern = "%" + _like_prefix(name_key(q))
        alias_ids = select(SourceAlias.source_id).where(
            SourceAlias.name_key.like(pattern, escape="\\")
        )
        query = query.where(
            or_(Source.name_key.like(pattern, escape="\\"), Source.id.in_(alias_ids))
        )
    if kind:
        query = query.where(Source.kind == SourceKind(kind))
    if reliability:
        query = query.where(Source.reliability == Reliability(reliability))
    found = read_page(
        session, query, SOURCE_ORDER, page=page, size=size, after=after, before=before,
        options=[selectinload(Source.parent), selectinload(Source.aliases)],
    )  # fmt: skip
    counts = claims_citing(session, Citation.speaker_id, [source.id for source in found.items])
    return replace(
        found, items=[SourceRow(source, counts.get(source.id, 0)) for source in found.items]
    )


#: Sources are listed by name (folded), the id breaking ties.
SOURCE_ORDER = [Key(Source.name_key, parse=str), Key(Source.id)]
