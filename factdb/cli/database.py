"""Commands that look after the database itself: create, copy, move, and write migrations."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from factdb import migrate
from factdb.cli import described
from factdb.cli.common import (
    announce_database,
    command_app,
    domain_errors,
    safe_url,
    upgrade,
)
from factdb.db import transaction
from factdb.web.database import database
from factdb.wording import counted


@click.command("init")
@with_appcontext
@described("init")
def init_command() -> None:
    app = command_app(creates=True)
    announce_database(app, create_folder=True)
    click.echo(upgrade(app))


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
@described("backup")
def backup_command(file: str) -> None:
    from factdb.backup import backup

    app = command_app()
    with domain_errors():
        backup(database(app).engine, Path(file))
    click.echo(f"Backed up {safe_url(app)} to {file} ({Path(file).stat().st_size / 1e6:.1f} MB).")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
@described("restore")
def restore_command(file: str, yes: bool) -> None:
    from factdb.backup import refuse_if_in_use, restore

    app = command_app(creates=True)
    with domain_errors():
        refuse_if_in_use(database(app).engine)
    if not yes:
        click.confirm(f"Replace everything in {safe_url(app)} with {file}?", abort=True)
    with domain_errors():
        restore(database(app).engine, Path(file))
    click.echo(f"Restored {file}; {upgrade(app)}")


@click.command("dump")
@click.argument("file", type=click.File("w", encoding="utf-8"))
@click.option(
    "--with-passwords",
    is_flag=True,
    help="Include password hashes (otherwise accounts need new passwords after a load).",
)
@with_appcontext
@described("dump")
def dump_command(file, with_passwords: bool) -> None:
    from factdb.transfer import dump

    app = command_app()
    with database(app).reader() as session:
        counts = dump(session, file, with_passwords=with_passwords)
    click.echo(
        f"Dumped {counted(sum(counts.values()), 'row')} ({counted(counts['claim'], 'claim')}).",
        err=True,
    )


@click.command("load")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@with_appcontext
@described("load")
def load_command(file) -> None:
    from factdb.transfer import load

    app = command_app(creates=True)
    upgrade(app)
    with domain_errors(), transaction(database(app).writer) as session:
        counts = load(session, file)
    click.echo(
        f"Loaded {counted(sum(counts.values()), 'row')} ({counted(counts['claim'], 'claim')})."
    )


@click.command("revision", hidden=True)
@click.argument("message")
@with_appcontext
def revision_command(message: str) -> None:
    """For developers: write a new migration from the difference between models and database."""
    from alembic import command

    app = command_app()
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


COMMANDS = [
    init_command,
    backup_command,
    restore_command,
    dump_command,
    load_command,
    revision_command,
]
