"""What every command shares: the app it runs in, the upgrade, and how errors are told."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Flask, current_app

from factdb import migrate
from factdb.errors import FactdbError, ValidationFailed
from factdb.web.database import database


def command_app() -> Flask:
    """The app of the running command; its connections close when the command ends."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    click.get_current_context().call_on_close(database(app).engine.dispose)
    return app


def upgrade(app: Flask) -> str:
    """Bring the database to the latest migration; say what happened."""
    engine = database(app).engine
    before = migrate.current_revision(engine)
    migrate.upgrade(engine)
    after = migrate.current_revision(engine)
    if before == after:
        return f"Database is up to date (revision {after})."
    return f"Database upgraded from {before or 'empty'} to revision {after}."


def safe_url(app: Flask) -> str:
    """The database URL with its password hidden, for messages."""
    return database(app).engine.url.render_as_string(hide_password=True)


def message_of(error: FactdbError) -> str:
    """What a domain error says on the command line: each field's problem, or its message."""
    if isinstance(error, ValidationFailed) and error.fields:
        return "; ".join(error.fields.values())
    return error.message


@contextmanager
def domain_errors() -> Iterator[None]:
    """Turn the domain's errors into the command's error message and exit status 1."""
    try:
        yield
    except FactdbError as error:
        raise click.ClickException(message_of(error)) from error
