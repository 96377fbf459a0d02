"""`factdb audit`: audit source attribution before publishing."""

from __future__ import annotations

import sys
from dataclasses import replace

import click

from factdb import settings_of
from factdb.cli import described
from factdb.cli.located import require_database
from factdb.wording import counted


@click.command("audit")
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
    "--cited-only",
    is_flag=True,
    help="Leave out findings about documents no claim cites (such as an imported library's).",
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
@click.option(
    "--rebuild",
    is_flag=True,
    help="Recompute every finding first (after loading data by other means, or to check).",
)
@described("audit")
def audit_command(
    output_format: str,
    rules: tuple[str, ...],
    claim_ids: tuple[int, ...],
    document_id: int | None,
    source_id: int | None,
    cited_only: bool,
    fail_on: str,
    output,
    rebuild: bool,
) -> None:
    """Findings are kept up to date with every write; this reads them (`--rebuild`
    recomputes them all first).
    """
    import time

    from sqlalchemy import func, select

    from factdb.audit import RULES, Severity, kept, maintained
    from factdb.audit.rebuild import rebuild as rebuild_findings
    from factdb.audit.report import write_findings
    from factdb.audit.scope import audit_scope, missing_records
    from factdb.claims import ClaimFilters
    from factdb.db import make_engine, make_session_factory, transaction
    from factdb.models import Claim

    unknown = [rule for rule in rules if rule.upper() not in RULES]
    if unknown:
        raise click.BadParameter(
            f"{unknown[0]}; the rules are: {', '.join(RULES)}", param_hint="--rule"
        )
    # No app is built: the audit reads the kept findings, and building the app imports every
    # page (the article reader among them), 11 of the 12.7 s `factdb audit --claim 13` took.
    config = settings_of()
    require_database(config)
    engine = make_engine(config["DATABASE_URL"], busy_timeout_ms=config["SQLITE_BUSY_TIMEOUT_MS"])
    click.get_current_context().call_on_close(engine.dispose)
    reader, writer = make_session_factory(engine), make_session_factory(engine, write=True)
    if rebuild:
        started, cpu = time.perf_counter(), time.process_time()
        with transaction(writer) as session:
            if sys.stderr.isatty():
                total = session.scalar(select(func.count()).select_from(Claim)) or 0
                with click.progressbar(length=total, label="Rebuilding", file=sys.stderr) as bar:
                    count = rebuild_findings(session, progress=bar.update)
            else:
                count = rebuild_findings(session)
        click.echo(
            f"Rebuilt {counted(count, 'finding')} in {time.perf_counter() - started:.1f} s "
            f"({time.process_time() - cpu:.1f} s CPU).",
            err=True,
        )
    with reader() as session:
        missing = missing_records(
            session, claim_ids=claim_ids, document_id=document_id, source_id=source_id
        )
        if missing:
            raise click.BadParameter(f"No {', no '.join(missing)}: check the id.")
        maintained.ensure_current(session, writer)
        scope = audit_scope(
            session,
            claim_ids=claim_ids,
            filters=ClaimFilters(document_id=document_id, source_id=source_id),
        )
        if cited_only:
            scope = replace(scope, cited_only=True)
        selected = [rule.upper() for rule in rules]
        by_rule = kept.counts_by_rule(session, scope)
        if selected:
            by_rule = {rule: count for rule, count in by_rule.items() if rule in selected}
        write_findings(kept.stream(session, scope, rules=selected), output_format, output)
    by_severity = kept.counts_by_severity(by_rule)
    summary = ", ".join(
        f"{by_severity[severity]} {severity.value}"
        for severity in Severity
        if severity in by_severity
    )
    click.echo(f"{counted(sum(by_rule.values()), 'finding')} ({summary or 'none'}).", err=True)
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(severity.rank >= threshold for severity in by_severity):
            raise SystemExit(1)


COMMANDS = [audit_command]
