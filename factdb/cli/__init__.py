"""The `factdb` command: one module per job, gathered into one group here."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click
from flask.cli import FlaskGroup

from factdb.errors import DatabaseUnusable

if TYPE_CHECKING:
    from flask import Flask

#: Each command's module and name, and the line `factdb --help` shows for it. A command's
#: module is imported only when the command runs (or shows its own help): importing them all
#: loaded the models, the pages and the exports, and made `factdb --help` take seconds. So
#: the line is written here only, and opens the command's own help through `described` (a
#: hidden command has none).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "audit": (
        "audit",
        "audit_command",
        "Print the audit findings; exit 1 when there are findings at or above --fail-on.",
    ),
    "backup": (
        "database",
        "backup_command",
        "Copy the SQLite database to FILE, consistently, even while factdb is serving.",
    ),
    "bench": (
        "devtools",
        "bench_command",
        "Build a synthetic database and print p50/p95 latency of the main pages.",
    ),
    "bench-capture": (
        "capture",
        "bench_capture_command",
        "Time capture of a 200 KB page and recheck of many documents on a loopback site.",
    ),
    "capture": (
        "capture",
        "capture_command",
        "Fetch URL, record it as a document with its text, and keep the WARC as evidence.",
    ),
    "demo": (
        "serve",
        "demo_command",
        "Load the demo dataset (a fictional analysis piece) into an empty database.",
    ),
    "dump": (
        "database",
        "dump_command",
        "Write the whole database to FILE as versioned JSON (- for standard output).",
    ),
    "export": (
        "exchange",
        "export_command",
        "Export citations: everything, or the claims and documents chosen.",
    ),
    "import": (
        "exchange",
        "import_command",
        "Import documents from a BibTeX, RIS or CSL-JSON file, without creating duplicates.",
    ),
    "ingest": (
        "ingest",
        "ingest_command",
        "Read an article (text or HTML) and record its quotes, speakers and claims.",
    ),
    "init": (
        "database",
        "init_command",
        "Create the database, or upgrade it to the latest schema.",
    ),
    "jobs": ("jobs", "jobs_group", "List, cancel and check background jobs."),
    "load": (
        "database",
        "load_command",
        "Read a dump into an empty database (SQLite or PostgreSQL), all in one transaction.",
    ),
    "loadtest": (
        "devtools",
        "loadtest_command",
        "Serve a bench database with gunicorn on loopback and measure it under load.",
    ),
    "recheck": (
        "capture",
        "recheck_command",
        "Visit documents' URLs again and record whether each is alive, changed, moved or gone.",
    ),
    "restore": (
        "database",
        "restore_command",
        "Replace the SQLite database with the backup FILE; refused while anything has it open.",
    ),
    "revision": ("database", "revision_command", ""),
    "serve": (
        "serve",
        "serve_command",
        "Serve factdb (waitress) with its own background-job worker, upgrading the database first.",
    ),
    "source": ("sources", "source_group", "Manage sources."),
    "user": ("users", "user_group", "Manage accounts."),
    "worker": (
        "jobs",
        "worker_command",
        "Run background jobs apart from the web server (as many of these as you like).",
    ),
}


Function = TypeVar("Function", bound=Callable[..., object])


def described(name: str) -> Callable[[Function], Function]:
    """Open a command's docstring (its help) with the line COMMANDS gives it.

    Put nearest the function, so that the decorators wrapping it copy the whole help.
    """

    def describe(function: Function) -> Function:
        details = inspect.cleandoc(function.__doc__ or "")
        function.__doc__ = f"{COMMANDS[name][2]}\n\n{details}".strip()
        return function

    return describe


def _app_factory() -> Flask:
    from factdb import create_app

    return create_app()


def load_command(name: str) -> click.Command:
    """Import the module of one command and return the command."""
    module, attribute, _ = COMMANDS[name]
    return getattr(importlib.import_module(f"factdb.cli.{module}"), attribute)


class FactdbGroup(FlaskGroup):
    """Flask's command group with factdb's commands only, each imported when it is used.

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
        from sqlalchemy.exc import OperationalError

        try:
            return super().invoke(ctx)
        except DatabaseUnusable as unusable:
            raise click.ClickException(unusable.message) from unusable
        except OperationalError as unreachable:
            from factdb import settings_of
            from factdb.cli.located import unopened

            reason = str(unreachable.orig or unreachable).strip().splitlines()[0]
            raise click.ClickException(unopened(settings_of(), reason)) from unreachable

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return load_command(name) if name in COMMANDS else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands from COMMANDS, importing none of them."""
        rows = [(name, line) for name, (_, _, line) in sorted(COMMANDS.items()) if line]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


_FLASK_OPTIONS = frozenset({"env_file", "app", "debug"})


@click.group(
    cls=FactdbGroup, create_app=_app_factory, add_default_commands=False, add_version_option=False
)
@click.version_option(package_name="factdb")
def main() -> None:
    """factdb: record claims, their sources and their review."""


__all__ = ["main"]
