"""The navigation lists one's own saved views and the ten shared ones most recently updated."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from factdb.models import SavedView, User
from factdb.team.views import NAV_SHARED_VIEWS, save_view, share_view
from factdb.vocab import Role

START = datetime(2026, 1, 1)


@pytest.fixture
def team(session, make):
    reader = make.user(Role.VIEWER, email="reader@example.org", name="Ria Reader")
    other = make.user(Role.EDITOR, email="other@example.org", name="Oskar Other")
    return session.get(User, reader.id), session.get(User, other.id)


def _names(page: str) -> list[str]:
    menu = page[page.index('<ul class="menu-list">') : page.index("</ul>", page.index("menu-list"))]
    return [name.strip() for name in re.findall(r"/views/\d+[^>]*>([^<]+)", menu)]


def test_the_menu_holds_ones_own_views_and_the_ten_shared_ones_most_recently_updated(
    client, auth, session, team
):
    reader, other = team
    for number in range(2):
        save_view(session, reader, f"Mine {number}", "q=mine", shared=number == 0)
    for number in range(NAV_SHARED_VIEWS + 5):
        view = save_view(session, other, f"Shared {number:02}", "q=x", shared=True)
        view.updated_at = START + timedelta(days=number)
    save_view(session, other, "Kept to himself", "q=y", shared=False)
    session.commit()
    auth.login("reader@example.org")
    page = client.get("/claims/").get_data(as_text=True)
    recent = [f"Shared {number:02}" for number in range(5, NAV_SHARED_VIEWS + 5)]
    assert sorted(_names(page)) == sorted(["Mine 0", "Mine 1", *recent])
    assert "Kept to himself" not in page
    assert f'href="/views/">All views ({2 + NAV_SHARED_VIEWS + 5})</a>' in page

    # Sharing an older view again makes it recent: it takes the place of the oldest shown.
    oldest = session.scalar(select(SavedView.id).where(SavedView.name == "Shared 00"))
    share_view(session, other, oldest, False)
    session.commit()
    share_view(session, other, oldest, True)
    session.commit()
    names = _names(client.get("/claims/").get_data(as_text=True))
    assert "Shared 00" in names and "Shared 05" not in names


def test_with_no_views_the_menu_says_how_to_save_one(client, auth, team):
    auth.login("reader@example.org")
    page = client.get("/claims/").get_data(as_text=True)
    assert "No saved views yet" in page and "All views (" not in page
