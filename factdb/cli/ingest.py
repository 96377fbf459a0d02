"""`factdb ingest`: read an article and record its quotes, speakers and claims."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

import click
from flask import Flask

from factdb.cli import described
from factdb.cli.common import (
    as_option,
    command_app,
    domain_errors,
    progress_bar,
    tell_progress,
    upgrade,
    with_database_app,
)
from factdb.db import transaction
from factdb.errors import ValidationFailed
from factdb.text import read_partial_date
from factdb.users import acting_user
from factdb.vocab import DocumentType
from factdb.web.database import database
from factdb.wording import counted


@click.command("ingest")
@click.argument("file", type=click.File("rb"))
@click.option("--title", default="", help="The article's title (default: its first line).")
@click.option("--url", default="", help="Where the article was published.")
@click.option(
    "--published",
    default="",
    help='Publication date: YYYY-MM-DD, YYYY-MM or YYYY, or written out ("31 July 2013").',
)
@click.option(
    "--outlet",
    default="",
    help="Newspaper, site or broadcaster; for a press release, report, book, thesis or "
    "dataset, the body that issued it (its publisher).",
)
@click.option(
    "--type",
    "doc_type",
    type=click.Choice([kind.value for kind in DocumentType]),
    default=DocumentType.NEWS_ARTICLE.value,
    show_default=True,
    help="The document's type.",
)
@click.option(
    "--author",
    "authors",
    multiple=True,
    help="An author of the article, as the document form takes one (repeat for each, in order). "
    "Default: those its byline or author meta tags name.",
)
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be proposed.")
@click.option(
    "--all",
    "record_all",
    is_flag=True,
    help="Also record the proposals the review page leaves unticked (vague or unsure speakers, "
    "reported speech, candidate claims); quotes nobody is named for never are.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@as_option
@with_database_app
@described("ingest")
def ingest_command(
    file,
    title: str,
    url: str,
    published: str,
    outlet: str,
    doc_type: str,
    authors: tuple[str, ...],
    dry_run: bool,
    record_all: bool,
    output_format: str,
    as_email: str | None,
) -> None:
    """With --dry-run --format json it prints {"authors": [...], "quotes": [...], "claims": [...]}, where start
    and end are offsets into the article's text (for HTML, the text after the markup is removed).
    """
    try:  # the same reading for a dry run and a real one
        published = read_partial_date(published)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--published") from error
    app = command_app(creates=True)  # a first dry run may come before any database
    try:
        proposal, document, existing = _read(
            app, file.read(), title, url, published, (DocumentType(doc_type), outlet), list(authors)
        )
    except ValidationFailed as error:  # the whole message: it says what the file should be
        raise click.ClickException(error.message) from error
    # Only what the review page would tick is recorded unseen; quotes with no speaker never
    # are: recording them as the article's own words would be a false attribution.
    chosen = [q for q in proposal.quotes if q.starts_ticked or (record_all and not q.needs_speaker)]
    claims = proposal.claims if record_all else []
    if dry_run:  # shows what a real run with the same options would leave out
        _show(proposal, document, existing, output_format, chosen, claims)
        return
    from factdb.intake import nothing_accepted

    if nothing_accepted(chosen, [c.text for c in claims]):  # a stub nobody asked for
        raise click.ClickException(NOTHING_TO_RECORD)
    with domain_errors():
        click.echo(_record(app, as_email, proposal, document, chosen, claims))
    _say_left_out(proposal, chosen, claims)


NOTHING_TO_RECORD = (
    "Nothing was recorded: no quote has a speaker sure enough to record unseen. Review the "
    "article with “Read an article” in the browser, or record the unsure quotes and the "
    "candidate claims too with --all."
)


def _say_left_out(proposal: Any, chosen: list, claims: list) -> None:
    """Say how many proposals were not recorded and how to record them."""
    unnamed = sum(q.needs_speaker for q in proposal.quotes)
    unsure = len(proposal.quotes) - len(chosen) - unnamed
    left = len(proposal.claims) - len(claims)
    if unsure or left:
        parts = [counted(unsure, "quote")] if unsure else []
        parts += [counted(left, "candidate claim")] if left else []
        were = "was" if unsure + left == 1 else "were"
        click.echo(
            f"{' and '.join(parts)} {were} left out (unsure, vague or not a quote); review them "
            "with “Read an article” in the browser, or record them too with --all."
        )
    if unnamed:
        click.echo(
            f"{counted(unnamed, 'quote')} without a speaker {'was' if unnamed == 1 else 'were'} "
            "not recorded; review them with “Read an article” in the browser."
        )


def _read(
    app: Flask,
    data: bytes,
    title: str,
    url: str,
    published: str,
    outlet: tuple[DocumentType, str],
    authors: list[str],
) -> tuple:
    """Read the article; return the proposal, its document, and the same document if recorded."""
    from factdb.article_text import decode, prepare

    raw = decode(data)
    prepare(raw)  # a text too long is refused before the language model is loaded

    from factdb.documents import DocumentInput, outlet_fields
    from factdb.intake import propose
    from factdb.intake.byline import proposed_authors
    from factdb.intake.recorded import recorded_article

    # The reading takes seconds on a long article (and loads a language model first).
    tell_progress(f"Reading {counted(len(raw.split()), 'word')}…")
    upgrade(app)  # a first dry run may come before anything made the database
    with database(app).reader() as session:
        bars = _PhaseBars()
        try:
            proposal = propose(session, raw, progress=bars)
        finally:
            bars.close()
        first_line = next(
            (line.strip() for line in proposal.text.splitlines() if line.strip()),
            "Untitled article",
        )
        document = DocumentInput(
            title=title or first_line[:300], doc_type=outlet[0], url=url, published=published,
            **outlet_fields(*outlet), full_text=proposal.text, authors=proposed_authors(raw, authors),
        )  # fmt: skip
        existing, reason = recorded_article(session, document)
    return proposal, document, (existing, reason) if existing is not None else None


def _show(
    proposal: Any,
    document: Any,
    existing: tuple | None,
    output_format: str,
    chosen: list,
    claims: list,
) -> None:
    """Print what was proposed (--dry-run), as text or JSON, marking what a real run leaves out."""
    if output_format == "json":
        payload = {"authors": document.authors, "quotes": [q.quote.to_json() for q in proposal.quotes], "claims": [
            {"text": c.text, "start": c.start, "end": c.end} for c in proposal.claims]}  # fmt: skip
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    recorded = {id(item) for item in [*chosen, *claims]}
    for author in document.authors:
        click.echo(f"AUTHOR {author}")
    for item in proposal.quotes:
        who = item.quote.speaker or "(no speaker found)"
        click.echo(
            f"QUOTE  {who}{_matched(item)} [{item.quote.confidence:.2f}]: “{item.quote.text}”"
            + _left_out(item, recorded)
        )
    for claim in proposal.claims:
        click.echo(f"CLAIM  {claim.text}{_left_out(claim, recorded)}")
    if existing is not None:
        click.echo(f"Already recorded as document #{existing[0].id} (same {existing[1]}).")
    click.echo(
        f"{counted(len(proposal.quotes), 'quote')}, {counted(len(proposal.claims), 'candidate claim')}; nothing written (--dry-run)."
    )
    unsure = len(proposal.quotes) - len(chosen) - sum(q.needs_speaker for q in proposal.quotes)
    unclaimed = len(proposal.claims) - len(claims)
    left = [counted(unsure, "quote")] if unsure else []
    left += [counted(unclaimed, "candidate claim")] if unclaimed else []
    are = "is" if unsure + unclaimed == 1 else "are"
    if not chosen and not claims:
        click.echo(f"A real run records nothing{' without --all' if left else ''}.")
        return
    click.echo(
        f"A real run records {counted(len(chosen), 'quote')}"
        + (f" and {counted(len(claims), 'candidate claim')}" if claims else "")
        + (f"; {' and '.join(left)} {are} left out without --all." if left else ".")
    )


def _left_out(item: Any, recorded: set[int]) -> str:
    """The mark of a proposal a real run would not record, and why."""
    if id(item) in recorded:
        return ""
    if getattr(item, "needs_speaker", False):
        return " — never recorded: nobody is named for it"
    return " — left out without --all"


def _matched(item: Any) -> str:
    """How a quote's speaker was matched: the source found, vague, new, or nothing."""
    if item.speaker.source:
        return f" -> {item.speaker.label}"
    if item.vague:
        return " (vague)"
    if item.speaker.doubt:
        return f" (new source, unsure: {item.speaker.doubt})"
    return " (new source)" if item.quote.speaker else ""


