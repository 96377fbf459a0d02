"""Time the main pages of a synthetic database through the WSGI app.

`factdb bench` builds a database with `factdb.devtools.synthetic` (or reuses one),
then requests the main pages and exports through the app and reports p50/p95
server-side latency next to the time spent in SQL.
"""

from __future__ import annotations

import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import cycle, islice
from typing import Any

import click
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from factdb import create_app, migrate
from factdb.audit import RULES
from factdb.audit.rebuild import rebuild
from factdb.db import make_engine, make_session_factory
from factdb.devtools.synthetic import (
    BENCH_EMAIL,
    BENCH_PASSWORD,
    Sizes,
    Vocabulary,
    analyze,
    build,
)
from factdb.models import AuditFinding, Claim, Tag
from factdb.vocab import Status
from factdb.web.database import database


@dataclass
class Timing:
    name: str
    latencies_ms: list[float]
    sql_ms: list[float]
    statements: list[int]
    #: The plan of the page's slowest query (with --explain).
    plan: str = ""
    #: Round trips to the server of one request after the timed ones (PostgreSQL only).
    round_trips: int | None = None

    def p(self, values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextmanager
def sql_clock(engine: Engine) -> Iterator[dict[str, float]]:
    """Measure the time spent inside the database driver while the block runs."""
    totals = {"seconds": 0.0, "statements": 0}
    starts: list[float] = []

    def before(*_args: Any) -> None:
        starts.append(time.perf_counter())

    def after(*_args: Any) -> None:
        totals["seconds"] += time.perf_counter() - starts.pop()
        totals["statements"] += 1

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield totals
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


@contextmanager
def round_trips(engine: Engine) -> Iterator[dict[str, int]]:
    """Count the round trips to a PostgreSQL server while the block runs.

    Statements are not round trips: psycopg sends BEGIN and COMMIT itself (no statement
    event sees them) and preparing a statement at its fifth use costs one more. libpq's
    trace of each connection checked out meanwhile shows every answer the server ends
    with ReadyForQuery, one per round trip. SQLite has no server: the count stays 0.
    """
    counted = {"round_trips": 0}
    if engine.dialect.name != "postgresql":
        yield counted
        return
    import psycopg  # the PostgreSQL driver, installed with factdb[postgres]

    traces: dict[int, Any] = {}

    def start(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        trace = tempfile.TemporaryFile()  # noqa: SIM115 (closed at check-in, below)
        traces[id(dbapi_connection)] = trace
        dbapi_connection.pgconn.trace(trace.fileno())
        dbapi_connection.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)

    def stop(dbapi_connection: Any, _record: Any) -> None:
        trace = traces.pop(id(dbapi_connection), None)
        if trace is None:
            return
        dbapi_connection.pgconn.untrace()
        trace.seek(0)
        counted["round_trips"] += sum(
            1 for line in trace if b"\tReadyForQuery" in line and line.startswith(b"B")
        )
        trace.close()

    event.listen(engine, "checkout", start)
    event.listen(engine, "checkin", stop)
    try:
        yield counted
    finally:
        event.remove(engine, "checkout", start)
        event.remove(engine, "checkin", stop)


#: Untimed requests of each page first, so that the timed ones run as in a server that has
#: been up for a while. psycopg prepares a statement at its fifth use (one round trip more,
#: once); PostgreSQL then plans the first five runs of a prepared statement for their
#: values before it settles on one plan where that plan costs no more (the claim page's
#: statement took 10-20 ms to plan in each of those five runs at load 9-15, 0.75 ms to
#: run). From the eleventh, a page runs on the plans it keeps.
WARMUP_REQUESTS = 11


def time_requests(
    app,
    engine: Engine,
    cases: list[tuple[str, list[str]]],
    warmup: int = WARMUP_REQUESTS,
    explain: bool = False,
) -> list[Timing]:
    """Request each URL list through the WSGI app, logged in as the bench admin."""
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    token = login_page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/login", data={"email": BENCH_EMAIL, "password": BENCH_PASSWORD, "csrf_token": token}
    )
    if response.status_code != 302:
        raise RuntimeError("The bench account could not log in.")
    results = []
    for name, urls in cases:
        for url in islice(cycle(urls), warmup):
            _read(client, url)
        latencies, sql, statements = [], [], []
        for url in urls:
            with sql_clock(engine) as clock:
                started = time.perf_counter()
                # Read the whole answer (a streamed download is written as it is read), then
                # close it: an answer left open keeps its request context pushed until it
                # is collected, out of order ("Popped wrong request context").
                with client.get(url) as reply:
                    reply.get_data()
                elapsed = time.perf_counter() - started
            if reply.status_code != 200:
                raise RuntimeError(f"{url} answered {reply.status_code}")
            latencies.append(elapsed * 1000)
            sql.append(clock["seconds"] * 1000)
            statements.append(int(clock["statements"]))
        plan = slowest_plan(engine, partial(_read, client, urls[0])) if explain else ""
        trips = None
        if engine.dialect.name == "postgresql":
            with round_trips(engine) as counted:
                _read(client, urls[0])
            trips = counted["round_trips"]
        results.append(Timing(name, latencies, sql, statements, plan, trips))
    return results


