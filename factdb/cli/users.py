"""Manage accounts from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from factdb.cli.common import command_app, domain_errors, upgrade
from factdb.db import transaction
from factdb.vocab import Role
from factdb.web.database import database


@click.group("user")
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
    app = command_app()
    upgrade(app)
    with domain_errors(), transaction(database(app).writer) as session:
        user = create_user(session, email=email, name=name, role=Role(role), password=password)
        summary = f"Added {user.email} as {user.role.value}."
    click.echo(summary)


COMMANDS = [user_group]
