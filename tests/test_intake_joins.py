"""Several quotes of one review under one claim: a row shares the claim of another row."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from factdb.documents import DocumentInput
from factdb.errors import ValidationFailed
from factdb.intake import AcceptedQuote, record
from factdb.intake.joins import claim_groups
from factdb.models import Citation, Claim, Document
from factdb.vocab import Role
from tests.test_intake import _form_defaults

#: Written for these tests: three quotes by one speaker, one by another.
ARTICLE = """\
Harbour reopens after the storm

PORTLAND, March 3 — The city's harbour reopened on Monday, nine days after the storm.

"We lost nine days of work, but nobody lost a boat," harbour master Ines Okafor said at the quay.

"The crews worked through every night," Okafor said. "I have never seen anything like it."

"The insurance claims will take months," said Daniel Brandt, a lawyer for the fishermen's association.
"""
WORDS = [
    "We lost nine days of work, but nobody lost a boat",
    "The crews worked through every night",
    "I have never seen anything like it.",
    "The insurance claims will take months",
]


def _quote(row: int, joins: int | None = None, **fields) -> AcceptedQuote:
    speaker = "Daniel Brandt" if row == 3 else "Ines Okafor"
    return AcceptedQuote(f"Claim of quote {row + 1}", WORDS[row], speaker=speaker, position=row,
                         joins=joins, **fields)  # fmt: skip


def _document() -> DocumentInput:
    return DocumentInput(title="Harbour reopens after the storm", full_text=ARTICLE)


def _citations(session, claim: Claim) -> list[str]:
    return list(
        session.scalars(
            select(Citation.quote).where(Citation.claim_id == claim.id).order_by(Citation.id)
        )
    )


def test_quotes_that_share_a_claim_are_cited_together_under_it(session, make):
    user = make.user(Role.EDITOR)
    # quote 3 shares the claim of quote 2, which shares that of quote 1: one chain, one claim
    quotes = [_quote(0), _quote(1, joins=0), _quote(2, joins=1), _quote(3)]
    result = record(session, user, _document(), quotes, [])
    assert [claim.text for claim in result.claims] == ["Claim of quote 1", "Claim of quote 4"]
    assert _citations(session, result.claims[0]) == WORDS[:3]
    assert _citations(session, result.claims[1]) == WORDS[3:]
    assert session.scalar(select(func.count(Claim.id))) == 2


def test_a_row_may_share_the_claim_of_a_later_row_that_adds_to_a_recorded_claim(session, make):
    user = make.user(Role.EDITOR)
    recorded = make.claim(user, "The harbour lost nine days of work")
    quotes = [_quote(0, joins=2), _quote(1), _quote(2, merge_into=recorded.id)]
    result = record(session, user, _document(), quotes, [])
    assert [claim.id for claim in result.claims] == [recorded.id, result.claims[1].id]
    assert set(_citations(session, recorded)) == {WORDS[0], WORDS[2]}
    assert session.scalar(select(func.count(Claim.id))) == 2


def test_a_quote_joining_one_recorded_before_goes_to_that_quotes_claim(session, make):
    user = make.user(Role.EDITOR)
    first = record(session, user, _document(), [_quote(0)], []).claims[0]
    again = record(session, user, _document(), [_quote(0), _quote(1, joins=0)], [])
    assert again.skipped == 1 and [claim.id for claim in again.claims] == [first.id]
    assert _citations(session, first) == WORDS[:2]
    assert session.scalar(select(func.count(Document.id))) == 1


@pytest.mark.parametrize(
    ("quotes", "field", "message"),
    [
        ([_quote(0), _quote(2, joins=1)], "join-2", "shares the claim of quote 2, which is not ticked"),
        ([_quote(0), _quote(1, joins=1)], "join-1", "Quote 2 shares the claim of another quote: give that"),
        ([_quote(0, joins=2), _quote(1, joins=0), _quote(2, joins=1)], "join-0", "each point to another"),
        ([_quote(0), _quote(1, joins=0, merge_into=7)], "join-1", "names claim #7: choose one"),
    ],
)  # fmt: skip
def test_joins_that_lead_nowhere_are_refused_and_named(session, make, quotes, field, message):
    user = make.user(Role.EDITOR)
    with pytest.raises(ValidationFailed) as refused:
        record(session, user, _document(), quotes, [])
    assert message in refused.value.fields[field]
    session.rollback()
    assert session.scalar(select(func.count(Claim.id))) == 0


def test_groups_are_led_by_the_row_that_gives_the_claim():
    groups = claim_groups([_quote(0, joins=2), _quote(1), _quote(2), _quote(3, joins=0)])
    assert [[q.position for q in group] for group in groups] == [[2, 0, 3], [1]]


def _review_page(auth) -> str:
    page = auth.post("/intake/", {"title": "Harbour reopens after the storm",
                                  "doc_type": "news_article", "text": ARTICLE})  # fmt: skip
    assert page.status_code == 200
    return page.get_data(as_text=True)


def _review(auth) -> dict[str, str]:
    return _form_defaults(_review_page(auth))


def test_the_review_page_records_quotes_joined_to_the_row_above_under_one_claim(
    client, auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = _review_page(auth)
    sent = _form_defaults(page)
    rows = sorted(int(k.split("-")[1]) for k in sent if k.startswith("quote-"))
    assert [sent[f"quote-{i}"] for i in rows] == WORDS
    # each row but the first suggests the quote above by its number (a hint, not a value: a
    # number in the box looked as if the join were chosen while "The sentence" was)
    assert "join-0" in sent and sent["join-0"] == "" and sent["join-1"] == ""
    assert re.search(r'id="join-1"[^>]*placeholder="1"', page)
    assert sent["claim-choice-1"] == "sentence"
    chosen = {**sent, "accept-2": "on", "claim-choice-1": "join", "claim-choice-2": "join"}
    response = auth.post("/intake/confirm", chosen, follow_redirects=True)
    assert "2 claims recorded as a new document" in response.get_data(as_text=True)
    session.rollback()
    claims = list(session.scalars(select(Claim).order_by(Claim.id)))
    assert len(claims) == 2 and claims[0].text == sent["sentence-0"]
    assert _citations(session, claims[0]) == WORDS[:3]


def test_a_join_to_an_unticked_row_is_refused_with_every_choice_kept(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    sent = _review(auth)
    sent.pop("accept-1", None)  # quote 2 rejected
    chosen = {**sent, "accept-2": "on", "claim-choice-2": "join", "join-2": "2",
              "claim-choice-3": "write", "claim-3": "Claims take months", "role-0": "harbour master"}  # fmt: skip
    refused = auth.post("/intake/confirm", chosen)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Quote 3 shares the claim of quote 2, which is not ticked" in page
    assert 'aria-invalid="true" aria-describedby="join-2-error"' in page
    kept = _form_defaults(page)
    for name in ("claim-choice-2", "join-2", "claim-choice-3", "claim-3", "role-0", "accept-2"):
        assert kept[name] == chosen[name], name
    assert "accept-1" not in kept
    assert session.scalar(select(func.count(Document.id))) == 0


def test_a_join_with_no_quote_number_asks_for_one(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    sent = _review(auth)
    refused = auth.post("/intake/confirm", {**sent, "claim-choice-0": "join", "join-0": " "})
    assert refused.status_code == 422
    assert "Quote 1 shares the claim of another quote: give that quote" in refused.get_data(
        as_text=True
    )
    assert _form_defaults(refused.get_data(as_text=True))["claim-choice-0"] == "join"