def _read(client: Any, url: str) -> None:
    with client.get(url) as reply:
        reply.get_data()


def slowest_plan(engine: Engine, request: Callable[[], Any]) -> str:
    """Make the request, then show the plan of its slowest SELECT.

    PostgreSQL runs it again under EXPLAIN (ANALYZE, BUFFERS); SQLite gives its
    EXPLAIN QUERY PLAN.
    """
    seen: list[tuple[float, str, Any]] = []
    starts: list[float] = []

    def before(*_args: Any) -> None:
        starts.append(time.perf_counter())

    def after(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        seen.append((time.perf_counter() - starts.pop(), statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        request()
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    selects = [s for s in seen if s[1].lstrip().upper().startswith(("SELECT", "WITH"))]
    if not selects:
        return ""
    seconds, statement, parameters = max(selects, key=lambda s: s[0])
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if engine.dialect.name == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    if engine.dialect.name == "postgresql":
        lines = [row[0] for row in rows]
    else:
        lines = [f"{'  ' * (row[1] > 0)}{row[-1]}" for row in rows]
    head = " ".join(statement.split())[:300]
    return f"slowest query ({seconds * 1000:.1f} ms): {head}\n" + "\n".join(
        "    " + line for line in lines
    )


def cases(
    session: Session, ids: dict[str, int], rng: random.Random, repeat: int
) -> list[tuple[str, list[str]]]:
    """The pages to time, each with `repeat` URLs."""
    claims, documents = ids["claims"], ids["documents"]
    tags = session.scalars(select(Tag.name).limit(20)).all()
    last_page = (claims + 24) // 25
    hot = ids["hot_source"]
    words = Vocabulary(ids["seed"]).search_terms()  # the words the build drew from
    statuses = [s.value for s in Status]
    audit_rules = list(RULES)
    audit_pages = max(
        1, ((session.scalar(select(func.count()).select_from(AuditFinding)) or 0) + 49) // 50
    )

    def pick(make: Callable[[], str]) -> list[str]:
        return [make() for _ in range(repeat)]

    return [
        ("claims list, newest", pick(lambda: "/")),
        ("claims list, by status", pick(lambda: f"/?status={rng.choice(statuses)}")),
        ("claims list, by tag", pick(lambda: f"/?tag={rng.choice(tags)}")),
        ("claims list, by source", pick(lambda: f"/?source={rng.randint(1, ids['sources'])}")),
        ("claims list, sorted by update", pick(lambda: f"/?sort=updated&page={rng.randint(1, last_page)}")),
        ("claims list, last page", pick(lambda: f"/?page={last_page}")),
        ("claims list, text search", pick(lambda: f"/?q={rng.choice(words)}")),
        ("claim page", pick(lambda: f"/claims/{rng.randint(1, claims)}")),
        ("source page, 5,000 claims", pick(lambda: f"/sources/{hot}?page={rng.randint(1, 200)}")),
        ("document page", pick(lambda: f"/documents/{rng.randint(1, documents)}")),
        ("search", pick(lambda: f"/search?q={rng.choice(words)}+{rng.choice(words)}*")),
        ("audit page", pick(lambda: f"/audit/?page={rng.randint(1, 40)}")),
        ("audit page, one rule", pick(lambda: f"/audit/?rule={rng.choice(audit_rules)}")),
        ("audit page, last page", pick(lambda: f"/audit/?page={audit_pages}")),
        ("audit page, a source", pick(lambda: f"/audit/?source={rng.randint(1, ids['sources'])}")),
        ("export 25 claims, BibTeX", pick(lambda: "/export/download?format=bibtex&" + "&".join(f"claim={rng.randint(1, claims)}" for _ in range(25)))),
    ]  # fmt: skip


def format_table(results: list[Timing]) -> str:
    trips = any(r.round_trips is not None for r in results)
    header = (
        f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'SQL p50':>8} {'SQL p95':>8} {'queries':>8}"
        + (f" {'trips':>6}" if trips else "")
    )
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.name:<34} {r.p(r.latencies_ms, 0.5):>8.1f} {r.p(r.latencies_ms, 0.95):>8.1f} "
            f"{r.p(r.sql_ms, 0.5):>8.1f} {r.p(r.sql_ms, 0.95):>8.1f} {statistics.median(r.statements):>8.0f}"
            + (f" {r.round_trips if r.round_trips is not None else '':>6}" if trips else "")
        )
    plans = [f"\n{r.name}: {r.plan}" for r in results if r.plan]
    return "\n".join(lines + plans)


