"""Serve factdb, and load the demo data to try it."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from factdb.cli.common import announce_database, command_app, upgrade
from factdb.cli.jobs import embedded_consumer
from factdb.db import transaction
from factdb.web.database import database


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


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo dataset (a fictional analysis piece) into an empty database."""
    app = command_app()
    announce_database(app)
    upgrade(app)
    if not _load_demo(app):
        raise click.ClickException(
            "The database already has records; the demo loads into an empty one only. "
            "Set FACTDB_DATABASE_URL to a new file to try it."
        )
    click.echo("Demo data loaded.")
    _print_demo_logins()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
@click.option("--demo", is_flag=True, help="Load the demo data first if the database is empty.")
@with_appcontext
def serve_command(host: str, port: int, threads: int, demo: bool) -> None:
    """Serve factdb (waitress) with its own background-job worker, upgrading the database first."""
    from waitress import serve

    app = command_app()
    announce_database(app)
    click.echo(upgrade(app))
    if demo:
        if _load_demo(app):
            click.echo("Demo data loaded.")
        _print_demo_logins()
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
    with embedded_consumer(app):
        click.echo(f"factdb is running at http://{shown_host}:{port}/  (Ctrl+C to stop)")
        serve(app, host=host, port=port, threads=threads, ident="factdb")


COMMANDS = [serve_command, demo_command]
