"""A saved view's name loses text-direction overrides and zero-width characters, as other
names do.

A shared view is listed in everybody's navigation: a viewer's name opening with U+202E showed
reversed there, where a source's, a tag's or a person's name already lost the override.
"""

from __future__ import annotations

from factdb.models import SavedView
from factdb.team.views import save_view
from factdb.vocab import Role


def test_a_shared_view_name_loses_direction_overrides(make, session):
    viewer = make.user(Role.VIEWER, email="sam@example.org")
    view = save_view(
        session, viewer, "\u202eweiver ni\u202c claims\u200b", "status=in_review", shared=True
    )
    session.commit()
    assert session.get(SavedView, view.id).name == "weiver ni claims"
