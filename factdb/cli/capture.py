"""`factdb capture` and `factdb recheck`: keep a web page as evidence, and watch it later."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from factdb.cli import described
from factdb.cli.common import as_option, command_app
from factdb.db import transaction
from factdb.users import acting_user
from factdb.web.database import database
from factdb.wording import counted


@click.command("capture")
@click.argument("url")
@click.option("--claim", "claim_id", type=int, default=None, help="Cite the page on this claim.")
@as_option
@with_appcontext
@described("capture")
def capture_command(url: str, claim_id: int | None, as_email: str | None) -> None:
    from factdb.capture.archive import archiving_enabled
    from factdb.capture.fetch import FetchError
    from factdb.capture.service import (
        capture_url,
        create_from_capture,
        recorded_document,
        store_capture,
    )
    from factdb.claims import ClaimInput
    from factdb.claims.queries import get_claim
    from factdb.claims.write import CitationInput, save_claim, unchanged_citations
    from factdb.errors import FactdbError
    from factdb.jobs.app import job_queue

    app = command_app()
    try:
        result = capture_url(url, app.config)
    except FetchError as error:
        raise click.ClickException(error.message) from error
    try:
        with transaction(database(app).writer) as session:
            user = acting_user(session, as_email)
            user_id = user.id
            capture = store_capture(session, result, app.config, user_id=user.id)
            known = recorded_document(session, capture) is not None
            document = create_from_capture(session, user, capture)
            if claim_id is not None:
                claim = get_claim(session, claim_id)
                data = ClaimInput(
                    text=claim.text, context=claim.context, tags=[t.name for t in claim.tags],
                    citations=[*unchanged_citations(claim), CitationInput(document_id=document.id)],
                )  # fmt: skip
                save_claim(session, user, data, claim_id=claim.id,
                           expected_version=claim.version)  # fmt: skip
            document_id, capture_id, title = document.id, capture.id, document.title
    except FactdbError as error:
        raise click.ClickException(error.message) from error
    extracted = result.extracted
    click.echo(f"Document #{document_id}: {title}")
    if known:
        click.echo("  already recorded: the capture is kept as its evidence")
    for label, value in (
        ("authors", "; ".join(extracted.authors)),
        ("outlet", extracted.container_title),
        ("published", extracted.published),
        ("language", extracted.language),
        ("final URL", result.page.final_url),
        ("text", counted(len(extracted.text.split()), "word")),
        ("body SHA-256", result.body_sha256),
        ("text SHA-256", result.text_sha256),
        ("WARC", f"{len(result.warc):,} bytes (capture #{capture_id})"),
    ):
        if value:
            click.echo(f"  {label:<13} {value}")
    if claim_id is not None:
        click.echo(f"  cited on claim #{claim_id}")
    if archiving_enabled(app.config):
        job = job_queue(app).submit_now("archive", {"capture_id": capture_id}, user_id=user_id)
        click.echo(f"  archive copy requested (job #{job.id}; a worker or `factdb serve` runs it)")


@click.command("recheck")
@click.option(
    "--older-than", default=None, help="Only documents not checked within this age (30d, 12h, 2w)."
)
@click.option(
    "--document", "document_ids", type=int, multiple=True, help="Only this document (repeatable)."
)
@click.option(
    "--connections", type=click.IntRange(1, 64), default=None, help="Pages fetched at once."
)
@click.option(
    "--per-host",
    type=click.IntRange(1, 16),
    default=None,
    help="Pages fetched at once from one host.",
)
@with_appcontext
@described("recheck")
def recheck_command(
    older_than: str | None,
    document_ids: tuple[int, ...],
    connections: int | None,
    per_host: int | None,
) -> None:
    import time

    from factdb.capture.recheck import parse_age, recheck, select_targets, summarise

    app = command_app()
    try:
        age = parse_age(older_than) if older_than else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--older-than") from error
    with database(app).reader() as session:
        targets = select_targets(session, older_than=age, document_ids=document_ids)
    if not targets:
        click.echo("No document with a web address to check.")
        return
    started = time.monotonic()
    with click.progressbar(length=len(targets), label="Checking", show_pos=True) as bar:
        seen = [0]

        def progress(done: int, _total: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        counts = recheck(database(app).writer, targets, app.config, connections=connections,
                         per_host=per_host, progress=progress)  # fmt: skip
    elapsed = time.monotonic() - started
    summary = summarise(counts)
    click.echo(f"Checked {counted(len(targets), 'document')} in {elapsed:.1f} s: {summary}.")


COMMANDS = [capture_command, recheck_command]


@click.command("bench-capture")
@click.option("--documents", default=1000, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--hosts", default=4, show_default=True, type=click.IntRange(1, 32))
@click.option("--connections", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--per-host", default=2, show_default=True, type=click.IntRange(1, 16))
@described("bench-capture")
def bench_capture_command(documents: int, hosts: int, connections: int, per_host: int) -> None:
    from factdb.devtools.capture_bench import run

    run(documents, hosts, connections, per_host, echo=click.echo)


COMMANDS.append(bench_capture_command)
