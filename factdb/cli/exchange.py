"""Export citations, and import documents from reference managers' files."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

import click

from factdb import settings_of
from factdb.cli import described
from factdb.cli.common import (
    as_option,
    command_app,
    compared_database,
    domain_errors,
    progress_bar,
    tell_progress,
    with_database_app,
)
from factdb.cli.located import require_database
from factdb.db import make_engine, make_session_factory, transaction
from factdb.errors import ValidationFailed
from factdb.export.formats import CLAIM_REPORT_STYLES, FORMATS, describe
from factdb.users import acting_user
from factdb.wording import counted

if TYPE_CHECKING:
    from factdb.importer.model import ImportFailed


@click.command("export")
@click.option(
    "--format",
    "format_name",
    required=True,
    help=f"One of: {describe()}.",
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
    type=click.Choice(CLAIM_REPORT_STYLES),
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
@described("export")
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
    from factdb.claims import ClaimFilters
    from factdb.export import EMPTY_LIBRARY, NOTHING_TO_EXPORT, ExportSettings, export
    from factdb.export.formatted import RenderError
    from factdb.export.scope import export_scope, missing_from_scope
    from factdb.vocab import Status

    if format_name not in FORMATS:
        raise click.BadParameter(
            f"{format_name}; choose one of: {describe()}", param_hint="--format"
        )
    if status and status not in Status._value2member_map_:
        raise click.BadParameter(
            f"{status}; the statuses are: {', '.join(s.value for s in Status)}",
            param_hint="--status",
        )
    # No app is built: an export needs only the settings and the database, and building
    # the app imports every page (the article reader and its language model among them).
    config = settings_of()
    require_database(config)
    settings = ExportSettings.of(config)
    engine = make_engine(config["DATABASE_URL"], busy_timeout_ms=config["SQLITE_BUSY_TIMEOUT_MS"])
    click.get_current_context().call_on_close(engine.dispose)
    _collect_less()
    with make_session_factory(engine)() as session:
        missing = missing_from_scope(
            session, claim_ids=claim_ids, document_ids=document_ids, tag=tag
        )
        if missing:
            raise click.ClickException(" ".join(missing))
        scope = export_scope(
            session,
            claim_ids=claim_ids,
            document_ids=document_ids,
            filters=ClaimFilters(status=status, tag=tag),
        )
        try:
            result = export(
                session,
                format_name,
                claim_ids=scope.claim_ids,
                document_ids=scope.document_ids,
                citing=scope.citing,
                output=output,
                style=style,
                settings=settings,
                keep=True,
            )
            for warning in result.warnings:
                click.echo(f"Warning: {warning}", err=True)
            if scope.refuses(result.count):
                # Said, with a failing status, rather than an empty file a script takes as done.
                raise click.ClickException(NOTHING_TO_EXPORT)
            _write(result, output_file)
            if not result.count:
                click.echo(EMPTY_LIBRARY, err=True)
        except (ValidationFailed, RenderError) as error:
            raise click.ClickException(str(error)) from error


def _collect_less() -> None:
    """Let the garbage collector pass over what is loaded, and run it less often.

    An export makes millions of short-lived objects (rows, CSL items), and the collector,
    at its default pace, went over the whole heap again and again: a quarter of an export's
    processor time when every reference was kept. The command ends with the export, so
    what is frozen here is never missed.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _write(result, output_file: str | None) -> None:
    """Write the export as it is produced, with a progress bar when it goes to a file."""
    if not output_file:
        for chunk in result.chunks:
            click.echo(chunk, nl=False)
        return
    with (
        open(output_file, "w", encoding="utf-8", newline="") as handle,
        click.progressbar(result.chunks, label=f"Writing {output_file}", file=sys.stderr) as chunks,
    ):  # fmt: skip
        for chunk in chunks:
            handle.write(chunk)
    click.echo(
        f"Wrote {result.count} {FORMATS[result.format_name].counts} to {output_file}.", err=True
    )


