"""Recompute every audit finding at once: after loading data by other means, or to check.

The quotes are checked and their findings made document by document (factdb.audit.
quote_sweep) while the claims, then the documents, are read by id range and their
other rules run (factdb.audit.claim_sweep), all in one pool of worker processes; then
the sources and the likely duplicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, nullcontext
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from factdb.audit.bulk import emptied_for_bulk_load, insert_rows
from factdb.audit.claim_sweep import Result, claim_results, document_results, worker_pool
from factdb.audit.data import load
from factdb.audit.duplicates import Pair, alike_pairs, nearest_earlier
from factdb.audit.kept_rows import discard_counts, write_findings, write_rows
from factdb.audit.maintained import BATCH, CLAIM_RULES, DOCUMENT_RULES, Progress, _sources
from factdb.audit.quote_sweep import DOCUMENT_BATCH, quote_findings
from factdb.audit.runner import QUOTE_RULES, evaluate
from factdb.models import (
    AuditClaimKey,
    AuditFinding,
    AuditPending,
    AuditRuleCount,
    Claim,
    Document,
)

A = TypeVar("A")
B = TypeVar("B")
_DONE = object()
KEY_COLUMNS = ("claim_id", "key", "folded")
#: The claim rules but the quotes' (their findings are made with their checks).
_CLAIM_RULES_BUT_QUOTES = tuple(rule for rule in CLAIM_RULES if rule not in QUOTE_RULES)


def rebuild(session: Session, progress: Progress | None = None, batch: int = BATCH) -> int:
    """Recompute every finding, a batch at a time; return how many there are.

    Memory stays bounded by the batch (of claims): claims are read by id range,
    duplicates by walking the key index in order, one group of claims sharing a key
    at a time. Past one batch of claims, worker processes share the work.
    """
    session.execute(delete(AuditPending))
    documents = session.scalar(select(func.count()).select_from(Document)) or 0
    claims = session.scalar(select(func.count()).select_from(Claim)) or 0
    with emptied_for_bulk_load(session, AuditFinding.__table__):
        # The keys' index is built before the duplicates are read through it.
        with (
            emptied_for_bulk_load(session, AuditClaimKey.__table__),
            worker_pool(session) if claims > batch else nullcontext() as pool,
            closing(quote_findings(session, pool=pool)) as quotes,
            closing(_claims_then_documents(session, batch, pool)) as found,
        ):
            in_workers = pool is not None  # the documents' rules too, beside the claims'
            steps = claims / batch + (documents / batch if in_workers else 0)
            for findings, result in _alternated(quotes, documents / DOCUMENT_BATCH, found, steps):
                if findings is not None:
                    write_findings(session, findings)
                if result is not None:
                    rows, keys, done = result
                    write_rows(session, rows)
                    if keys:
                        insert_rows(session, AuditClaimKey.__table__, KEY_COLUMNS, keys)
                    if progress:
                        progress(done)
        for document_ids in [] if in_workers else _id_batches(session, Document.id):
            write_findings(
                session,
                evaluate(session, load(session, [], document_ids), DOCUMENT_RULES).findings,
            )
        _sources(session, None)
        write_findings(session, nearest_earlier(_all_duplicates(session)))
    discard_counts(session)  # counted once, below, rather than finding by finding
    session.execute(delete(AuditRuleCount))
    counts = select(AuditFinding.rule, func.count()).group_by(AuditFinding.rule)
    session.execute(insert(AuditRuleCount).from_select(["rule", "count"], counts))
    return session.scalar(select(func.sum(AuditRuleCount.count))) or 0


def _claims_then_documents(session: Session, batch: int, pool: Any) -> Iterator[Result]:
    """The claims' rules, then (when there are workers to run them) the documents' own."""
    yield from claim_results(session, _CLAIM_RULES_BUT_QUOTES, batch, pool=pool)
    if pool is not None:
        yield from document_results(session, pool, batch)


def _alternated(
    first: Iterator[A], first_steps: float, second: Iterator[B], second_steps: float
) -> Iterator[tuple[A | None, B | None]]:
    """Take from both iterators in proportion to how many steps each is expected to give.

    The quotes' batches keep this process busy (their checks are stored and their
    findings made here) while the claims' batches keep it waiting on their workers:
    taken in turn, each phase runs while the other waits, rather than one after the other.
    Both give the same items in the same order as when drained one after the other.
    """
    taken = [0, 0]
    steps = (max(first_steps, 1.0), max(second_steps, 1.0))
    sources: list[Iterator[Any] | None] = [first, second]
    while sources[0] is not None or sources[1] is not None:
        if sources[0] is None or sources[1] is None:
            side = 0 if sources[1] is None else 1
        else:
            side = 0 if taken[0] / steps[0] <= taken[1] / steps[1] else 1
        item = next(sources[side], _DONE)  # type: ignore[arg-type]
        if item is _DONE:
            sources[side] = None
            continue
        taken[side] += 1
        yield (item, None) if side == 0 else (None, item)


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
