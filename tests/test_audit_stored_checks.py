"""Quote checks stored in bulk: a check stored already is kept, whatever the batch's size."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.audit.bulk import STAGED_FROM
from factdb.audit.quotes import QuoteCheck
from factdb.audit.runner import store_checks
from factdb.models import QuoteCheckResult


@pytest.mark.parametrize("size", [3, STAGED_FROM, 3 * STAGED_FROM])
def test_storing_checks_keeps_those_stored_and_adds_the_others(session, size):
    first = {f"key-{n:04d}": QuoteCheck("ok", 100.0) for n in range(0, size, 2)}
    store_checks(session, first)
    session.commit()
    again = {
        f"key-{n:04d}": QuoteCheck(
            "altered", 90.0, "the harbour reopens", 4, 23, [("equal", "a", "a")]
        )
        for n in range(size)
    }
    store_checks(session, again)  # a check stored meanwhile is kept as it is
    store_checks(session, again)  # twice in one transaction: the staging table is there already
    session.commit()
    stored = {row.key: row for row in session.scalars(select(QuoteCheckResult))}
    assert sorted(stored) == sorted(again)
    for key, row in stored.items():
        expected = first.get(key) or again[key]
        assert (row.outcome, row.score, row.result) == (
            expected.outcome, expected.score, expected.to_json()
        )  # fmt: skip
