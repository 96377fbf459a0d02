"""Merge one source into another: two records that turn out to be one person or body.

Everything that pointed at the merged source points at the one it is merged into: the
citations it spoke, the documents it wrote, the sources below it, its history, the
redirects of sources merged into it before. Its name and aliases become aliases of the
source kept, so the intake and imports match that one from then on; fields the kept
source leaves empty take the merged one's values. The merged source is deleted and
leaves a redirect (`SourceRedirect`), so its old address still arrives. All of it is one
transaction; the merged source's version is checked and raised first, so an edit of it
saved meanwhile refuses the merge, and one saved after waits for it and is refused.
The audit's findings follow by the triggers every write goes through (factdb.audit.maintained).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, delete, func, insert, literal, select, update
from sqlalchemy.orm import Session

from factdb.base_keys import note_changed, refresh_authored
from factdb.declarations.source import MAX_ALIASES, SOURCE
from factdb.errors import NotFound, StaleEdit, ValidationFailed
from factdb.history import record_change
from factdb.models import (
    Change,
    Citation,
    DocumentAuthor,
    Source,
    SourceAlias,
    SourceRedirect,
    User,
)
from factdb.models.base import MAX_ID, utcnow
from factdb.records import load_one
from factdb.sources import SOURCE_LOADS, ancestors, get_source, tracked_values
from factdb.text import name_key
from factdb.vocab import Reliability

#: The fields a kept source takes from the merged one when it has no value of its own.
FILLED = ("role", "homepage", "wikidata", "notes", "parent_id")
NOTES_LIMIT = SOURCE["notes"].max_length or 20_000


@dataclass
class MergePlan:
    """What merging `merged` into `kept` will move, for the confirmation and the result."""

    merged: Source
    kept: Source
    citations: int = 0
    claims: int = 0
    documents: int = 0
    children: list[str] = field(default_factory=list)
    #: The names the kept source gains as aliases (the merged one's name first).
    aliases: list[str] = field(default_factory=list)
    #: {field: value} the kept source takes because it has none.
    filled: dict[str, object] = field(default_factory=dict)
    redirects: int = 0


def merged_into(session: Session, source_id: int) -> int | None:
    """The source a merged source became, or None when `source_id` was never merged."""
    if not 0 < source_id <= MAX_ID:  # the database would refuse to compare it
        return None
    return session.scalar(
        select(SourceRedirect.into_id).where(SourceRedirect.source_id == source_id)
    )


def merged_redirect(session: Session, source_id: int) -> SourceRedirect | None:
    """The redirect a merge of `source_id` left (its name as it was), or None."""
    if not 0 < source_id <= MAX_ID:
        return None
    return session.get(SourceRedirect, source_id)


def plan_merge(session: Session, merged_id: int, kept_id: int) -> MergePlan:
    """Check that `merged_id` may merge into `kept_id`, and count what would move."""
    merged = get_source(session, merged_id)
    errors = _refusals(session, merged, kept_id)
    if errors:
        raise ValidationFailed("This merge cannot be made.", {"into": errors})
    kept = get_source(session, kept_id)
    if merged.wikidata and kept.wikidata and merged.wikidata != kept.wikidata:
        raise ValidationFailed(
            "This merge cannot be made.",
            {
                "into": f"{merged.name} is Wikidata's {merged.wikidata} and {kept.name} its "
                f"{kept.wikidata}: two different items."
            },
        )
    plan = MergePlan(merged, kept)
    plan.citations, plan.claims = session.execute(
        select(func.count(Citation.id), func.count(func.distinct(Citation.claim_id))).where(
            Citation.speaker_id == merged_id
        )
    ).one()
    plan.documents = session.scalar(
        select(func.count(func.distinct(DocumentAuthor.document_id))).where(
            DocumentAuthor.source_id == merged_id
        )
    )
    plan.children = [child.name for child in merged.children]
    plan.aliases = _new_aliases(session, merged, kept)
    plan.filled = _filled(session, merged, kept)
    plan.redirects = session.scalar(select(func.count()).where(SourceRedirect.into_id == merged_id))
    notes = plan.filled.get("notes")
    if isinstance(notes, str) and len(notes) > NOTES_LIMIT:
        raise ValidationFailed(
            "This merge cannot be made.",
            {
                "into": f"{kept.name}'s notes and {merged.name}'s together would be "
                f"{len(notes):,} characters; a source's notes take at most {NOTES_LIMIT:,}. "
                "Shorten one of them first, so that nothing is cut."
            },
        )
    taken = len(kept.aliases) + len(plan.aliases)
    if taken > MAX_ALIASES:
        raise ValidationFailed(
            "This merge cannot be made.",
            {
                "into": f"{kept.name} would carry {taken} aliases; a source takes at most "
                f"{MAX_ALIASES}. Remove some first."
            },
        )
    return plan


def _refusals(session: Session, merged: Source, kept_id: int) -> str:
    """Why `merged` cannot merge into `kept_id` ("" when it can)."""
    if kept_id == merged.id:
        return "A source cannot be merged into itself."
    if not 0 < kept_id <= MAX_ID:
        return f"There is no source {kept_id}."
    # A query, not the session's copy: the source may have been merged away meanwhile.
    if session.scalar(select(Source.id).where(Source.id == kept_id)) is None:
        into = merged_into(session, kept_id)
        return f"There is no source {kept_id}" + (
            f"; it was merged into source {into}." if into else "."
        )
    if merged.id in ancestors(session, kept_id):
        return (
            f"Source {kept_id} belongs to {merged.name}: merge it the other way round, "
            "or move it out first."
        )
    return ""


def _new_aliases(session: Session, merged: Source, kept: Source) -> list[str]:
    """The merged source's name and aliases the kept one does not carry yet."""
    have = {kept.name_key} | {alias.name_key for alias in kept.aliases}
    own = {alias.name_key for alias in merged.aliases}
    names: dict[str, str] = {}
    for name in [merged.name, *(alias.name for alias in merged.aliases)]:
        key = name_key(name)
        if key and key not in have:
            names.setdefault(key, name)
    # The merged name may be another source's alias already: it cannot be one of both.
    taken = set(
        session.scalars(
            select(SourceAlias.name_key).where(
                SourceAlias.name_key.in_(list(names)), SourceAlias.name_key.not_in(own)
            )
        )
    )
    return [name for key, name in names.items() if key not in taken]


