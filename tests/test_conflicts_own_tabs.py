"""A claim saved in one tab and then in another by the same person: the refusal says "you"."""

from __future__ import annotations

from factdb.vocab import Role
from tests.test_conflicts import _browser, _edit_form, claim, team  # noqa: F401 (fixtures)

OWN = "You saved this claim in another tab or window after you opened this one"


def test_an_edit_in_another_tab_of_ones_own_is_named_as_yours(app, team, claim):  # noqa: F811
    first_tab = _browser(app, "alice@example.org")
    url = f"/claims/{claim.id}/edit"
    first, second = _edit_form(first_tab, url), _edit_form(first_tab, url)
    first["citations-0-locator"] = "p. 5"
    assert first_tab.post(url, first).status_code == 302
    second["tags"] = "economy, trade"
    refused = first_tab.post(url, second)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert OWN in page
    assert "Alice saved this claim" not in page
    assert f"you changed citation #{claim.citations[0].id} (locator" in page


def test_someone_elses_edit_still_names_them(app, make, team, claim):  # noqa: F811
    make.user(Role.EDITOR, email="carol@example.org", name="Carol")
    make.commit()
    alice, carol = _browser(app, "alice@example.org"), _browser(app, "carol@example.org")
    url = f"/claims/{claim.id}/edit"
    alices, carols = _edit_form(alice, url), _edit_form(carol, url)
    alices["citations-0-locator"] = "p. 5"
    assert alice.post(url, alices).status_code == 302
    carols["tags"] = "economy, trade"
    page = carol.post(url, carols).get_data(as_text=True)
    assert "Alice saved this claim after you opened it" in page and OWN not in page


def test_a_verdict_after_ones_own_in_another_tab_is_named_as_yours(app, make, claim):  # noqa: F811
    make.user(Role.REVIEWER, email="rita@example.org", name="Rita")
    make.commit()
    rita = _browser(app, "rita@example.org")
    verdict = {"version": str(claim.version), "note": "Matches the customs data.",
               "evidence": str(claim.citations[0].id)}  # fmt: skip
    url = f"/claims/{claim.id}/status"
    assert rita.post(url, {**verdict, "status": "true"}).status_code == 302
    late = rita.post(url, {**verdict, "status": "false"})
    assert late.status_code == 409
    page = late.get_data(as_text=True)
    assert "You changed this claim in another tab or window after you opened this one" in page
    assert "Rita changed this claim" not in page
