"""The `factdb` command: set up the database, load the demo, manage users, serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from factdb import create_app, migrate
from factdb.db import transaction
from factdb.errors import ValidationFailed
from factdb.sources import source_label
from factdb.vocab import Role
from factdb.web.database import database


def _app_factory() -> Flask:
    return create_app()


@click.group(
    cls=FlaskGroup, create_app=_app_factory, add_default_commands=False, add_version_option=False
)
@click.version_option(package_name="factdb")
def main() -> None:
    """factdb: record claims, their sources and their review."""


def _command_app() -> Flask:
    """The app of the running command; its connections close when the command ends."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    click.get_current_context().call_on_close(database(app).engine.dispose)
    return app


def _upgrade(app: Flask) -> str:
    engine = database(app).engine
    before = migrate.current_revision(engine)
    migrate.upgrade(engine)
    after = migrate.current_revision(engine)
    if before == after:
        return f"Database is up to date (revision {after})."
    return f"Database upgraded from {before or 'empty'} to revision {after}."


def _safe_url(app: Flask) -> str:
    return database(app).engine.url.render_as_string(hide_password=True)


@main.command("init")
@with_appcontext
def init_command() -> None:
    """Create the database, or upgrade it to the latest schema."""
    app = _command_app()
    click.echo(f"Database: {_safe_url(app)}")
    click.echo(_upgrade(app))


def _load_demo(app: Flask) -> bool:
    from factdb.demo import is_empty, load_demo

    with transaction(database(app).writer) as session:
        if not is_empty(session):
            return False
        load_demo(session)
    return True


