"""`factdb audit`: audit source attribution before publishing."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from factdb.cli.common import command_app
from factdb.web.database import database


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

    app = command_app()
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


COMMANDS = [audit_command]
