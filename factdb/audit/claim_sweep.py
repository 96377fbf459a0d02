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
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.audit.data import SourceRow, all_sources, chunks, load
from factdb.audit.duplicates import duplicate_keys
from factdb.audit.kept_rows import finding_row
from factdb.audit.maintained import BATCH, DOCUMENT_RULES
from factdb.audit.runner import evaluate
from factdb.models import Claim, Document

#: What one batch gives: finding rows, duplicate-key rows, and how many claims it held.
Result = tuple[list[tuple[Any, ...]], list[tuple[int, str, str]], int]

_worker: dict[str, Any] = {}


def claim_results(
    session: Session,
    rules: Collection[str],
    batch: int = BATCH,
    workers: int | None = None,
    pool: Any = None,
) -> Iterator[Result]:
    """Evaluate `rules` over every claim, a batch at a time, in id order.

    `pool`: workers started by worker_pool, shared with other work (else started here).
    """
    ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
    batches = list(chunks(ids, batch))
    processes = workers or os.cpu_count() or 1
    if pool is not None:
        yield from _in_pool(pool, [(_run, (ids, tuple(rules))) for ids in batches], processes)
        return
    if processes < 2 or len(batches) < 2 or not _shared(session):
        sources = all_sources(session)
        for claim_ids in batches:
            yield _evaluate(session, sources, claim_ids, rules)
        return
    with worker_pool(session, processes) as started:
        yield from _in_pool(started, [(_run, (ids, tuple(rules))) for ids in batches], processes)


def document_results(
    session: Session, pool: Any, batch: int = BATCH, processes: int | None = None
) -> Iterator[Result]:
    """Evaluate the documents' own rules in `pool`, a batch of documents at a time, in id order."""
    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    tasks = [(_run_documents, (document_ids,)) for document_ids in chunks(ids, batch)]
    yield from _in_pool(pool, tasks, processes or os.cpu_count() or 1)


def _shared(session: Session) -> bool:
    """The database is one that other connections see (not SQLite in memory)."""
    return session.get_bind().engine.url.database not in (None, "", ":memory:")


@contextmanager
def worker_pool(session: Session, processes: int | None = None) -> Iterator[Any]:
    """Start worker processes with their own connections (None when not worth it or possible).

    fork: the workers need no imports of their own and share the parent's pages. The
    rebuild starts one pool for the quotes' checks and the claims' rules alike: a
    second pool forked while the first one's threads run could inherit a lock one of
    them holds.
    """
    processes = processes or os.cpu_count() or 1
    if processes < 2 or not _shared(session):
        yield None
        return
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(processes, initializer=_start, initargs=(url,)) as pool:
        yield pool


def _in_pool(
    pool: Any, tasks: list[tuple[Callable[..., Result], tuple[Any, ...]]], processes: int
) -> Iterator[Result]:
    in_flight: deque[Any] = deque()
    for function, arguments in tasks:
        in_flight.append(pool.apply_async(function, arguments))
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


def _run_documents(document_ids: list[int]) -> Result:
    session: Session = _worker["session"]
    try:
        data = load(session, [], document_ids, sources=_worker["sources"])
        return [finding_row(f) for f in evaluate(session, data, DOCUMENT_RULES).findings], [], 0
    finally:
        session.rollback()


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
