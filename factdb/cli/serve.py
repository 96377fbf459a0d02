"""Serve factdb, and load the demo data to try it."""

from __future__ import annotations

import errno
import ipaddress
import logging
import socket
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from factdb.cli import described
from factdb.cli.common import announce_database, command_app, describe_database, upgrade
from factdb.cli.jobs import embedded_consumer
from factdb.cli.located import DEMO_FILE
from factdb.db import transaction
from factdb.web.database import database


def _demo_app(app: Flask) -> Flask:
    """The app the demo runs in: its own database unless one was named.

    The demo's accounts share a published password; loaded into the default database they
    would stay in the one `factdb serve` later runs for real. A database named with
    FACTDB_DATABASE_URL is taken as asked.
    """
    if not app.config.get("DATABASE_URL_IS_DEFAULT"):
        return app
    from factdb import create_app
    from factdb.config import default_database_url

    demo = create_app({"DATABASE_URL": default_database_url(Path(app.instance_path), DEMO_FILE)})
    click.get_current_context().call_on_close(database(demo).engine.dispose)
    return demo


def _announce_demo(app: Flask, demo: Flask) -> None:
    """Say where the demo is, that the user's own database is elsewhere, and how to start for real."""
    announce_database(demo)
    if demo is not app:
        click.echo(
            f"  (the demo's own database; your own is {describe_database(app)}, untouched. "
            "To start for real: `factdb user add EMAIL --role admin`, then `factdb serve` "
            "without --demo)"
        )


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
@described("demo")
def demo_command() -> None:
    app = command_app(creates=True)
    demo = _demo_app(app)
    _announce_demo(app, demo)
    upgrade(demo)
    if not _load_demo(demo):
        raise click.ClickException(
            "The database already has records; the demo loads into an empty one only. "
            "Set FACTDB_DATABASE_URL to a new file to try it."
        )
    click.echo("Demo data loaded.")
    _print_demo_logins()


def _take_port(host: str, port: int) -> socket.socket:
    """Take the port before anything is announced or started, or say in one line why not."""
    try:
        (family, *_rest), *_others = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        return socket.create_server((host, port), family=family)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise click.ClickException(
                f"Port {port} on {host} is in use (is factdb already running?); "
                f"try another: --port {port + 1 if port < 65535 else 8000}."
            ) from error
        reason = error.strerror or str(error)
        raise click.ClickException(
            f"factdb cannot listen on {host} port {port} ({reason}); try another --host or --port."
        ) from error


def _is_loopback(host: str) -> bool:
    """Whether only this machine reaches `host` (a name that does not parse is not assumed so)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=5000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on (1–65535).",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 256), help="Worker threads."
)
@click.option("--demo", is_flag=True, help="Load the demo data first if the database is empty.")
@with_appcontext
@described("serve")
def serve_command(host: str, port: int, threads: int, demo: bool) -> None:
    from waitress import create_server

    app = command_app(creates=True)
    taken = _take_port(host, port)
    try:
        if demo:
            real, app = app, _demo_app(app)
            _announce_demo(real, app)
        else:
            announce_database(app)
        click.echo(upgrade(app))
        if demo:
            if _load_demo(app):
                click.echo("Demo data loaded.")
            _print_demo_logins()
            if not _is_loopback(host):
                click.secho(
                    f"Warning: the demo's accounts, an admin among them, share the published "
                    f"password above, and anyone who reaches {host} port {port} can log in with "
                    "it. Serve the demo on 127.0.0.1 (the default), or serve a database of your "
                    "own without --demo.",
                    err=True,
                    fg="yellow",
                )
        shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
        with embedded_consumer(app):
            click.echo(f"factdb is running at http://{shown_host}:{port}/  (Ctrl+C to stop)")
            logging.basicConfig()  # waitress's warnings (a full queue) reach the console
            create_server(app, sockets=[taken], threads=threads, ident="factdb").run()
    finally:
        taken.close()


COMMANDS = [serve_command, demo_command]