def _filled(session: Session, merged: Source, kept: Source) -> dict[str, object]:
    """The merged source's values for the fields the kept one leaves empty."""
    values: dict[str, object] = {
        name: getattr(merged, name)
        for name in FILLED
        if not getattr(kept, name) and getattr(merged, name)
    }
    if kept.notes and merged.notes:  # both kept whole: the merged source's notes follow
        values["notes"] = f"{kept.notes}\n\n{merged.notes}"
    parent = values.get("parent_id")
    # Not under its own parent, nor under a body that already belongs to it.
    if isinstance(parent, int) and kept.id in ancestors(session, parent):
        del values["parent_id"]
    if kept.reliability == Reliability.UNGRADED and merged.reliability != Reliability.UNGRADED:
        values["reliability"] = merged.reliability
    return values


def merge_source(
    session: Session, user: User, merged_id: int, kept_id: int, expected_version: int
) -> MergePlan:
    """Merge source `merged_id` into `kept_id`, refusing if the merged one changed since
    `expected_version`; return what moved."""
    _lock_pair(session, merged_id, kept_id)
    plan = plan_merge(session, merged_id, kept_id)
    merged, kept = plan.merged, plan.kept
    # Raise the version first: a save of the merged source made meanwhile is refused, and one
    # made later (it waits on this row's lock in PostgreSQL) finds no row and is refused.
    raised = session.execute(
        update(Source)
        .where(Source.id == merged_id, Source.version == min(expected_version, MAX_ID))
        .values(version=Source.version + 1)
        .execution_options(synchronize_session=False)
    )
    if raised.rowcount != 1:
        session.refresh(merged)
        raise StaleEdit(
            f"{merged.name} was changed after you opened it: check the merge again.",
            current=merged,
        )
    before = tracked_values(kept)
    _move(session, user, merged, kept, plan)
    for name, value in plan.filled.items():
        setattr(kept, name, value)
    # An UPDATE of the kept source raises its version: a save of it opened before is refused.
    kept.updated_by_id, kept.updated_at = user.id, utcnow()
    session.flush()
    # The bulk statements moved author rows without the flush seeing them.
    note_changed(session, refresh_authored(session.connection(), [kept_id]))
    session.expunge(merged)
    session.execute(delete(Source).where(Source.id == merged_id))
    # SQLite may hand a deleted source's id out again: a redirect left for that id is stale.
    session.execute(delete(SourceRedirect).where(SourceRedirect.source_id == merged_id))
    session.add(SourceRedirect(source_id=merged_id, into_id=kept_id, name=merged.name,
                               merged_by_id=user.id))  # fmt: skip
    session.flush()
    kept = load_one(session, Source, kept_id, "source", *SOURCE_LOADS, fresh=True)
    record_change(
        session,
        entity="source",
        entity_id=kept_id,
        action="merged",
        before={**before, "merged_from": None},
        after={**tracked_values(kept), "merged_from": f"{merged.name} (#{merged_id})"},
        user=user,
    )
    plan.kept = kept
    return plan


