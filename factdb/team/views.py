"""Saved views: a filtered claims list kept under a name, for oneself or for the whole team."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import BindParameter, Select, bindparam, func, or_, select, true
from sqlalchemy.orm import Session

from factdb.errors import NotAllowed, NotFound, ValidationFailed
from factdb.models import SavedView, User
from factdb.models.base import MAX_ID
from factdb.team.queue import NavCounts, nav_counts_query
from factdb.text import clean, clean_line
from factdb.vocab import Role

#: The claims list's parameters a view keeps; the page number is not one of them.
VIEW_PARAMETERS = ("q", "status", "tag", "source", "document", "sort")
MAX_NAME_LENGTH = 100
#: Views one account may keep.
MAX_VIEWS = 200
#: Other accounts' shared views the navigation lists (the most recently updated): the rest
#: are on the views page, so that every page does not grow with the team.
NAV_SHARED_VIEWS = 10


@dataclass(frozen=True)
class ViewRow:
    id: int
    name: str
    query: str
    shared: bool
    owner_id: int
    owner_name: str
    feed_key: str


def clean_query(query: str) -> str:
    """Keep only the list's filters from a query string, in a fixed order."""
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=False)
    kept = {key: clean(value)[:500] for key, value in pairs if key in VIEW_PARAMETERS}
    return urlencode([(key, kept[key]) for key in VIEW_PARAMETERS if kept.get(key)])


def save_view(session: Session, owner: User, name: str, query: str, *, shared: bool) -> SavedView:
    """Keep the list's filters under a name; a shared view shows in everyone's navigation."""
    name = clean_line(name)  # listed in everybody's navigation when shared
    if not name:
        raise ValidationFailed.at("name", "Name the view, for example “Budget claims in review”.")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed.at("name", f"Keep the name under {MAX_NAME_LENGTH} characters.")
    kept = session.scalar(select(func.count()).where(SavedView.owner_id == owner.id)) or 0
    if kept >= MAX_VIEWS:
        raise ValidationFailed.at(
            "name",
            f"You have {MAX_VIEWS} saved views, the most an account keeps; delete one first.",
        )
    taken = session.scalar(
        select(SavedView.id).where(SavedView.owner_id == owner.id, SavedView.name == name)
    )
    if taken is not None:
        raise ValidationFailed.at(
            "name", "You already have a view with this name; choose another name."
        )
    view = SavedView(
        name=name,
        owner_id=owner.id,
        query=clean_query(query),
        shared=shared,
        feed_key=secrets.token_urlsafe(24),
    )
    session.add(view)
    session.flush()
    return view


def _own(session: Session, user: User, view_id: int) -> SavedView:
    view = session.get(SavedView, view_id)
    if view is None or not (view.owner_id == user.id or view.shared):
        raise NotFound(f"There is no view {view_id}.")
    if view.owner_id != user.id and not user.can(Role.ADMIN):
        raise NotAllowed("Only the view's owner (or an admin) can change it.")
    return view


def delete_view(session: Session, user: User, view_id: int) -> None:
    session.delete(_own(session, user, view_id))
    session.flush()


def share_view(session: Session, user: User, view_id: int, shared: bool) -> SavedView:
    view = _own(session, user, view_id)
    view.shared = shared
    return view


def _visible(user_id: int | BindParameter[int]) -> Select:
    return (
        select(
            SavedView.id,
            SavedView.name,
            SavedView.query,
            SavedView.shared,
            SavedView.owner_id,
            User.name.label("owner_name"),
            SavedView.feed_key,
        )
        .join(User, User.id == SavedView.owner_id)
        .where(or_(SavedView.owner_id == user_id, SavedView.shared.is_(True)))
    )


def views_for(session: Session, user_id: int) -> list[ViewRow]:
    """The views a user sees: their own and those shared with the team, by name."""
    rows = session.execute(_visible(user_id).order_by(SavedView.name, SavedView.id))
    return [ViewRow(*row) for row in rows]