def _print_demo_logins() -> None:
    from factdb.demo import DEMO_PASSWORD, DEMO_USERS

    click.echo(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
    for email, name, role in DEMO_USERS:
        click.echo(f"  {email:<24} {role.value:<9} {name}")


@main.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo dataset (a fictional analysis piece) into an empty database."""
    app = _command_app()
    _upgrade(app)
    if not _load_demo(app):
        raise click.ClickException(
            "The database already has records; the demo loads into an empty one only. "
            "Set FACTDB_DATABASE_URL to a new file to try it."
        )
    click.echo("Demo data loaded.")
    _print_demo_logins()


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
@click.option("--demo", is_flag=True, help="Load the demo data first if the database is empty.")
@with_appcontext
def serve_command(host: str, port: int, threads: int, demo: bool) -> None:
    """Serve factdb with a production WSGI server (waitress), upgrading the database first."""
    from waitress import serve

    app = _command_app()
    click.echo(f"Database: {_safe_url(app)}")
    click.echo(_upgrade(app))
    if demo:
        if _load_demo(app):
            click.echo("Demo data loaded.")
        _print_demo_logins()
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
    click.echo(f"factdb is running at http://{shown_host}:{port}/  (Ctrl+C to stop)")
    serve(app, host=host, port=port, threads=threads, ident="factdb")


@main.group("user")
def user_group() -> None:
    """Manage accounts."""


@user_group.command("add")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.EDITOR.value,
    show_default=True,
    help="viewer reads; editor records; reviewer also gives verdicts; admin also manages users.",
)
@click.option(
    "--name", default="", help="Display name (defaults to the part of the e-mail before @)."
)
@with_appcontext
def user_add_command(email: str, role: str, name: str) -> None:
    """Add an account. The password is asked for, or read from standard input when piped."""
    from factdb.users import create_user

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    app = _command_app()
    _upgrade(app)
    try:
        with transaction(database(app).writer) as session:
            user = create_user(session, email=email, name=name, role=Role(role), password=password)
            summary = f"Added {user.email} as {user.role.value}."
    except ValidationFailed as error:
        details = "; ".join(error.fields.values()) or error.message
        raise click.ClickException(details) from error
    click.echo(summary)


@main.command("audit")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="How to print the findings.",
)
@click.option(
    "--rule", "rules", multiple=True, metavar="RULE", help="Run only this rule (repeatable)."
)
@click.option(
    "--claim", "claim_ids", multiple=True, type=int, metavar="ID", help="Audit only this claim."
)
@click.option(
    "--document", "document_id", type=int, metavar="ID", help="Audit one document and its claims."
)
@click.option(
    "--source", "source_id", type=int, metavar="ID", help="Audit the claims attributed to a source."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit with status 1 when a finding is at least this severe.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write here (default: standard output).",
)
@with_appcontext
def audit_command(
    output_format: str,
    rules: tuple[str, ...],
    claim_ids: tuple[int, ...],
    document_id: int | None,
    source_id: int | None,
    fail_on: str,
    output,
) -> None:
    """Audit source attribution; exit 1 when there are findings at or above --fail-on."""
    from factdb.audit import RULES, Severity, run_audit
    from factdb.audit.report import write_findings
    from factdb.claims import ClaimFilters, matching_claim_ids

    app = _command_app()
    unknown = [rule for rule in rules if rule.upper() not in RULES]
    if unknown:
        raise click.BadParameter(
            f"{unknown[0]}; the rules are: {', '.join(RULES)}", param_hint="--rule"
        )
    with database(app).reader() as session:
        scope: list[int] | None = None
        if claim_ids or document_id is not None or source_id is not None:
            scope = list(claim_ids)
            if document_id is not None or source_id is not None:
                filters = ClaimFilters(document_id=document_id, source_id=source_id)
                scope += matching_claim_ids(session, filters)
        audit_args = {
            "claim_ids": scope,
            "document_ids": [document_id] if document_id is not None else [],
            "rules": list(rules) or None,
        }
        if sys.stderr.isatty():
            with click.progressbar(length=len(RULES) - 1, label="Auditing", file=sys.stderr) as bar:
                report = run_audit(session, progress=bar.update, **audit_args)
        else:
            report = run_audit(session, **audit_args)
        session.commit()
    write_findings(report.findings, output_format, output)
    summary = ", ".join(
        f"{count} {severity.value}" for severity, count in report.by_severity().items()
    )
    click.echo(
        f"{len(report.findings)} findings ({summary or 'none'}) in {report.claims_checked} claims, "
        f"{report.documents_checked} documents, {report.quotes_checked} quotes.",
        err=True,
    )
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(finding.severity.rank >= threshold for finding in report.findings):
            raise SystemExit(1)


@main.command("export")
@click.option(
    "--format",
    "format_name",
    required=True,
    help="csl-json, bibtex, biblatex, ris, apa, chicago-author-date, chicago-notes, mla, harvard, claim-report, claimreview, csv or wikipedia.",
)
@click.option(
    "--as",
    "output",
    default="",
    help="For formatted references: text (default), markdown or html; for claim-report: markdown or html.",
)
@click.option(
    "--style",
    default="chicago-notes",
    show_default=True,
    help="Citation style of the claim report.",
)
@click.option(
    "--claim",
    "claim_ids",
    multiple=True,
    type=int,
    metavar="ID",
    help="Export this claim's citations (repeatable).",
)
@click.option("--status", default="", help="Only claims with this status.")
@click.option("--tag", default="", help="Only claims with this tag.")
@click.option(
    "--document",
    "document_ids",
    multiple=True,
    type=int,
    metavar="ID",
    help="Export this document (repeatable).",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of standard output.",
)
@with_appcontext
def export_command(
    format_name: str,
    output: str,
    style: str,
    claim_ids: tuple[int, ...],
    status: str,
    tag: str,
    document_ids: tuple[int, ...],
    output_file: str | None,
) -> None:
    """Export citations: everything, or the claims and documents chosen."""
    from factdb.claims import ClaimFilters, matching_claim_ids
    from factdb.export import FORMATS, ExportSettings, export
    from factdb.export.formatted import RenderError
    from factdb.vocab import Status

    if format_name not in FORMATS:
        raise click.BadParameter(
            f"{format_name}; choose one of: {', '.join(FORMATS)}", param_hint="--format"
        )
    if status and status not in Status._value2member_map_:
        raise click.BadParameter(
            f"{status}; the statuses are: {', '.join(s.value for s in Status)}",
            param_hint="--status",
        )
    app = _command_app()
    settings = ExportSettings(
        publisher_name=app.config["PUBLISHER_NAME"],
        publisher_url=app.config["PUBLISHER_URL"],
        base_url=app.config["BASE_URL"],
    )
    with database(app).reader() as session:
        selected: list[int] | None = list(claim_ids) if claim_ids else None
        if status or tag:
            selected = (selected or []) + matching_claim_ids(
                session, ClaimFilters(status=status, tag=tag)
            )
        documents: list[int] | None = list(document_ids) if document_ids else None
        if selected is not None and documents is None:
            documents = []
        if documents is not None and selected is None:
            selected = []
        try:
            result = export(
                session,
                format_name,
                claim_ids=selected,
                document_ids=documents,
                output=output,
                style=style,
                settings=settings,
            )
        except (ValidationFailed, RenderError) as error:
            raise click.ClickException(str(error)) from error
    if output_file:
        with open(output_file, "w", encoding="utf-8", newline="") as handle:
            handle.write(result.content)
        click.echo(f"Wrote {result.count} items to {output_file}.", err=True)
    else:
        click.echo(result.content, nl=False)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["bibtex", "biblatex", "ris", "csl-json"]),
    help="Default: from the file name or its content.",
)
@click.option(
    "--dry-run", is_flag=True, help="Show what would be created and matched; write nothing."
)
@with_appcontext
def import_command(file: str, format_name: str | None, dry_run: bool) -> None:
    """Import documents from a BibTeX, RIS or CSL-JSON file, without creating duplicates."""
    from pathlib import Path

    from factdb import importer

    app = _command_app()
    _upgrade(app)
    data = Path(file).read_bytes()
    try:
        with transaction(database(app).writer) as session:
            items, _ = importer.import_references(
                session, None, data, format_name=format_name or "", filename=file, dry_run=dry_run
            )
    except importer.ImportFailed as error:
        for problem in error.problems:
            click.echo(f"{file}: {problem}", err=True)
        raise click.ClickException("Nothing was imported.") from error
    for item in items:
        reference = item.reference
        if item.match is not None:
            what = f"matches document #{item.match.id} (same {item.reason})"
        elif item.duplicate_of is not None:
            what = "same as an earlier entry in this file"
        else:
            what = "new" if dry_run else "created"
        click.echo(f"line {reference.line:>5}  {what:<40} {reference.document.title[:70]}")
    created = sum(1 for item in items if item.action == "create")
    verb = "would create" if dry_run else "created"
    click.echo(
        f"{len(items)} references: {verb} {created}, {len(items) - created} already present."
    )


@main.command("bench")
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
@click.option("--repeat", default=40, show_default=True, help="Requests timed per page.")
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
    help="Also time exports of 10,000 documents and APA for 1,000.",
)
def bench_command(
    claim_count: int,
    seed: int,
    db_path: str | None,
    repeat: int,
    with_audit: bool,
    with_exports: bool,
) -> None:
    """Build a synthetic database and print p50/p95 latency of the main pages."""
    import random
    import tempfile
    import time
    from pathlib import Path

    from factdb import bench
    from factdb.db import make_engine, make_session_factory

    path = (
        Path(db_path)
        if db_path
        else Path(tempfile.mkdtemp(prefix="factdb-bench-")) / "bench.sqlite"
    )
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        from sqlalchemy import func, select

        from factdb.models import Claim

        existing = session.scalar(select(func.count(Claim.id))) or 0
    if existing and existing != claim_count:
        raise click.ClickException(
            f"{path} holds {existing} claims, not {claim_count}; use another --db."
        )
    if not existing:
        click.echo(f"Building {claim_count:,} claims in {path} …", err=True)
        started = time.perf_counter()
        with click.progressbar(length=claim_count, label="Claims", file=sys.stderr) as bar:

            def progress(label: str, count: int) -> None:
                if label == "claims":
                    bar.update(count)

            ids = bench.build(engine, claim_count, seed, progress)
        click.echo(f"Built in {time.perf_counter() - started:.1f} s.", err=True)
    else:
        sizes = bench.Sizes(claim_count)
        ids = {
            "seed": seed,
            "hot_source": 1,
            "claims": claim_count,
            "documents": sizes.documents,
            "sources": sizes.sources,
        }
        click.echo(f"Reusing {path} ({existing:,} claims).", err=True)

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    app_engine = database(app).engine
    rng = random.Random(seed)  # noqa: S311 (picks pages to request, not secrets)
    with make_session_factory(engine)() as session:
        page_cases = bench.cases(session, ids, rng, repeat)
    results = bench.time_requests(app, app_engine, page_cases)
    click.echo(
        f"\n{claim_count:,} claims, {path.stat().st_size / 1e6:,.0f} MB; {repeat} requests per page\n"
    )
    click.echo(bench.format_table(results))
    if with_audit:
        click.echo("\n" + _bench_audit(engine))
    if with_exports:
        click.echo("\n" + _bench_exports(engine))
    app_engine.dispose()
    engine.dispose()


def _bench_audit(engine) -> str:
    import time

    from sqlalchemy import delete, update

    from factdb.audit import run_audit
    from factdb.db import make_session_factory
    from factdb.models import Claim, QuoteCheckResult

    factory = make_session_factory(engine)
    with factory() as session:
        session.execute(delete(QuoteCheckResult))
        session.commit()
        started = time.perf_counter()
        report = run_audit(session)
        session.commit()
        cold = time.perf_counter() - started
        session.execute(update(Claim).where(Claim.id == 1).values(text="Edited for the benchmark."))
        session.commit()
        started = time.perf_counter()
        again = run_audit(session)
        session.commit()
        warm = time.perf_counter() - started
    return (
        f"full audit: {cold:.1f} s ({len(report.findings):,} findings, {report.quotes_checked:,} quotes); "
        f"re-run after one edit: {warm:.1f} s ({again.quotes_from_cache:,} quote checks from the cache)"
    )


def _bench_exports(engine) -> str:
    import time

    from factdb.db import make_session_factory
    from factdb.export import export

    lines = []
    with make_session_factory(engine)() as session:
        ten_thousand = list(range(1, 10_001))
        for name in ("csl-json", "bibtex", "ris", "wikipedia"):
            started = time.perf_counter()
            export(session, name, claim_ids=[], document_ids=ten_thousand)
            lines.append(
                f"export {name} of 10,000 documents: {time.perf_counter() - started:.2f} s"
            )
        started = time.perf_counter()
        export(session, "csv", claim_ids=list(range(1, 3_334)))
        lines.append(
            f"export csv of 3,333 claims (10,000 citations): {time.perf_counter() - started:.2f} s"
        )
        started = time.perf_counter()
        export(session, "apa", claim_ids=[], document_ids=list(range(1, 1_001)))
        lines.append(
            f"export apa bibliography of 1,000 documents: {time.perf_counter() - started:.2f} s"
        )
    return "\n".join(lines)


@main.command("loadtest")
@click.option(
    "--db",
    "db_path",
    type=click.Path(exists=True, dir_okay=False),
    required=True,
    help="A database built by factdb bench.",
)
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
def loadtest_command(
    db_path: str,
    mode: str,
    clients: int,
    workers: int,
    client: str,
    seconds: float,
    max_requests: int,
) -> None:
    """Serve a bench database with gunicorn on loopback and measure it under load."""
    from sqlalchemy import func, select

    from factdb import bench, loadtest
    from factdb.access import create_token
    from factdb.db import make_engine, make_session_factory
    from factdb.models import Claim, User

    url = f"sqlite:///{Path(db_path).resolve()}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        claim_ids = list(session.scalars(select(Claim.id).order_by(func.random()).limit(2000)))
        before = session.scalar(select(func.count(Claim.id))) or 0
    with transaction(make_session_factory(engine, write=True)) as session:
        owner = session.scalar(select(User).where(User.email == bench.BENCH_EMAIL))
        api_token = create_token(session, owner, "load test", read_only=True).secret
    use_wrk = client == "wrk" or (client == "auto" and mode == "read" and loadtest.wrk_path())
    if use_wrk and mode != "read":
        raise click.UsageError(
            "wrk drives the read load only; use --client python for --mode mixed."
        )
    if use_wrk and not loadtest.wrk_path():
        raise click.UsageError(
            "wrk is not installed (Debian: apt install wrk); use --client python."
        )
    port = loadtest.free_port()
    server = loadtest.start_server(url, port, workers)
    try:
        if use_wrk:
            outcome, wall, percentiles = loadtest.run_wrk(
                port, bench.BENCH_EMAIL, bench.BENCH_PASSWORD,
                connections=clients, seconds=seconds, claim_ids=claim_ids,
            )  # fmt: skip
        else:
            outcome, wall = loadtest.run(
                port, bench.BENCH_EMAIL, bench.BENCH_PASSWORD,
                clients=clients, seconds=seconds, max_requests=max_requests, claim_ids=claim_ids, mode=mode,
                api_token=api_token,
            )  # fmt: skip
            percentiles = {
                q: loadtest.percentile(outcome.latencies, float(q[1:]) / 100)
                for q in ("p50", "p95", "p99")
            }
    finally:
        loadtest.stop_server(server)
    done = sum(outcome.statuses.values())
    generator = "wrk" if use_wrk else "Python clients"
    click.echo(
        f"{mode} load: {clients} concurrent connections ({generator}), {workers} gunicorn workers, {wall:.1f} s"
    )
    click.echo(f"requests: {done:,}  ({done / wall:,.0f} per second)")
    click.echo("latency ms: " + "  ".join(f"{q} {value:.1f}" for q, value in percentiles.items()))
    click.echo(
        "statuses: "
        + ", ".join(
            f"{status or 'not 200'}: {count:,}"
            for status, count in sorted(outcome.statuses.items())
        )
    )
    failed_statuses = [status for status in outcome.statuses if status == 0 or status >= 500]
    failures = sum(outcome.statuses[status] for status in failed_statuses) + len(outcome.errors)
    if mode == "mixed":
        with make_session_factory(engine)() as session:
            after = session.scalar(select(func.count(Claim.id))) or 0
            markers = set(outcome.created)
            texts = session.scalars(
                select(Claim.text).where(Claim.text.like("Claim written under load (%"))
            ).all()
            found = {text[text.index("(") + 1 : -1] for text in texts} & markers
        lost = len(markers - found)
        click.echo(
            f"writes acknowledged: {len(markers):,}; found afterwards: {len(found):,}; lost: {lost}; claims {before:,} -> {after:,}"
        )
        failures += lost
    engine.dispose()
    for error in outcome.errors[:5]:
        click.echo(f"error: {error}", err=True)
    if failures:
        raise click.ClickException(f"{failures} failed requests or lost writes")


@main.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(file: str) -> None:
    """Copy the SQLite database to FILE, consistently, even while factdb is serving."""
    from factdb.backup import backup

    app = _command_app()
    try:
        backup(database(app).engine, Path(file))
    except ValidationFailed as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Backed up {_safe_url(app)} to {file} ({Path(file).stat().st_size / 1e6:.1f} MB).")


@main.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(file: str, yes: bool) -> None:
    """Replace the SQLite database with the backup FILE (stop the server first)."""
    from factdb.backup import restore

    app = _command_app()
    if not yes:
        click.confirm(f"Replace everything in {_safe_url(app)} with {file}?", abort=True)
    try:
        restore(database(app).engine, Path(file))
    except ValidationFailed as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Restored {file}; {_upgrade(app)}")


@main.command("dump")
@click.argument("file", type=click.File("w", encoding="utf-8"))
@click.option(
    "--with-passwords",
    is_flag=True,
    help="Include password hashes (otherwise accounts need new passwords after a load).",
)
@with_appcontext
def dump_command(file, with_passwords: bool) -> None:
    """Write the whole database to FILE as versioned JSON (- for standard output)."""
    from factdb.transfer import dump

    app = _command_app()
    with database(app).reader() as session:
        counts = dump(session, file, with_passwords=with_passwords)
    click.echo(f"Dumped {sum(counts.values()):,} rows ({counts['claim']:,} claims).", err=True)


@main.command("load")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@with_appcontext
def load_command(file) -> None:
    """Read a dump into an empty database (SQLite or PostgreSQL), all in one transaction."""
    from factdb.transfer import load

    app = _command_app()
    _upgrade(app)
    try:
        with transaction(database(app).writer) as session:
            counts = load(session, file)
    except ValidationFailed as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Loaded {sum(counts.values()):,} rows ({counts['claim']:,} claims).")


@main.command("ingest")
@click.argument("file", type=click.File("rb"))
@click.option("--title", default="", help="The article's title (default: its first line).")
@click.option("--url", default="", help="Where the article was published.")
@click.option("--published", default="", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--outlet", default="", help="Newspaper, site or broadcaster.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be proposed.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@with_appcontext
def ingest_command(
    file, title: str, url: str, published: str, outlet: str, dry_run: bool, output_format: str
) -> None:
    """Read an article (text or HTML) and record its quotes, speakers and claims.

    With --dry-run --format json it prints {"quotes": [...], "claims": [...]}, where start
    and end are offsets into the article's text (for HTML, the text after the markup is removed).
    """
    import json

    from factdb.intake import AcceptedQuote, propose, record
    from factdb.intake.text import decode

    app = _command_app()
    try:
        raw = decode(file.read())
        with database(app).reader() as session:
            proposal = propose(session, raw)
    except ValidationFailed as error:
        raise click.ClickException(error.message) from error
    if dry_run:
        if output_format == "json":
            payload = {"quotes": [q.quote.to_json() for q in proposal.quotes], "claims": [
                {"text": c.text, "start": c.start, "end": c.end} for c in proposal.claims]}  # fmt: skip
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for item in proposal.quotes:
                who = item.quote.speaker or "(no speaker found)"
                matched = (
                    f" -> {item.speaker.source.name} [#{item.speaker.source.id}]"
                    if item.speaker.source
                    else " (new source)"
                    if item.quote.speaker
                    else ""
                )
                click.echo(f"QUOTE  {who}{matched}: “{item.quote.text}”")
            for claim in proposal.claims:
                click.echo(f"CLAIM  {claim.text}")
            click.echo(
                f"{len(proposal.quotes)} quotes, {len(proposal.claims)} candidate claims; nothing written (--dry-run)."
            )
        return
    from factdb.documents import DocumentInput
    from factdb.models import User
    from factdb.vocab import DocumentType

    first_line = next(
        (line.strip() for line in proposal.text.splitlines() if line.strip()), "Untitled article"
    )
    document = DocumentInput(
        title=title or first_line[:300], doc_type=DocumentType.NEWS_ARTICLE, url=url, published=published,
        container_title=outlet, full_text=proposal.text,
    )  # fmt: skip
    try:
        _upgrade(app)
        with transaction(database(app).writer) as session:
            from sqlalchemy import select

            user = session.scalar(select(User).where(User.active.is_(True)).order_by(User.id))
            if user is None:
                raise click.ClickException("Add a user first: factdb user add EMAIL --role editor")
            accepted = [
                AcceptedQuote(claim_text=q.quote.text, quote=q.quote.text, speaker=source_label(q.speaker.source) if q.speaker.source else (q.quote.speaker or ""),
                              speaker_role=q.quote.speaker_role or "", speaker_kind=q.speaker.suggested_kind, direct=q.quote.kind == "direct")
                for q in proposal.quotes
            ]  # fmt: skip
            result = record(session, user, document, accepted, [c.text for c in proposal.claims])
            summary = f"Recorded document #{result.document.id} with {len(result.claims)} claims."
    except ValidationFailed as error:
        raise click.ClickException("; ".join(error.fields.values()) or error.message) from error
    click.echo(summary)


@main.command("revision")
@click.argument("message")
@with_appcontext
def revision_command(message: str) -> None:
    """For developers: write a new migration from the difference between models and database."""
    from alembic import command

    app = _command_app()
    engine = database(app).engine
    if not migrate.is_up_to_date(engine):
        raise click.ClickException(
            "Upgrade the database first (factdb init): a revision is written against the latest schema."
        )
    config = migrate.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        script = command.revision(config, message=message, autogenerate=True)
    click.echo(
        f"Wrote {getattr(script, 'path', script)}: read it, fix what autogenerate cannot know, and give it a test."
    )


if __name__ == "__main__":
    main()
