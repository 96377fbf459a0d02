"""Time the audit's full rebuild and the exports, each in a fresh process of its own.

A fresh process makes each figure its own: its peak memory is not another job's, and its
start-up (imports) is counted the way a user running one command pays for it.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from sqlalchemy import delete, func, select

from factdb.db import make_engine, make_session_factory
from factdb.export import export
from factdb.models import Claim, Document, FormattedReference, QuoteCheckResult


def _rebuild_probe(url: str, connection: Any) -> None:
    """Rebuild every audit finding in this (fresh) process: wall time, CPU, peak memory."""
    import resource

    from factdb.audit.rebuild import rebuild

    engine = make_engine(url)
    with make_session_factory(engine, write=True)() as session:
        session.execute(delete(QuoteCheckResult))  # check every quote again, as a first audit does
        session.commit()
        started, cpu = time.perf_counter(), time.process_time()
        count = rebuild(session)
        session.commit()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The quote and claim workers (forked, sharing this process's pages until they write).
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += workers.ru_utime + workers.ru_stime
    connection.send((seconds, cpu, peak_mb, workers.ru_maxrss / 1024, count))
    connection.close()


def time_audit(url: str) -> str:
    """A full rebuild of the findings (fresh process), then the re-audit an edit of one claim costs."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_rebuild_probe, args=(url, send))
    process.start()
    seconds, cpu, peak_mb, worker_mb, count = receive.recv()
    process.join()
    engine = make_engine(url)
    edits = []
    with make_session_factory(engine, write=True)() as session:
        for claim_id in (1, 2, 3, 4, 5):
            claim = session.get(Claim, claim_id)
            claim.text = f"{claim.text} (edited for the benchmark)"
            session.flush()
            started, started_cpu = time.perf_counter(), time.process_time()
            session.commit()  # the findings of what the edit touched are recomputed here
            edits.append((time.perf_counter() - started, time.process_time() - started_cpu))
    engine.dispose()
    edit_wall = statistics.median(wall for wall, _ in edits)
    edit_cpu = statistics.median(cpu for _, cpu in edits)
    return (
        f"audit rebuild: {seconds:.1f} s ({cpu:.1f} s CPU, workers included), peak {peak_mb:.0f} MB "
        f"(largest worker {worker_mb:.0f} MB), {count:,} findings; "
        f"re-audit after a one-claim edit (commit, median of 5): {edit_wall * 1000:.0f} ms "
        f"({edit_cpu * 1000:.0f} ms CPU)"
    )


def _export_probe(url: str, name: str, claim_ids: list[int] | None, document_ids: list[int] | None,
                  output: str, connection: Any) -> None:  # fmt: skip
    """Run one export in this (fresh) process, consuming it as a download would (KEEP: the
    job that keeps every reference, as a worker runs it after writes)."""
    import resource

    from factdb.export.warming import keep_references

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            started = time.perf_counter()
            if name == KEEP:
                size, count = 0, keep_references(session)
            else:
                result = export(
                    session, name, claim_ids=claim_ids, document_ids=document_ids, output=output,
                    keep=True,
                )  # fmt: skip
                size, count = sum(len(chunk) for chunk in result.chunks), result.count
            seconds = time.perf_counter() - started
    except Exception as exc:  # told on the export's line; the other exports go on
        connection.send(f"{exc.__class__.__name__}: {exc}")
        return
    finally:
        engine.dispose()
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(used.ru_utime + used.ru_stime for used in usage)  # pandoc's processes included
    connection.send((seconds, cpu, usage[0].ru_maxrss / 1024, size, count))
    connection.close()


#: The name the export probe runs the keep-references job under.
KEEP = "keep-references"
#: The same job, after one document's title is edited.
EDITED = "keep-references-after-an-edit"


def time_exports(url: str) -> str:
    """Exports of everything, of 10,000 documents, of 2,000 claims, APA of 1,000: time and peak memory.

    Each export runs in a fresh process, so its peak resident memory is its own.
    """
    import multiprocessing

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        documents = session.scalar(select(func.count()).select_from(Document)) or 0
    engine.dispose()
    every = None
    jobs = [
        *((f"export {name} of all {documents:,} documents", name, every, every, "")
          for name in ("csl-json", "bibtex", "biblatex", "ris", "wikipedia")),
        *((f"export {name} of 10,000 documents", name, [], list(range(1, 10_001)), "")
          for name in ("csl-json", "bibtex", "ris")),
        ("export csv of 3,333 claims (10,000 citations)", "csv", list(range(1, 3_334)), None, ""),
        ("export apa bibliography of 1,000 documents", "apa", [], list(range(1, 1_001)), "text"),
        ("claim report of 2,000 claims (markdown, chicago-notes)", "claim-report", list(range(1, 2_001)), None, "markdown"),
        # Nothing kept: the job a write queues formats everything, the export then reads it.
        (f"keep apa references of all {documents:,} documents (the job queued after writes)", KEEP, None, None, ""),
        (f"export apa bibliography of all {documents:,} documents (references kept)", "apa", [], every, "text"),
        # One title edited: the job reads and formats only the batch it stands in.
        ("keep apa references after a one-document edit (the job queued after it)", EDITED, None, None, ""),
    ]  # fmt: skip
    context = multiprocessing.get_context("spawn")
    lines = []
    for label, name, claim_ids, document_ids, output in jobs:
        if name == KEEP:
            _forget_kept_references(url)
        if name == EDITED:
            _edit_one_document(url, documents // 2 or 1)
            name = KEEP
        if name == "apa" and document_ids is None:
            document_ids = list(range(1, documents + 1))
        lines.append(
            f"{label}: {_probe_export(context, url, name, claim_ids, document_ids, output)}"
        )
    return "\n".join(lines)


def _probe_export(context: Any, url: str, name: str, claim_ids: list[int] | None,
                  document_ids: list[int] | None, output: str) -> str:  # fmt: skip
    """One export timed in a fresh process; a failed export is told, not waited for forever."""
    receive, send = context.Pipe(duplex=False)
    process = context.Process(
        target=_export_probe, args=(url, name, claim_ids, document_ids, output, send)
    )
    process.start()
    send.close()  # only the child writes: its end closing (it died) ends the wait below
    try:
        answer = receive.recv()
    except EOFError:
        process.join()
        answer = f"its process ended without an answer, exit code {process.exitcode}"
    process.join()
    if isinstance(answer, str):
        return f"failed ({answer})"
    seconds, cpu, peak_mb, size, count = answer
    return (
        f"{seconds:.2f} s ({cpu:.1f} s CPU with its children), peak {peak_mb:.0f} MB "
        f"({count:,} items, {size:,} characters)"
    )


def _forget_kept_references(url: str) -> None:
    """Delete every kept reference, so the job's figure is a first formatting's, run after run."""
    engine = make_engine(url)
    with make_session_factory(engine, write=True)() as session:
        session.execute(delete(FormattedReference))
        session.commit()
    engine.dispose()


def _edit_one_document(url: str, document_id: int) -> None:
    """Edit one document's title (its reference, key and place in the list change)."""
    engine = make_engine(url)
    with make_session_factory(engine, write=True)() as session:
        document = session.get(Document, document_id)
        if document is not None:
            revised = document.title.removesuffix(" (revised)")
            document.title = revised if revised != document.title else f"{revised} (revised)"
            session.commit()
    engine.dispose()
