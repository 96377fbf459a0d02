"""A discussion thread on each claim: who said what and when, with every edit kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from factdb.errors import NotAllowed, NotFound, StaleEdit, ValidationFailed
from factdb.history import record_change
from factdb.models import Claim, ClaimNote, User
from factdb.team.notifications import NotificationKind, mentioned_users, notify
from factdb.text import clean
from factdb.vocab import Role

MAX_NOTE_LENGTH = 10000


@dataclass(frozen=True)
class NoteView:
    id: int
    version: int
    claim_id: int
    text: str
    author_id: int | None
    author_name: str
    created_at: datetime
    updated_at: datetime
    edited: bool


def _checked_text(text: str) -> str:
    text = clean(text)
    if not text:
        raise ValidationFailed.at("text", "Write the note.")
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationFailed.at("text", f"Keep a note under {MAX_NOTE_LENGTH:,} characters.")
    return text


def _mention(session: Session, author: User, claim: Claim, text: str, already: str = "") -> None:
    known = {user.id for user in mentioned_users(session, already)} if already else set()
    new = [user.id for user in mentioned_users(session, text) if user.id not in known]
    short = text if len(text) <= 160 else text[:159].rstrip() + "…"
    notify(session, new, NotificationKind.MENTION,
           f"{author.name} mentioned you on claim #{claim.id}: {short}",
           actor=author, claim_id=claim.id)  # fmt: skip


def add_note(session: Session, author: User, claim_id: int, text: str) -> ClaimNote:
    """Add a note to a claim's discussion; colleagues mentioned with @handle are notified."""
    if not author.can(Role.EDITOR):
        raise NotAllowed("Only editors and reviewers can write notes.")
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"There is no claim {claim_id}.")
    text = _checked_text(text)
    note = ClaimNote(claim_id=claim_id, text=text, created_by_id=author.id, updated_by_id=author.id)
    session.add(note)
    session.flush()
    record_change(session, entity="note", entity_id=note.id, claim_id=claim_id,
                  action="created", before={}, after={"text": text}, user=author)  # fmt: skip
    _mention(session, author, claim, text)
    return note


def edit_note(
    session: Session, editor: User, note_id: int, text: str, *, expected_version: int
) -> ClaimNote:
    """Change a note's text (its author, or an admin); the old text stays in the history."""
    note = session.get(ClaimNote, note_id)
    if note is None:
        raise NotFound(f"There is no note {note_id}.")
    if note.created_by_id != editor.id and not editor.can(Role.ADMIN):
        raise NotAllowed("Only the note's author (or an admin) can change it.")
    if note.version != expected_version:
        raise StaleEdit(
            "The note changed after you opened it; its new text is shown, edit it again.",
            current=note,
        )
    text = _checked_text(text)
    if text == note.text:
        return note
    before = note.text
    note.text, note.updated_by_id = text, editor.id
    try:
        session.flush()
    except StaleDataError as exc:
        raise StaleEdit("The note changed at the same moment; try again.", current=None) from exc
    record_change(session, entity="note", entity_id=note.id, claim_id=note.claim_id,
                  action="updated", before={"text": before}, after={"text": text}, user=editor)  # fmt: skip
    claim = session.get(Claim, note.claim_id)
    if claim is not None:
        _mention(session, editor, claim, text, already=before)
    return note


def notes_query(*where: Any) -> Select:
    return (
        select(
            ClaimNote.id,
            ClaimNote.version,
            ClaimNote.claim_id,
            ClaimNote.text,
            ClaimNote.created_by_id,
            User.name,
            ClaimNote.created_at,
            ClaimNote.updated_at,
        )
        .outerjoin(User, User.id == ClaimNote.created_by_id)
        .where(*where)
        .order_by(ClaimNote.id)
    )


def _views(session: Session, statement: Select) -> list[NoteView]:
    return note_views(session.execute(statement))


def note_views(rows: Iterable[Sequence[Any]]) -> list[NoteView]:
    """Notes as the page shows them, from rows of `notes_query`."""
    return [
        NoteView(
            *row[:5],
            author_name=row[5] or "Someone",
            created_at=row[6],
            updated_at=row[7],
            edited=row[1] > 1,
        )
        for row in rows
    ]


def notes_for(session: Session, claim_id: int) -> list[NoteView]:
    """A claim's discussion, oldest first, with the authors' names."""
    return _views(session, notes_query(ClaimNote.claim_id == claim_id))


def note_view(session: Session, note_id: int) -> NoteView:
    found = _views(session, notes_query(ClaimNote.id == note_id))
    if not found:
        raise NotFound(f"There is no note {note_id}.")
    return found[0]
