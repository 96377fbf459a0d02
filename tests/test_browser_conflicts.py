"""Two people editing the same record in two real browsers: refused once, named, then saved."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from factdb.claims import CitationInput, get_claim
from factdb.documents import get_document
from factdb.sources import get_source
from factdb.vocab import Relation, Role
from tests.factories import Factory
from tests.test_browser import browser, log_in, pytestmark, server  # noqa: F401 (fixtures)

__all__ = ["pytestmark"]

SAVING_AGAIN = "Saving again keeps their changes to what you left alone"


@pytest.fixture
def two_people(browser, server, make: Factory) -> Iterator[tuple]:  # noqa: F811
    """Alice and Bob, each logged in in a browser of their own."""
    make.user(Role.EDITOR, email="alice@example.org", name="Alice")
    make.user(Role.EDITOR, email="bob@example.org", name="Bob")
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    for page, email in zip(pages, ("alice@example.org", "bob@example.org"), strict=True):
        page.set_default_timeout(10_000)
        log_in(page, server, email)
    yield pages[0], pages[1]
    for context in contexts:
        context.close()


def _conflict(
    alice,
    bob,
    url: str,
    save: str,
    alices_change: Callable[[object], None],
    bobs_change: Callable[[object], None],
) -> str:
    """Both open `url`; Alice saves first; Bob's save is refused, then his second goes through."""
    alice.goto(url)
    bob.goto(url)
    alices_change(alice)
    alice.get_by_role("button", name=save).click()
    alice.wait_for_url(lambda address: not address.endswith("/edit"))

    bobs_change(bob)
    bob.get_by_role("button", name=save).click()
    panel = bob.locator("section.stale")
    panel.wait_for()
    told = panel.inner_text() + "\n" + bob.locator("form .alert").inner_text()
    assert "Their version, saved by Alice" in told
    assert SAVING_AGAIN in told
    assert "shown below" not in bob.content()

    bob.get_by_role("button", name=save).click()
    bob.wait_for_url(lambda address: not address.endswith("/edit"))
    assert "saved" in bob.locator(".flash").first.inner_text()
    return told


def test_two_people_change_a_claims_text(two_people, server, make: Factory, session):  # noqa: F811
    alice, bob = two_people
    claim = make.claim(make.user(Role.EDITOR), "Exports rose 4% in 2025.")
    _conflict(
        alice, bob, f"{server}/claims/{claim.id}/edit", "Save claim",
        lambda page: page.get_by_label("Claim", exact=True).fill("Exports rose by 4% in 2025."),
        lambda page: page.get_by_label("Claim", exact=True).fill("Exports grew 4% in 2025."),
    )  # fmt: skip
    session.rollback()
    assert get_claim(session, claim.id).text == "Exports grew 4% in 2025."


def test_one_changes_a_citation_the_other_the_tags(two_people, server, make: Factory, session):  # noqa: F811
    alice, bob = two_people
    document = make.document("Ministry statement")
    editor = make.user(Role.EDITOR)
    claim = make.claim(editor, "Exports rose 4% in 2025.", tags=["economy"], citations=[
        CitationInput(document_id=document.id, relation=Relation.SUPPORTS, quote="exports rose", locator="p. 4"),
    ])  # fmt: skip
    citation_id = claim.citations[0].id
    told = _conflict(
        alice, bob, f"{server}/claims/{claim.id}/edit", "Save claim",
        lambda page: page.get_by_role("group", name=f"Citation #{citation_id}").get_by_label("Locator").fill("p. 5"),
        lambda page: page.get_by_label("Tags", exact=True).fill("economy, trade"),
    )  # fmt: skip
    assert f"Alice changed citation #{citation_id} (locator from “p. 4” to “p. 5”)" in told
    session.rollback()
    stored = get_claim(session, claim.id)
    assert [tag.name for tag in stored.tags] == ["economy", "trade"]


def test_two_people_change_a_source(two_people, server, make: Factory, session):  # noqa: F811
    alice, bob = two_people
    source = make.source("Dana Whitfield")
    _conflict(
        alice, bob, f"{server}/sources/{source.id}/edit", "Save source",
        lambda page: page.get_by_label("Role or description", exact=True).fill("Senator"),
        lambda page: page.get_by_label("Notes", exact=True).fill("Chairs the committee."),
    )  # fmt: skip
    session.rollback()
    session.expire_all()
    stored = get_source(session, source.id)
    assert (stored.role, stored.notes) == ("Senator", "Chairs the committee."), "Alice's role kept"


def test_two_people_change_a_document(two_people, server, make: Factory, session):  # noqa: F811
    alice, bob = two_people
    document = make.document("Senate record")
    _conflict(
        alice, bob, f"{server}/documents/{document.id}/edit", "Save document",
        lambda page: page.get_by_label("Publisher", exact=True).fill("Senate Press"),
        lambda page: page.get_by_label("URL", exact=True).fill("https://senate.example/record"),
    )  # fmt: skip
    session.rollback()
    session.expire_all()
    stored = get_document(session, document.id)
    assert (stored.publisher, stored.url) == ("Senate Press", "https://senate.example/record")