def _lock_pair(session: Session, *source_ids: int) -> None:
    """Lock both sources' rows (PostgreSQL), the lower id first, and re-read them.

    Two merges of the same source, or of A into B while B goes into C, then take turns
    instead of deadlocking, and the second checks what the first left: a source merged
    away meanwhile is refused by name, not by a foreign key error. SQLite's writers
    take turns already (BEGIN IMMEDIATE).
    """
    session.execute(
        select(Source)
        .where(Source.id.in_([id_ for id_ in source_ids if 0 < id_ <= MAX_ID]))
        .order_by(Source.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()


def _note_speaker_changes(session: Session, user: User, merged: Source, kept: Source) -> None:
    """Add to each claim's history that its citation's speaker changed, and by which merge
    (one INSERT … SELECT: a source may be cited by tens of thousands of claims)."""
    fields = {
        "speaker": [merged.name, kept.name],
        "merged_from": [None, f"{merged.name} (#{merged.id})"],
    }
    session.execute(
        insert(Change).from_select(
            ["entity", "entity_id", "claim_id", "action", "fields", "user_id", "at"],
            select(
                literal("citation"),
                Citation.id,
                Citation.claim_id,
                literal("updated"),
                literal(fields, Change.__table__.c.fields.type),
                literal(user.id),
                literal(utcnow(), Change.__table__.c.at.type),
            ).where(Citation.speaker_id == merged.id),
        )
    )


def _move(session: Session, user: User, merged: Source, kept: Source, plan: MergePlan) -> None:
    """Point everything that pointed at `merged` at `kept` (bulk statements, no row loop)."""
    bulk = {"synchronize_session": False}
    moving = {name_key(name) for name in plan.aliases}
    session.execute(
        delete(SourceAlias)
        .where(SourceAlias.source_id == merged.id, SourceAlias.name_key.not_in(moving))
        .execution_options(**bulk)
    )
    session.execute(
        update(SourceAlias)
        .where(SourceAlias.source_id == merged.id)
        .values(source_id=kept.id)
        .execution_options(**bulk)
    )
    if name_key(merged.name) in moving:
        session.add(SourceAlias(source_id=kept.id, name=merged.name, name_key=merged.name_key))
    _note_speaker_changes(session, user, merged, kept)
    session.execute(
        update(Citation)
        .where(Citation.speaker_id == merged.id)
        .values(speaker_id=kept.id, version=Citation.version + 1)
        .execution_options(**bulk)
    )
    # An author row that took the merged source's name keeps it as the name the document wrote.
    unnamed = DocumentAuthor.name == ""
    session.execute(
        update(DocumentAuthor)
        .where(DocumentAuthor.source_id == merged.id)
        .values(
            source_id=kept.id,
            name=case((unnamed, merged.name), else_=DocumentAuthor.name),
            family_name=case((unnamed, merged.family_name), else_=DocumentAuthor.family_name),
            given_name=case((unnamed, merged.given_name), else_=DocumentAuthor.given_name),
        )
        .execution_options(**bulk)
    )
    session.execute(
        update(Source)
        .where(Source.parent_id == merged.id)
        .values(parent_id=kept.id, version=Source.version + 1)
        .execution_options(**bulk)
    )
    session.execute(
        update(SourceRedirect)
        .where(SourceRedirect.into_id == merged.id)
        .values(into_id=kept.id)
        .execution_options(**bulk)
    )
    session.execute(
        update(Change)
        .where(Change.entity == "source", Change.entity_id == merged.id)
        .values(entity_id=kept.id)
        .execution_options(**bulk)
    )


def find_merged(session: Session, source_id: int) -> int:
    """The source `source_id` is now: itself, or the one it was merged into; else NotFound."""
    if session.get(Source, source_id) is not None:
        return source_id
    into = merged_into(session, source_id)
    if into is None:
        raise NotFound(f"There is no source {source_id}.")
    return into
