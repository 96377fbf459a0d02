"""Visit documents' URLs again: still there? still saying the same? still carrying our quotes?

Many documents at once, with a bounded number of connections, at most a few per
host at a time (politeness), hosts interleaved so one slow site does not hold
up the rest. A page whose body is byte-for-byte what was captured is not read
again; only changed pages are extracted and compared word by word.
"""

from __future__ import annotations

import difflib
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import zip_longest
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from factdb.audit.quotes import normalise, quote_pieces
from factdb.capture.extract import extract
from factdb.capture.fetch import FetchError, FetchPolicy, fetch, make_client
from factdb.capture.warc import sha256
from factdb.db import transaction
from factdb.models import Capture, CheckOutcome, Citation, Document, SourceCheck, utcnow
from factdb.text import url_key
from factdb.wording import counted

#: Word-level changes kept per check (the first ones; a rewritten page would have thousands).
MAX_DIFF_OPS = 40
MAX_DIFF_WORDS = 60
#: Results written to the database per transaction.
WRITE_BATCH = 100


@dataclass
class Target:
    """A document to check, with what it was captured as (or its stored text)."""

    document_id: int
    url: str
    text: str
    body_sha256: str
    quotes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


@dataclass
class CheckResult:
    document_id: int
    outcome: CheckOutcome
    http_status: int | None = None
    final_url: str = ""
    body_sha256: str = ""
    text_sha256: str = ""
    diff: list[dict[str, str]] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)
    message: str = ""


def select_targets(
    session: Session, *, older_than: timedelta | None = None, document_ids: Iterable[int] = ()
) -> list[Target]:
    """Documents with a web address: the given ones, or those not checked within `older_than`."""
    query = select(Document.id, Document.url, Document.full_text).where(Document.url.like("http%"))
    ids = sorted(set(document_ids))
    if ids:
        query = query.where(Document.id.in_(ids))
    if older_than is not None:
        last = (
            select(SourceCheck.document_id, func.max(SourceCheck.checked_at).label("at"))
            .group_by(SourceCheck.document_id)
            .subquery()
        )
        query = query.outerjoin(last, last.c.document_id == Document.id).where(
            (last.c.at.is_(None)) | (last.c.at < utcnow() - older_than)
        )
    rows = session.execute(query.order_by(Document.id)).all()
    if not rows:
        return []
    wanted = [row.id for row in rows]
    baseline = _latest_captures(session, wanted)
    quotes: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for batch in _chunks(wanted):
        for citation_id, document_id, quote in session.execute(
            select(Citation.id, Citation.document_id, Citation.quote).where(
                Citation.document_id.in_(batch), Citation.quote != ""
            )
        ):
            quotes[document_id].append((citation_id, quote))
    targets = []
    for document_id, url, full_text in rows:
        captured = baseline.get(document_id)
        text, body = captured if captured else (full_text, "")
        targets.append(Target(document_id, url, text, body, quotes.get(document_id, [])))
    return targets


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    for index in range(0, len(ids), size):
        yield ids[index : index + size]


