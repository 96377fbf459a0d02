"""The `factdb` command: one module per job, gathered into one group here."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup

from factdb import create_app
from factdb.cli import audit, capture, database, devtools, exchange, ingest, jobs, serve, users


def _app_factory() -> Flask:
    return create_app()


@click.group(
    cls=FlaskGroup, create_app=_app_factory, add_default_commands=False, add_version_option=False
)
@click.version_option(package_name="factdb")
def main() -> None:
    """factdb: record claims, their sources and their review."""


for _module in (database, serve, jobs, users, audit, exchange, ingest, capture, devtools):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