def _record(
    app: Flask, as_email: str | None, proposal: Any, document: Any, chosen: list, claims: list
) -> str:
    """Record the document, the chosen quotes and candidate claims; say what was done."""
    from factdb.intake import AcceptedQuote, record
    from factdb.intake.review import claim_sentence

    upgrade(app)
    with transaction(database(app).writer) as session:
        user = acting_user(session, as_email)
        accepted = [
            AcceptedQuote(claim_text=claim_sentence(proposal.text, q.quote), quote=q.quote.text, speaker=q.recorded_speaker,
                          speaker_role=q.recorded_role, speaker_kind=q.speaker.suggested_kind,
                          direct=q.quote.kind == "direct", vague=q.vague)
            for q in chosen
        ]  # fmt: skip
        result = record(session, user, document, accepted, [c.text for c in claims])
        where = "Added to" if result.merged else "Recorded"
        kept = f"; {result.skipped} already recorded from it left out" if result.skipped else ""
        by = f" by {'; '.join(document.authors)}" if document.authors and not result.merged else ""
        said = f"{where} document #{result.document.id}{by} with {counted(len(result.claims), 'claim')}{kept}."
        return f"{said} {result.authors_note}" if result.authors_note else said


#: A phase of fewer steps than this gets no bar (a short article is read in a moment).
SHORT = 200


class _PhaseBars:
    """A bar for each phase of the reading on standard error (standard output may be JSON),
    or into a log a line every few seconds: parsing is only the first of six phases."""

    def __init__(self) -> None:
        self.phase = ""
        self.bar: ExitStack | None = None
        self.update: Callable[[int], None] | None = None

    def __call__(self, done: int, total: int, phase: str) -> None:
        from factdb.intake.progress import UNITS

        if phase != self.phase:
            self.close()
            self.phase = phase
            if total >= SHORT:
                self.bar = ExitStack()
                self.update = self.bar.enter_context(
                    progress_bar(total, phase, UNITS.get(phase, "steps"))
                )
        if self.update is not None and done:
            self.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar = self.update = None


COMMANDS = [ingest_command]
