"""Saved views an account may keep: shared ones show on every page, for everyone."""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.models import User
from factdb.team.views import MAX_VIEWS, save_view
from factdb.vocab import Role


@pytest.fixture
def people(make):
    return {"reader": make.user(Role.VIEWER, email="reader@example.org")}


def test_an_account_keeps_at_most_so_many_views_on_every_path(client, auth, session, people):
    """Shared views show on every page for everyone: a script must not fill every page with them."""
    reader = session.get(User, people["reader"].id)
    for number in range(MAX_VIEWS):
        save_view(session, reader, f"View {number}", "q=x", shared=True)
    token = create_token(session, reader, "script").secret
    session.commit()
    refused = client.post(
        "/api/v1/views",
        headers={"Authorization": f"Bearer {token}"},
        json={"name": "One more", "shared": True},
    )
    assert refused.status_code == 422
    assert f"{MAX_VIEWS} saved views" in refused.get_json()["fields"]["name"]
    auth.login("reader@example.org")
    page = auth.post("/views/", {"name": "One more", "query": "q=x"}, follow_redirects=True)
    assert f"{MAX_VIEWS} saved views" in page.get_data(as_text=True)
    assert "One more" not in client.get("/views/").get_data(as_text=True)
