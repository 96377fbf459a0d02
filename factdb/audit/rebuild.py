"""Recompute every audit finding at once: after loading data by other means, or to check.

The quotes are checked and their findings made document by document, on every core
(factdb.audit.quote_sweep); then the claims are read by id range and the other rules
run over them; then the documents, the sources and the likely duplicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from factdb.audit.bulk import emptied_for_bulk_load, insert_rows
from factdb.audit.claim_sweep import claim_results
from factdb.audit.data import load
from factdb.audit.duplicates import Pair, alike_pairs, nearest_earlier
from factdb.audit.kept_rows import discard_counts, write_findings, write_rows
from factdb.audit.maintained import BATCH, CLAIM_RULES, DOCUMENT_RULES, Progress, _sources
from factdb.audit.quote_sweep import quote_findings
from factdb.audit.runner import QUOTE_RULES, evaluate
from factdb.models import (
    AuditClaimKey,
    AuditFinding,
    AuditPending,
    AuditRuleCount,
    Document,
)

#: The claim rules but the quotes' (their findings are made with their checks).
_CLAIM_RULES_BUT_QUOTES = tuple(rule for rule in CLAIM_RULES if rule not in QUOTE_RULES)


def rebuild(session: Session, progress: Progress | None = None) -> int:
    """Recompute every finding, a batch at a time; return how many there are.

    Memory stays bounded by the batch: claims are read by id range, duplicates by
    walking the key index in order, one group of claims sharing a key at a time.
    """
    session.execute(delete(AuditPending))
    with emptied_for_bulk_load(session, AuditFinding.__table__):
        for findings in quote_findings(session):
            write_findings(session, findings)
        # The keys' index is built before the duplicates are read through it.
        with emptied_for_bulk_load(session, AuditClaimKey.__table__):
            for rows, keys, claims in claim_results(session, _CLAIM_RULES_BUT_QUOTES):
                write_rows(session, rows)
                insert_rows(session, AuditClaimKey.__table__, ("claim_id", "key", "folded"), keys)
                if progress:
                    progress(claims)
        for batch in _id_batches(session, Document.id):
            write_findings(
                session, evaluate(session, load(session, [], batch), DOCUMENT_RULES).findings
            )
        _sources(session, None)
        write_findings(session, nearest_earlier(_all_duplicates(session)))
    discard_counts(session)  # counted once, below, rather than finding by finding
    session.execute(delete(AuditRuleCount))
    counts = select(AuditFinding.rule, func.count()).group_by(AuditFinding.rule)
    session.execute(insert(AuditRuleCount).from_select(["rule", "count"], counts))
    return session.scalar(select(func.sum(AuditRuleCount.count))) or 0


def _all_duplicates(session: Session) -> Iterator[Pair]:
    """Compare the claims within each group sharing a key, walking the groups in key order."""
    shared = (
        select(AuditClaimKey.key).group_by(AuditClaimKey.key).having(func.count() > 1).subquery()
    )
    # Streamed, not fetched at once: every claim has keys, and holding all their folded
    # texts grows with the database. (The caller reads these pairs to the end before
    # it writes, so the cursor is never interleaved with inserts.)
    rows = session.execute(
        select(AuditClaimKey.key, AuditClaimKey.claim_id, AuditClaimKey.folded)
        .join(shared, shared.c.key == AuditClaimKey.key)
        .order_by(AuditClaimKey.key, AuditClaimKey.claim_id),
        execution_options={"yield_per": BATCH},
    )
    seen: set[tuple[int, int]] = set()
    group: list[tuple[int, str]] = []
    current = None
    for key, claim_id, folded in chain(rows, [(None, 0, "")]):
        if key != current:
            for first_id, second_id, score in alike_pairs(group):
                if (first_id, second_id) not in seen:
                    seen.add((first_id, second_id))
                    yield first_id, second_id, score
            group, current = [], key
        group.append((claim_id, folded))


def _id_batches(session: Session, column: Any) -> Iterator[list[int]]:
    """Ids of a table in ascending batches of BATCH, each read by seeking past the last."""
    after = 0
    while batch := list(
        session.scalars(select(column).where(column > after).order_by(column).limit(BATCH))
    ):
        yield batch
        after = batch[-1]
