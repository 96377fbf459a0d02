"""Run the claim rules of a rebuild in worker processes that read the database themselves.

Reading a batch of claims with what they cite and running the rules over it is half
of a rebuild's work. Each worker opens its own connection and returns plain rows
(findings, duplicate keys), so the first process only writes; at most one batch per
worker (plus one) is in flight. The workers see what is committed: the rebuild's own
transaction changes only the audit tables, which they do not read, and on SQLite
its write lock keeps every other writer out until it commits.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.audit.data import SourceRow, all_sources, chunks, load
from factdb.audit.duplicates import duplicate_keys
from factdb.audit.kept_rows import finding_row
from factdb.audit.maintained import BATCH
from factdb.audit.runner import evaluate
from factdb.models import Claim

#: What one batch gives: finding rows, duplicate-key rows, and how many claims it held.
Result = tuple[list[tuple[Any, ...]], list[tuple[int, str, str]], int]

_worker: dict[str, Any] = {}


def claim_results(
    session: Session,
    rules: Collection[str],
    batch: int = BATCH,
    workers: int | None = None,
) -> Iterator[Result]:
    """Evaluate `rules` over every claim, a batch at a time, in id order."""
    ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
    batches = list(chunks(ids, batch))
    processes = workers or os.cpu_count() or 1
    url = session.get_bind().engine.url
    # Too little to be worth starting processes, or a database only this connection sees.
    if processes < 2 or len(batches) < 2 or url.database in (None, "", ":memory:"):
        sources = all_sources(session)
        for claim_ids in batches:
            yield _evaluate(session, sources, claim_ids, rules)
        return
    # fork: the workers need no imports of their own and share the parent's pages.
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(
        processes, initializer=_start, initargs=(url.render_as_string(hide_password=False),)
    ) as pool:
        in_flight: deque[Any] = deque()
        for claim_ids in batches:
            in_flight.append(pool.apply_async(_run, (claim_ids, tuple(rules))))
            while len(in_flight) > processes:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()


def _start(url: str) -> None:
    """Open this worker's own connection (never the parent's) and read the sources once."""
    from factdb.db import make_engine, make_session_factory

    session = make_session_factory(make_engine(url))()
    _worker["session"] = session
    _worker["sources"] = all_sources(session)
    session.rollback()


def _run(claim_ids: list[int], rules: tuple[str, ...]) -> Result:
    session: Session = _worker["session"]
    try:
        return _evaluate(session, _worker["sources"], claim_ids, rules)
    finally:
        session.rollback()  # end the read: the next batch sees what is committed then


def _evaluate(
    session: Session, sources: dict[int, SourceRow], claim_ids: list[int], rules: Collection[str]
) -> Result:
    data = load(session, claim_ids, sources=sources)
    rows = [finding_row(f) for f in evaluate(session, data, rules).findings]
    keys = [
        (claim.id, key, folded)
        for claim in data.claims.values()
        for folded, claim_keys in [duplicate_keys(claim.text)]
        for key in sorted(claim_keys)
    ]
    return rows, keys, len(claim_ids)
