"""Manage accounts from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from factdb.cli import described
from factdb.cli.common import command_app, domain_errors, upgrade
from factdb.db import transaction
from factdb.vocab import Role
from factdb.web.database import database


@click.group("user")
@described("user")
def user_group() -> None: ...


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
    app = command_app(creates=True)
    upgrade(app)
    with domain_errors(), transaction(database(app).writer) as session:
        user = create_user(session, email=email, name=name, role=Role(role), password=password)
        summary = f"Added {user.email} as {user.role.value}."
    click.echo(summary)


def _new_password() -> str:
    """Asked for twice, hidden, at a terminal; one line of standard input when piped."""
    if sys.stdin.isatty():
        return click.prompt("New password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@user_group.command("list")
@with_appcontext
def user_list_command() -> None:
    """List the accounts: e-mail, role, active or disabled, name."""
    from factdb.users import is_command_line, list_users

    app = command_app()
    upgrade(app)
    with transaction(database(app).writer) as session:
        rows = [
            (user.email, user.role.value, "active" if user.active else "disabled", user.name)
            for user in list_users(session)
            if not is_command_line(user)
        ]
    width = max((len(email) for email, *_ in rows), default=0)
    for email, role, state, name in rows:
        click.echo(f"{email:<{width}}  {role:<8}  {state:<8}  {name}")
    if not rows:
        click.echo("No accounts yet: add one with `factdb user add EMAIL --role admin`.")


@user_group.command("set-password")
@click.argument("email")
@with_appcontext
def user_set_password_command(email: str) -> None:
    """Give an account a new password (a forgotten admin one too); its log-ins end."""
    from factdb.users import set_password

    password = _new_password()
    app = command_app(creates=True)
    upgrade(app)
    with domain_errors(), transaction(database(app).writer) as session:
        user = set_password(session, email, password)
        summary = f"New password set for {user.email}; its log-ins elsewhere have ended."
    click.echo(summary)


def _set_active(email: str, active: bool) -> None:
    from factdb.users import set_active

    app = command_app(creates=True)
    upgrade(app)
    with domain_errors(), transaction(database(app).writer) as session:
        user = set_active(session, email, active)
        summary = f"{user.email} is {'enabled' if active else 'disabled'}."
    click.echo(summary)


@user_group.command("disable")
@click.argument("email")
@with_appcontext
def user_disable_command(email: str) -> None:
    """Disable an account: it can no longer log in, and its log-ins end."""
    _set_active(email, False)


@user_group.command("enable")
@click.argument("email")
@with_appcontext
def user_enable_command(email: str) -> None:
    """Enable a disabled account again."""
    _set_active(email, True)


COMMANDS = [user_group]