# ----------------------------------------------------------------------------- the command


def prepare(url: str, claim_count: int, seed: int, echo: Callable[[str], None]) -> dict[str, int]:
    """Build the database at `url`, or reuse it when it already holds `claim_count` claims."""
    engine = make_engine(url)
    path = engine.url.render_as_string(hide_password=True)
    migrate.upgrade(engine)
    try:
        with make_session_factory(engine)() as session:
            existing = session.scalar(select(func.count(Claim.id))) or 0
        if existing and existing != claim_count:
            raise click.ClickException(
                f"{path} holds {existing} claims, not {claim_count}; use another database."
            )
        if existing:
            echo(f"Reusing {path} ({existing:,} claims).")
            return Sizes(claim_count).ids(seed)
        echo(f"Building {claim_count:,} claims in {path} …")
        started, cpu = time.perf_counter(), time.process_time()
        with click.progressbar(length=claim_count, label="Claims", file=sys.stderr) as bar:
            ids = build(
                engine,
                claim_count,
                seed,
                lambda label, n: bar.update(n) if label == "claims" else None,
            )
        echo(
            f"Built in {time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s CPU here)."
        )
        started = time.perf_counter()
        with make_session_factory(engine, write=True)() as session:
            count = rebuild(session)
            session.commit()
        analyze(engine)  # the findings table is new to the planner too
        echo(f"Audited ({count:,} findings) in {time.perf_counter() - started:.1f} s.")
        return ids
    finally:
        engine.dispose()


def run(url: str, ids: dict[str, int], repeat: int, explain: bool = False) -> list[Timing]:
    """Time every page of `cases` against the database at `url`."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32)})
    engine = database(app).engine
    rng = random.Random(ids["seed"])  # noqa: S311 (picks pages to request, not secrets)
    try:
        with make_session_factory(engine)() as session:
            page_cases = cases(session, ids, rng, repeat)
        return time_requests(app, engine, page_cases, explain=explain)
    finally:
        engine.dispose()


def dialect(url: str) -> str:
    return make_engine(url).dialect.name


def database_size(url: str) -> int:
    """Bytes the database takes on disk."""
    engine = make_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            with engine.connect() as connection:
                return connection.exec_driver_sql(
                    "SELECT pg_database_size(current_database())"
                ).scalar_one()
        with engine.connect() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
            size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
            return pages * size
    finally:
        engine.dispose()
