"""`factdb ingest`: read an article and record its quotes, speakers and claims."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from factdb.cli.common import command_app, upgrade
from factdb.db import transaction
from factdb.errors import ValidationFailed
from factdb.sources import source_label
from factdb.web.database import database


@click.command("ingest")
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

    app = command_app()
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
        upgrade(app)
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


COMMANDS = [ingest_command]
