"""Recompute every audit finding at once: after loading data by other means, or to check.

Quote checks, most of a first rebuild's work, run on every core: the documents are
read here a batch at a time and checked in worker processes, at most one batch per
worker (plus one) in flight, so memory stays bounded however large the database.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from itertools import chain
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from factdb.audit.data import chunks, load
from factdb.audit.findings import Finding
from factdb.audit.maintained import (
    BATCH,
    CLAIM_RULES,
    DOCUMENT_RULES,
    Progress,
    _sources,
    _write,
    discard_counts,
)
from factdb.audit.quotes import QuoteCheck, cache_key, check_quote, normalise
from factdb.audit.rules import alike, duplicate_finding, duplicate_keys
from factdb.audit.runner import evaluate, store_checks
from factdb.models import (
    AuditClaimKey,
    AuditFinding,
    AuditPending,
    AuditRuleCount,
    Citation,
    Claim,
    Document,
    QuoteCheckResult,
)
from factdb.vocab import QuoteType

#: Documents whose quotes one worker checks at a time.
DOCUMENT_BATCH = 200
#: One batch of quote checks: (document id, its text, [(cache key, quote)]).
Job = list[tuple[int, str, list[tuple[str, str]]]]


def rebuild(session: Session, progress: Progress | None = None) -> int:
    """Recompute every finding, a batch at a time; return how many there are.

    Memory stays bounded by the batch: claims are read by id range, duplicates by
    walking the key index in order, one group of claims sharing a key at a time.
    """
    for table in (AuditFinding, AuditPending, AuditClaimKey):
        session.execute(delete(table))
    check_quotes_by_document(session)
    for batch in _id_batches(session, Claim.id):
        report = evaluate(session, load(session, batch), CLAIM_RULES)
        _write(session, report.findings)
        rows = []
        for claim_id, text in session.execute(
            select(Claim.id, Claim.text).where(Claim.id.in_(batch))
        ):
            folded, keys = duplicate_keys(text)
            rows += [{"claim_id": claim_id, "key": key, "folded": folded} for key in sorted(keys)]
        for start in range(0, len(rows), 500):
            session.execute(AuditClaimKey.__table__.insert(), rows[start : start + 500])
        if progress:
            progress(len(batch))
    for batch in _id_batches(session, Document.id):
        _write(session, evaluate(session, load(session, [], batch), DOCUMENT_RULES).findings)
    _sources(session, None)
    _write(session, _all_duplicates(session))
    discard_counts(session)  # counted once, below, rather than finding by finding
    session.execute(delete(AuditRuleCount))
    counts = select(AuditFinding.rule, func.count()).group_by(AuditFinding.rule)
    session.execute(insert(AuditRuleCount).from_select(["rule", "count"], counts))
    return session.scalar(select(func.sum(AuditRuleCount.count))) or 0


def check_quotes_by_document(
    session: Session, batch: int = DOCUMENT_BATCH, workers: int | None = None
) -> int:
    """Check every direct quote not checked yet, reading each document's text once.

    The claims are then audited a batch at a time with every check found stored;
    without this, a document cited from claims in several batches would have its
    text read and folded once per batch. From the second batch on, the checks run
    in `workers` processes (default: one per core) while this one reads and stores.
    """
    processes = workers or os.cpu_count() or 1
    checked = 0
    jobs = _jobs(session, batch)
    first = next(jobs, None)
    if first is None:
        return 0
    second = next(jobs, None)
    if second is None or processes < 2:  # too little to be worth starting processes
        for job in (first, second, *jobs) if second is not None else (first,):
            checked += _store(session, check_batch(job))
        return checked
    # fork: the workers need no imports of their own and share the parent's pages.
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(processes) as pool:
        in_flight: deque[Any] = deque()
        for job in (first, second, *jobs):
            in_flight.append(pool.apply_async(check_batch, (job,)))
            while len(in_flight) > processes:
                checked += _store(session, in_flight.popleft().get())
        while in_flight:
            checked += _store(session, in_flight.popleft().get())
    return checked


def _store(session: Session, fresh: dict[str, QuoteCheck]) -> int:
    store_checks(session, fresh)
    return len(fresh)


def check_batch(job: Job) -> dict[str, QuoteCheck]:
    """Check the quotes of a batch of documents (in a worker process: no database here)."""
    fresh: dict[str, QuoteCheck] = {}
    for _document_id, full_text, quotes in job:
        folded = normalise(full_text)  # once per document, not once per quote
        for key, quote in quotes:
            if key not in fresh:
                fresh[key] = check_quote(quote, full_text, folded=folded)
    return fresh


def _jobs(session: Session, batch: int) -> Iterator[Job]:
    """The documents with quotes not checked yet, with their texts, a batch at a time."""
    after = 0
    while True:
        documents = session.execute(
            select(Document.id, Document.text_hash)
            .where(Document.id > after, Document.text_hash != "")
            .order_by(Document.id)
            .limit(batch)
        ).all()
        if not documents:
            return
        after = documents[-1][0]
        hashes = dict(documents)
        quotes: dict[int, set[str]] = {}
        for document_id, quote in session.execute(
            select(Citation.document_id, Citation.quote).where(
                Citation.document_id.in_(list(hashes)),
                Citation.quote_type == QuoteType.DIRECT,
                Citation.quote != "",
            )
        ):
            if quote.strip():
                quotes.setdefault(document_id, set()).add(quote)
        keys = {
            (document_id, quote): cache_key(quote, hashes[document_id])
            for document_id, texts in quotes.items()
            for quote in texts
        }
        stored: set[str] = set()
        for part in chunks(sorted(set(keys.values())), 500):
            stored.update(
                session.scalars(select(QuoteCheckResult.key).where(QuoteCheckResult.key.in_(part)))
            )
        wanted: dict[int, list[tuple[str, str]]] = {}
        for (document_id, quote), key in keys.items():
            if key not in stored:
                wanted.setdefault(document_id, []).append((key, quote))
        if not wanted:
            continue
        yield [
            (document_id, full_text, sorted(wanted[document_id]))
            for document_id, full_text in session.execute(
                select(Document.id, Document.full_text).where(Document.id.in_(sorted(wanted)))
            )
        ]


def _all_duplicates(session: Session) -> Iterator[Finding]:
    """Compare the claims within each group sharing a key, walking the groups in key order."""
    shared = (
        select(AuditClaimKey.key).group_by(AuditClaimKey.key).having(func.count() > 1).subquery()
    )
    # Streamed, not fetched at once: every claim has keys, and holding all their folded
    # texts grows with the database. (_write reads these findings to the end before it
    # writes, so the cursor is never interleaved with inserts.)
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
            for index, (first_id, first) in enumerate(group):
                for second_id, second in group[index + 1 :]:
                    pair = (first_id, second_id)
                    if pair in seen:
                        continue
                    score = alike(first, second)
                    if score is not None:
                        seen.add(pair)
                        yield duplicate_finding(first_id, second_id, score)
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
