"""The Audit page reads its findings and the texts of the claims they name in one statement."""

from __future__ import annotations

from sqlalchemy import select

from factdb.audit import kept
from factdb.audit.kept import Scope
from factdb.keyset import Window
from factdb.models import Claim
from factdb.pagination import Page
from factdb.vocab import Role


def _windows(total: int, size: int, first: Page) -> list[Window]:
    pages = -(-total // size)
    return [
        Window(1, pages, size, total),
        Window(2, pages, size, total, after=first.next_cursor),
        Window(3, pages, size, total),  # a page number typed by hand: read at an offset
        Window(pages, pages, size, total),
    ]


def test_each_page_with_its_claims_is_the_page_and_the_texts_of_its_claims(session, make):
    editor = make.user(Role.EDITOR)
    for number in range(14):
        make.claim(editor, f"Uncited claim number {number}")
    make.document("A document nobody cites")  # a finding about no claim
    total = sum(kept.counts_by_rule(session).values())
    size = 7  # four pages: the windows below read every one
    assert 3 * size < total <= 4 * size, kept.counts_by_rule(session)
    first = kept.findings_page(session, Scope(), Window(1, -(-total // size), size, total))

    seen = []
    for window in _windows(total, size, first):
        page, texts = kept.findings_page_with_claims(session, Scope(), window)
        seen += page.items

        assert page == kept.findings_page(session, Scope(), window)
        named = {f.claim_id for f in page.items if f.claim_id is not None}
        stored = session.execute(select(Claim.id, Claim.text).where(Claim.id.in_(named)))
        assert texts == dict(stored.all())
    assert any(f.claim_id is None for f in seen)  # the document's finding names no claim


def test_the_audit_page_shows_the_text_of_the_claims_its_findings_name(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    make.claim(editor, "The bridge opened in spring")
    auth.login("ed@example.org")
    assert "The bridge opened in spring" in client.get("/audit/").get_data(as_text=True)
