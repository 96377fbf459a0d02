"""Check every direct quote, document by document, and give the quote findings of a rebuild.

A rebuild walks the documents in id order, a batch at a time: each document's text
is read and folded once however many claims cite it, and each quote's finding is
made where its check is, so the claims need not look their checks up again. The
checks not stored yet run in worker processes (one per core) while this process
reads the next batch and stores the last; at most one batch per worker (plus one)
is in flight, so memory stays bounded however large the database.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from factdb.audit.findings import Finding
from factdb.audit.members import one_of
from factdb.audit.quotes import PASSED, QuoteCheck, cache_key, check_quote, normalise
from factdb.audit.runner import quote_finding, store_checks, stored_checks
from factdb.models import Citation, Document
from factdb.vocab import QuoteType

#: Documents whose quotes one worker checks at a time.
DOCUMENT_BATCH = 200
#: One batch of quote checks: (document id, its text, [(cache key, quote)]).
Job = list[tuple[int, str, list[tuple[str, str]]]]
_UNCHECKABLE = QuoteCheck("uncheckable")


@dataclass
class QuoteBatch:
    """A batch of documents' direct quotes: their checks found stored, and the job for the rest."""

    #: (id, claim_id, document_id, quote) of each citation with a direct quote, by id.
    citations: list[Row[Any]]
    titles: dict[int, str]
    #: The key of each citation's check (none when its document has no stored text).
    keys: dict[int, str]
    stored: dict[str, QuoteCheck | None]
    job: Job

    def findings(self, fresh: dict[str, QuoteCheck]) -> list[Finding]:
        """The quote findings of the batch, once the checks of its job are back."""
        found: list[Finding] = []
        for citation in self.citations:
            key = self.keys.get(citation.id)
            check = (fresh.get(key) or self.stored.get(key)) if key else None
            if check is not None and check.outcome == "ok":
                continue  # no finding (most quotes)
            title = self.titles[citation.document_id]
            found.extend(quote_finding(title, citation, check or _UNCHECKABLE))
        return found


def quote_findings(
    session: Session, batch: int = DOCUMENT_BATCH, workers: int | None = None, pool: Any = None
) -> Iterator[list[Finding]]:
    """Check every quote not checked yet, store the checks, and yield the findings a batch at a time.

    `pool`: worker processes shared with other work (factdb.audit.claim_sweep.worker_pool).
    """
    checker = _Checker(workers or os.cpu_count() or 1, pool)
    in_flight: deque[tuple[QuoteBatch, Callable[[], dict[str, QuoteCheck]]]] = deque()
    try:
        for quotes in _batches(session, batch):
            in_flight.append((quotes, checker.submit(quotes.job)))
            while len(in_flight) > checker.processes:
                yield _finish(session, *in_flight.popleft())
        while in_flight:
            yield _finish(session, *in_flight.popleft())
    finally:
        checker.close()


def _finish(
    session: Session, quotes: QuoteBatch, result: Callable[[], dict[str, QuoteCheck]]
) -> list[Finding]:
    fresh = result()
    store_checks(session, fresh)
    return quotes.findings(fresh)


class _Checker:
    """Check batches here until there is a second to check, then in worker processes."""

    def __init__(self, processes: int, pool: Any = None) -> None:
        self.processes = processes
        self._jobs = 0
        self._pool: Any = pool
        self._own = pool is None

    def submit(self, job: Job) -> Callable[[], dict[str, QuoteCheck]]:
        """Start checking `job`; the returned function waits for its checks."""
        if not job:
            return dict
        self._jobs += 1
        if self.processes < 2 or self._jobs < 2:  # too little yet to be worth starting processes
            fresh = check_batch(job)
            return lambda: fresh
        if self._pool is None:
            # fork: the workers need no imports of their own and share the parent's pages.
            context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
            self._pool = context.Pool(self.processes)
        return self._pool.apply_async(check_batch, (job,)).get

    def close(self) -> None:
        if self._pool is not None and self._own:
            self._pool.terminate()  # every result was collected, or the rebuild failed
            self._pool.join()


def check_batch(job: Job) -> dict[str, QuoteCheck]:
    """Check the quotes of a batch of documents (in a worker process: no database here)."""
    fresh: dict[str, QuoteCheck] = {}
    for _document_id, full_text, quotes in job:
        folded = normalise(full_text)  # once per document, not once per quote
        for key, quote in quotes:
            if key not in fresh:
                check = check_quote(quote, full_text, folded=folded)
                fresh[key] = PASSED if check == PASSED else check  # sent back as one
    return fresh


def _batches(session: Session, batch: int) -> Iterator[QuoteBatch]:
    """The documents in id order, a batch at a time, with their direct quotes."""
    after = 0
    while True:
        documents = session.execute(
            select(Document.id, Document.title, Document.text_hash)
            .where(Document.id > after)
            .order_by(Document.id)
            .limit(batch)
        ).all()
        if not documents:
            return
        after = documents[-1].id
        citations = [
            row
            for row in session.execute(
                select(Citation.id, Citation.claim_id, Citation.document_id, Citation.quote)
                .where(
                    one_of(session, Citation.document_id, [document.id for document in documents]),
                    Citation.quote_type == QuoteType.DIRECT,
                    Citation.quote != "",
                )
                .order_by(Citation.id)
            )
            if row.quote.strip()
        ]
        if citations:
            yield _batch(session, documents, citations)


def _batch(session: Session, documents: list[Row[Any]], citations: list[Row[Any]]) -> QuoteBatch:
    hashes = {document.id: document.text_hash for document in documents}
    keys = {
        citation.id: cache_key(citation.quote, hashes[citation.document_id])
        for citation in citations
        if hashes[citation.document_id]
    }
    stored = stored_checks(session, set(keys.values()))
    wanted: dict[int, set[tuple[str, str]]] = {}
    for citation in citations:
        key = keys.get(citation.id)
        if key is not None and key not in stored:
            wanted.setdefault(citation.document_id, set()).add((key, citation.quote))
    job: Job = []
    if wanted:
        job = [
            (document_id, full_text, sorted(wanted[document_id]))
            for document_id, full_text in session.execute(
                select(Document.id, Document.full_text)
                .where(one_of(session, Document.id, sorted(wanted)))
                .order_by(Document.id)
            )
        ]
    titles = {document.id: document.title for document in documents}
    return QuoteBatch(citations, titles, keys, stored, job)