def nav_for(session: Session, user_id: int) -> tuple[NavCounts, NavViews]:
    """What the navigation shows on every page (queue, unread, saved views), in one statement.

    Every page asks for these: on PostgreSQL each statement is a round trip to the
    server, so the counts come as columns beside the views (one row when there are none).
    """
    return nav_from_rows(session.execute(_nav_statement(), {"user_id": user_id}).all())


def with_nav(statement: Select) -> Select:
    """`statement`'s single row with the navigation's rows beside it, as one statement.

    A page reads its user first; asking for the navigation in the same statement saves
    it a round trip. Run it with the user's id as `user_id`; each row is the statement's
    columns, then those `nav_from_rows` reads; no row when `statement` finds none.
    Build it once: building it cost more than running it.
    """
    first = statement.subquery()
    nav = _nav_statement().subquery()
    return select(first, nav).select_from(first.join(nav, true())).order_by(nav.c.name, nav.c.id)


@dataclass(frozen=True)
class NavViews:
    """The saved views the navigation lists, and how many the user may open in all."""

    views: list[ViewRow]
    total: int


def nav_from_rows(rows: Sequence[Sequence[Any]]) -> tuple[NavCounts, NavViews]:
    """The navigation from its rows: the counts, then one saved view a row (if any) and,
    beside each, how many views the user sees in all."""
    found = NavCounts(rows[0][0] or 0, rows[0][1] or 0)
    views = [ViewRow(*row[2:-1]) for row in rows if row[2] is not None]
    return found, NavViews(views, rows[0][-1] or 0)


def _nav_views(user_id: BindParameter[int]) -> Select:
    """The user's own views and the NAV_SHARED_VIEWS shared ones most recently updated."""
    mine = SavedView.owner_id == user_id
    ranked = (
        _visible(user_id)
        .add_columns(
            func.row_number()
            .over(partition_by=mine, order_by=(SavedView.updated_at.desc(), SavedView.id.desc()))
            .label("recent"),
            func.count().over().label("visible"),
            mine.label("mine"),
        )
        .subquery()
    )
    listed = [column for column in ranked.c if column.name not in {"recent", "mine"}]
    return select(*listed).where(or_(ranked.c.mine, ranked.c.recent <= NAV_SHARED_VIEWS))


@functools.cache
def _nav_statement() -> Select:
    """The navigation's statement for the user given as `user_id`, built once (every page runs it)."""
    user_id = bindparam("user_id")
    counts = nav_counts_query(user_id).subquery()
    views = _nav_views(user_id).subquery()
    return (
        select(counts, views)
        .select_from(counts.outerjoin(views, true()))
        .order_by(views.c.name, views.c.id)
    )


def visible_view(session: Session, user_id: int, view_id: int) -> ViewRow:
    for view in views_for(session, user_id):
        if view.id == view_id:
            return view
    raise NotFound(f"There is no view {view_id}.")


def reader_key(view_key: str, reader_id: int) -> str:
    """The key of one account's feed address for a view: its id, signed with the view's own key.

    Each reader has their own key, so a feed stops when its reader may no longer see the
    view (disabled, or the view no longer shared); the view's key itself is never shown.
    """
    signature = hmac.new(view_key.encode(), str(reader_id).encode(), hashlib.sha256)
    return f"{reader_id}-{signature.hexdigest()[:32]}"


def view_by_feed_key(session: Session, view_id: int, key: str) -> SavedView | None:
    """The view a feed address opens (feed readers cannot log in), while its reader may see it."""
    reader_id, _, signature = key.partition("-")
    # ASCII only: compare_digest refuses (TypeError) to compare other text.
    if not (key.isascii() and reader_id.isdigit() and signature) or len(key) > 64:
        return None
    view = session.get(SavedView, view_id)
    reader = session.get(User, int(reader_id)) if int(reader_id) <= MAX_ID else None
    if view is None or reader is None or not reader.active:
        return None
    if not (view.owner_id == reader.id or view.shared):
        return None
    if not hmac.compare_digest(key, reader_key(view.feed_key, reader.id)):
        return None
    return view
