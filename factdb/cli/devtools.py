"""`factdb bench` and `factdb loadtest`: the developer tools, imported only when they run."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from factdb.cli import described


@click.command("bench")
@click.option(
    "--claims",
    "claim_count",
    default=100_000,
    show_default=True,
    help="How many claims to generate.",
)
@click.option(
    "--seed",
    default=1,
    show_default=True,
    help="Random seed: the same seed builds the same database.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    help="SQLite file to build (reused when it is already built).",
)
@click.option(
    "--database-url",
    help="Any database SQLAlchemy reaches (postgresql+psycopg://…), built like --db; "
    "PostgreSQL must have an empty or bench-built database there.",
)
@click.option("--repeat", default=40, show_default=True, help="Requests timed per page.")
@click.option(
    "--explain",
    is_flag=True,
    help="Print the plan of each page's slowest query (PostgreSQL: EXPLAIN ANALYZE).",
)
@click.option(
    "--audit",
    "with_audit",
    is_flag=True,
    help="Also time a full audit, then a re-run after one edit.",
)
@click.option(
    "--exports",
    "with_exports",
    is_flag=True,
    help="Also time exports (everything, 10,000 documents, APA for 1,000, a claim report of 2,000 claims; the job that keeps every APA reference, then APA for everything, then the job again after one document is edited) with CPU and peak memory.",
)
@click.option(
    "--exports-only",
    is_flag=True,
    help="Time only the exports (of a database already built), not the pages.",
)
@described("bench")
def bench_command(
    claim_count: int,
    seed: int,
    db_path: str | None,
    database_url: str | None,
    repeat: int,
    explain: bool,
    with_audit: bool,
    with_exports: bool,
    exports_only: bool,
) -> None:
    from factdb.devtools import bench, bench_jobs

    if db_path and database_url:
        raise click.UsageError("Give --db or --database-url, not both.")
    if database_url:
        url = database_url
    else:
        path = (
            Path(db_path)
            if db_path
            else Path(tempfile.mkdtemp(prefix="factdb-bench-")) / "bench.sqlite"
        )
        url = f"sqlite:///{path.resolve()}"
    ids = bench.prepare(url, claim_count, seed, lambda line: click.echo(line, err=True))
    if exports_only:
        click.echo(bench_jobs.time_exports(url))
        return
    results = bench.run(url, ids, repeat, explain=explain)
    click.echo(
        f"\n{claim_count:,} claims, {bench.database_size(url) / 1e6:,.0f} MB "
        f"({bench.dialect(url)}); {repeat} requests per page\n"
    )
    click.echo(bench.format_table(results))
    if with_audit:
        click.echo("\n" + bench_jobs.time_audit(url))
    if with_exports:
        click.echo("\n" + bench_jobs.time_exports(url))


@click.command("loadtest")
@click.option(
    "--db",
    "db_path",
    type=click.Path(exists=True, dir_okay=False),
    help="A SQLite database built by factdb bench.",
)
@click.option("--database-url", help="A database built by factdb bench, as a SQLAlchemy URL.")
@click.option(
    "--mode",
    type=click.Choice(["read", "mixed"]),
    default="read",
    show_default=True,
    help="read: claim pages only; mixed: also searches, API reads with a token, and new claims.",
)
@click.option(
    "--clients", default=4, show_default=True, help="Client processes sending requests at once."
)
@click.option("--workers", default=2, show_default=True, help="gunicorn worker processes.")
@click.option(
    "--client",
    type=click.Choice(["auto", "wrk", "python"]),
    default="auto",
    show_default=True,
    help="Load generator: wrk (C, light on CPU; read load only) or factdb's own Python "
    "clients; auto takes wrk for the read load when it is installed.",
)
@click.option("--seconds", default=20.0, show_default=True, help="Stop after this long.")
@click.option(
    "--requests",
    "max_requests",
    default=20_000,
    show_default=True,
    help="Stop after this many requests.",
)
@described("loadtest")
def loadtest_command(
    db_path: str | None,
    database_url: str | None,
    mode: str,
    clients: int,
    workers: int,
    client: str,
    seconds: float,
    max_requests: int,
) -> None:
    from factdb.devtools import loadrun

    if bool(db_path) == bool(database_url):
        raise click.UsageError("Give --db or --database-url (one of them).")
    url = database_url or f"sqlite:///{Path(db_path).resolve()}"  # type: ignore[arg-type]
    loadrun.run(url, loadrun.LoadPlan(mode, clients, workers, client, seconds, max_requests))


COMMANDS = [bench_command, loadtest_command]