@click.command("import")
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
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the entries that can be imported and name the others; by default one bad "
    "entry refuses the whole file.",
)
@click.option(
    "--verbose",
    is_flag=True,
    help="Name every entry and what became of it; by default only those with a note are named.",
)
@as_option
@with_database_app
@described("import")
def import_command(
    file: str,
    format_name: str | None,
    dry_run: bool,
    skip_invalid: bool,
    verbose: bool,
    as_email: str | None,
) -> None:
    """A real import names the entries that carry a note and sums up the rest (a file of
    thousands would otherwise print thousands of lines); --verbose and --dry-run name each.
    At a terminal, standard error shows what it is doing and a bar while it writes; into a
    log, a line of entries done every few seconds.
    """
    from pathlib import Path

    from factdb import importer
    from factdb.export.warming import keep_after_import
    from factdb.importer.summary import Tally, command_line
    from factdb.jobs.app import job_queue

    app = command_app(creates=True)
    data = Path(file).read_bytes()
    with domain_errors(), compared_database(app, dry_run=dry_run) as sessions:
        tell_progress(f"Reading {file}…")
        try:
            with transaction(sessions) as session:
                user = acting_user(session, as_email)
                found = importer.decode_file(data)
                text = found.text
                reading = importer.read(
                    text,
                    format_name or importer.detect_format(text, file),
                    skip_invalid=skip_invalid,
                    recoded=found.recoded,
                )
                references = counted(len(reading.references), "reference")
                tell_progress(f"Looking for {references} among the recorded documents…")
                items = importer.plan(session, reading.references)
                if not dry_run:
                    with progress_bar(len(items), "Importing") as progress:
                        result = importer.apply(session, user, items, progress)
                    keep_after_import(job_queue(app), session, user, len(result.created))
        except importer.ImportFailed as error:
            for problem in error.problems:
                click.echo(f"{file}: {problem}", err=True)
            raise click.ClickException(_refused_import(error, skip_invalid)) from error
    for problem in reading.skipped:
        click.echo(f"{file}: skipped {problem}", err=True)
    _name_entries(items, dry_run=dry_run, every=verbose or dry_run)
    click.echo(command_line(Tally.of(items), len(reading.skipped), dry_run=dry_run))
    people = importer.same_people_summary(items)
    if people:
        click.echo(people + ".")


#: Entries with a note a real import names without --verbose; the rest are counted.
NOTED_SHOWN = 50


def _refused_import(error: ImportFailed, skip_invalid: bool) -> str:
    """Nothing was written; say how to go on when only some entries are at fault."""
    if skip_invalid or not error.readable:
        return "Nothing was imported."
    return (
        f"Nothing was imported: correct the entries named above, or import the other "
        f"{counted(error.readable, 'entry', 'entries')} with --skip-invalid (add --dry-run "
        "first to see what it would leave out)."
    )


def _name_entries(items: list, *, dry_run: bool, every: bool) -> None:
    """One line per entry and what became of it, with its notes: every one, or the noted ones."""
    shown = items if every else [item for item in items if item.reference.notes]
    for item in shown if every else shown[:NOTED_SHOWN]:
        reference = item.reference
        if item.match is not None:
            what = f"matches document #{item.match.id} (same {item.reason})"
            if item.fills:
                what += f"; fills {', '.join(name.replace('_', ' ') for name in item.fills)}"
        elif item.duplicate_of is not None:
            what = "same as an earlier entry in this file"
        else:
            what = "new" if dry_run else "created"
        click.echo(f"line {reference.line:>5}  {what:<40} {reference.document.title[:70]}")
        for note in reference.notes:
            click.echo(f"{'':>12}note: {note}")
    if not every and len(shown) > NOTED_SHOWN:
        more = counted(len(shown) - NOTED_SHOWN, "more entry", "more entries")
        click.echo(f"… and {more} with notes: --verbose names every entry.")


COMMANDS = [export_command, import_command]
