"""The `factdb` command: one module per job, gathered into one group here."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup
from sqlalchemy.exc import OperationalError

from factdb import create_app, settings_of
from factdb.cli import audit, capture, database, devtools, exchange, ingest, jobs, serve, users
from factdb.cli.located import unopened
from factdb.errors import DatabaseUnusable


def _app_factory() -> Flask:
    return create_app()


class FactdbGroup(FlaskGroup):
    """Flask's command group with factdb's commands only.

    Flask's group builds the app to list the commands plugins and the app add, and offers
    --app, --env-file and --debug; factdb has neither plugins nor those uses, and building
    the app made `factdb --help` cost 3 s. A command still gets the app when it asks
    (`with_appcontext`).
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.params = [param for param in self.params if param.name not in _FLASK_OPTIONS]

    def invoke(self, ctx: click.Context) -> object:
        """Run a command; a database URL it cannot use is said in one line, not a traceback."""
        try:
            return super().invoke(ctx)
        except DatabaseUnusable as unusable:
            raise click.ClickException(unusable.message) from unusable
        except OperationalError as unreachable:
            reason = str(unreachable.orig or unreachable).strip().splitlines()[0]
            raise click.ClickException(unopened(settings_of(), reason)) from unreachable

    def list_commands(self, ctx: click.Context) -> list[str]:
        return click.Group.list_commands(self, ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return click.Group.get_command(self, ctx, name)


_FLASK_OPTIONS = frozenset({"env_file", "app", "debug"})


@click.group(
    cls=FactdbGroup, create_app=_app_factory, add_default_commands=False, add_version_option=False
)
@click.version_option(package_name="factdb")
def main() -> None:
    """factdb: record claims, their sources and their review."""


for _module in (database, serve, jobs, users, audit, exchange, ingest, capture, devtools):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