def _latest_captures(session: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each document's newest capture: (extracted text, body SHA-256)."""
    found: dict[int, tuple[str, str]] = {}
    for batch in _chunks(ids):
        newest = (
            select(Capture.document_id, func.max(Capture.id).label("id"))
            .where(Capture.document_id.in_(batch))
            .group_by(Capture.document_id)
            .subquery()
        )
        rows = session.execute(
            select(Capture.document_id, Capture.text, Capture.body_sha256).join(
                newest, newest.c.id == Capture.id
            )
        )
        for document_id, text, body in rows:
            found[document_id] = (text, body)
    return found


def same_address(a: str, b: str) -> bool:
    """Whether two addresses name one page (factdb.text.url_key): a redirect to https, to the
    host without "www." or to the address without its tracking parameters has not moved it."""
    return url_key(a) == url_key(b)


def contains_quote(norm_text: str, quote: str) -> bool:
    """The quote's words (each piece around an ellipsis, in order) are in the folded text."""
    position = 0
    for piece in quote_pieces(quote):
        found = norm_text.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """What changed, word by word: [{"op": "replace"|"delete"|"insert", "old", "new"}], bounded."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    changes = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        changes.append(
            {
                "op": op,
                "old": " ".join(old_words[a1 : min(a2, a1 + MAX_DIFF_WORDS)]),
                "new": " ".join(new_words[b1 : min(b2, b1 + MAX_DIFF_WORDS)]),
                "before": " ".join(old_words[max(0, a1 - 6) : a1]),
            }
        )
        if len(changes) >= MAX_DIFF_OPS:
            break
    return changes


def check_one(
    target: Target, policy: FetchPolicy, client: httpx.Client | None = None
) -> CheckResult:
    """Fetch one document's URL and compare it with what was captured."""
    try:
        page = fetch(target.url, policy, client)
    except FetchError as error:
        outcome = CheckOutcome.GONE if error.gone else CheckOutcome.UNREACHABLE
        return CheckResult(target.document_id, outcome, message=error.message[:500])
    result = CheckResult(
        target.document_id,
        CheckOutcome.ALIVE,
        http_status=page.status,
        final_url=page.final_url[:2000],
        body_sha256=sha256(page.body),
    )
    if page.status in (404, 410):
        result.outcome = CheckOutcome.GONE
        result.message = f"The server answers {page.status} {page.reason}."
        return result
    if not page.ok:
        result.outcome = CheckOutcome.UNREACHABLE
        result.message = f"The server answers {page.status} {page.reason}."
        return result
    moved = not same_address(page.final_url, target.url)
    if target.body_sha256 and result.body_sha256 == target.body_sha256:
        result.text_sha256 = sha256(target.text)
    else:
        live = extract(page).text
        result.text_sha256 = sha256(live)
        if target.text and normalise(live) != normalise(target.text):
            result.outcome = CheckOutcome.CHANGED
            result.diff = word_diff(target.text, live)
            folded_old, folded_new = normalise(target.text), normalise(live)
            result.withdrawn = [
                citation_id
                for citation_id, quote in target.quotes
                if contains_quote(folded_old, quote) and not contains_quote(folded_new, quote)
            ]
    if moved:
        result.outcome = CheckOutcome.MOVED
        result.message = f"The address now leads to {page.final_url}" + (
            "; the text changed too." if result.diff else "."
        )
    elif result.outcome is CheckOutcome.CHANGED:
        result.message = f"{counted(len(result.diff), 'passage')} changed" + (
            f"; {counted(len(result.withdrawn), 'cited quote')} no longer there."
            if result.withdrawn
            else "."
        )
    return result


def _interleave_hosts(targets: list[Target]) -> list[Target]:
    """One document per host in turn, so no host gets a burst while others wait."""
    by_host: dict[str, list[Target]] = defaultdict(list)
    for target in targets:
        by_host[target.host].append(target)
    rounds = zip_longest(*by_host.values())
    return [target for batch in rounds for target in batch if target is not None]


def check_all(
    targets: list[Target],
    policy: FetchPolicy,
    *,
    connections: int = 8,
    per_host: int = 2,
    on_result: Callable[[CheckResult], None],
) -> None:
    """Check every target with at most `connections` at once and `per_host` per host."""
    host_slots: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    slots_lock = threading.Lock()

    def run(target: Target, client: httpx.Client) -> CheckResult:
        with slots_lock:
            slot = host_slots[target.host]
        with slot:
            return check_one(target, policy, client)

    with (
        make_client(policy, connections=connections) as client,
        ThreadPoolExecutor(max_workers=connections, thread_name_prefix="recheck") as pool,
    ):
        futures = [pool.submit(run, target, client) for target in _interleave_hosts(targets)]
        try:
            for future in as_completed(futures):
                on_result(future.result())
        except BaseException:
            # Stopped (a cancel, an error): the checks not started yet are never made.
            for future in futures:
                future.cancel()
            raise


def recheck(
    writer: sessionmaker[Session],
    targets: list[Target],
    settings: Mapping[str, Any],
    *,
    connections: int | None = None,
    per_host: int | None = None,
    job_id: int | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Counter[str]:
    """Check `targets` and record one SourceCheck each; return the count of each outcome."""
    policy = FetchPolicy.from_settings(settings)
    counts: Counter[str] = Counter()
    pending: list[CheckResult] = []
    total = len(targets)

    def flush() -> None:
        if not pending:
            return
        with transaction(writer) as session:
            session.add_all(_row(result, job_id) for result in pending)
        pending.clear()

    def on_result(result: CheckResult) -> None:
        counts[result.outcome.value] += 1
        pending.append(result)
        if len(pending) >= WRITE_BATCH:
            flush()
        progress(sum(counts.values()), total)

    try:
        check_all(
            targets,
            policy,
            connections=connections or int(settings.get("RECHECK_CONNECTIONS", 8)),
            per_host=per_host or int(settings.get("RECHECK_PER_HOST", 2)),
            on_result=on_result,
        )
    finally:
        flush()  # each check made is whole: one cancelled part way keeps those it made
    return counts


#: Outcomes in the order a summary names them, each with the words it is named by.
SUMMARY_WORDS = {
    CheckOutcome.ALIVE.value: "alive",
    CheckOutcome.CHANGED.value: "changed",
    CheckOutcome.MOVED.value: "moved",
    CheckOutcome.GONE.value: "gone",
    CheckOutcome.UNREACHABLE.value: "could not be checked",
}


def summarise(counts: Mapping[str, int]) -> str:
    """Say what a recheck found, e.g. "2 alive, 1 could not be checked"."""
    return ", ".join(
        f"{counts[outcome]} {words}"
        for outcome, words in SUMMARY_WORDS.items()
        if counts.get(outcome)
    )


def _row(result: CheckResult, job_id: int | None) -> SourceCheck:
    """The stored check: every field of the result, and the job that made it."""
    return SourceCheck(**vars(result), job_id=job_id)


def checks_of(session: Session, document_id: int, limit: int = 50) -> list[SourceCheck]:
    """A document's checks, newest first."""
    return list(
        session.scalars(
            select(SourceCheck)
            .where(SourceCheck.document_id == document_id)
            .order_by(SourceCheck.checked_at.desc(), SourceCheck.id.desc())
            .limit(limit)
        )
    )


def parse_age(text: str) -> timedelta:
    """ "30d", "12h", "2w" or "45m" as a time span."""
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    text = text.strip().lower()
    if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit():
        raise ValueError(f"Give an age like 30d, 12h, 2w or 45m, not {text!r}.")
    return timedelta(**{units[text[-1]]: int(text[:-1])})
