"""`factdb loadtest`: serve a bench database with gunicorn and report how it holds up."""

from __future__ import annotations

from dataclasses import dataclass, field

import click
from sqlalchemy import Engine, func, select

from factdb import migrate
from factdb.access import create_token
from factdb.db import make_engine, make_session_factory, transaction
from factdb.devtools import loadtest
from factdb.devtools.synthetic import BENCH_EMAIL, BENCH_PASSWORD
from factdb.models import Claim, User

_WRITE_MARK = "Claim written under load ("


@dataclass
class LoadPlan:
    mode: str
    clients: int
    workers: int
    client: str
    seconds: float
    max_requests: int
    claim_ids: list[int] = field(default_factory=list)
    #: A read-only token for the mixed load's API reads, made for the run.
    api_token: str = ""

    @property
    def uses_wrk(self) -> bool:
        """wrk when asked for, or by default for the read load when it is installed."""
        wanted = self.client == "wrk" or (
            self.client == "auto" and self.mode == "read" and bool(loadtest.wrk_path())
        )
        if wanted and self.mode != "read":
            raise click.UsageError(
                "wrk drives the read load only; use --client python for --mode mixed."
            )
        if wanted and not loadtest.wrk_path():
            raise click.UsageError(
                "wrk is not installed (Debian: apt install wrk); use --client python."
            )
        return wanted


def _drive(plan: LoadPlan, port: int) -> tuple[loadtest.Outcome, float, dict[str, float]]:
    if plan.uses_wrk:
        return loadtest.run_wrk(port, BENCH_EMAIL, BENCH_PASSWORD, connections=plan.clients,
                                seconds=plan.seconds, claim_ids=plan.claim_ids)  # fmt: skip
    outcome, wall = loadtest.run(
        port, BENCH_EMAIL, BENCH_PASSWORD, clients=plan.clients, seconds=plan.seconds,
        max_requests=plan.max_requests, claim_ids=plan.claim_ids, mode=plan.mode,
        api_token=plan.api_token,
    )  # fmt: skip
    percentiles = {
        q: loadtest.percentile(outcome.latencies, float(q[1:]) / 100) for q in ("p50", "p95", "p99")
    }
    return outcome, wall, percentiles


def _lost_writes(engine: Engine, outcome: loadtest.Outcome, before: int) -> tuple[int, str]:
    """How many acknowledged claims are missing from the database afterwards."""
    with make_session_factory(engine)() as session:
        after = session.scalar(select(func.count(Claim.id))) or 0
        texts = session.scalars(select(Claim.text).where(Claim.text.like(_WRITE_MARK + "%"))).all()
    markers = set(outcome.created)
    found = {text[text.index("(") + 1 : -1] for text in texts} & markers
    lost = len(markers - found)
    return lost, (
        f"writes acknowledged: {len(markers):,}; found afterwards: {len(found):,}; lost: {lost}; "
        f"claims {before:,} -> {after:,}"
    )


def run(url: str, plan: LoadPlan) -> None:
    """Load the server as planned, print what happened, and fail on errors or lost writes."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        plan.claim_ids = list(session.scalars(select(Claim.id).order_by(func.random()).limit(2000)))
        before = session.scalar(select(func.count(Claim.id))) or 0
    with transaction(make_session_factory(engine, write=True)) as session:
        owner = session.scalar(select(User).where(User.email == BENCH_EMAIL))
        plan.api_token = create_token(session, owner, "load test", read_only=True).secret
    generator = "wrk" if plan.uses_wrk else "Python clients"
    port = loadtest.free_port()
    server = loadtest.start_server(url, port, plan.workers)
    try:
        outcome, wall, percentiles = _drive(plan, port)
        memory = loadtest.worker_memory(server.pid)
    finally:
        loadtest.stop_server(server)
    done = sum(outcome.statuses.values())
    statuses = ", ".join(
        f"{status or 'not 200'}: {count:,}" for status, count in sorted(outcome.statuses.items())
    )
    click.echo(
        f"{plan.mode} load: {plan.clients} concurrent connections ({generator}), "
        f"{plan.workers} gunicorn workers, {wall:.1f} s"
    )
    click.echo(f"requests: {done:,}  ({done / wall:,.0f} per second)")
    click.echo("latency ms: " + "  ".join(f"{q} {value:.1f}" for q, value in percentiles.items()))
    click.echo("statuses: " + statuses)
    click.echo(
        "worker memory after the load, MB: "
        + "; ".join(f"{w.rss / 2**20:.0f} resident, peak {w.peak / 2**20:.0f}" for w in memory)
    )
    failures = len(outcome.errors) + sum(
        count for status, count in outcome.statuses.items() if status == 0 or status >= 500
    )
    if plan.mode == "mixed":
        lost, summary = _lost_writes(engine, outcome, before)
        click.echo(summary)
        failures += lost
    engine.dispose()
    for error in outcome.errors[:5]:
        click.echo(f"error: {error}", err=True)
    if failures:
        raise click.ClickException(f"{failures} failed requests or lost writes")
