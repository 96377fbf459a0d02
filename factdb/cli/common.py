"""What every command shares: the app it runs in, the upgrade, and how errors are told."""

from __future__ import annotations

import functools
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from flask import Flask, current_app

from factdb.cli.located import require_database, sqlite_path
from factdb.errors import FactdbError, ValidationFailed

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from factdb.web.database import Database


def database(app: Flask) -> Database:
    """The app's database handle; imported when a command runs, so that help stays quick."""
    from factdb.web.database import database as handle

    return handle(app)


Command = TypeVar("Command", bound=Callable[..., Any])


def with_database_app(command: Command) -> Command:
    """Run `command` in an app with the database and the job queue, and no pages.

    Flask's `with_appcontext` builds the whole web app, every page and the article reader
    among them: seconds that a command which only reads and writes records never uses.
    """

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from factdb import create_app

        with create_app(pages=False).app_context():
            return command(*args, **kwargs)

    return run  # type: ignore[return-value]


def command_app(*, creates: bool = False) -> Flask:
    """The app of the running command; its connections close when the command ends.

    Only a command that `creates` the database (and migrates it) may find none there;
    any other is refused with where it looked, before SQLite makes an empty file.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not creates:
        require_database(dict(app.config))
    click.get_current_context().call_on_close(database(app).engine.dispose)
    return app


def upgrade(app: Flask) -> str:
    """Bring the database to the latest migration; say what happened."""
    from factdb import migrate

    engine = database(app).engine
    before = migrate.current_revision(engine)
    migrate.upgrade(engine)
    after = migrate.current_revision(engine)
    if before == after:
        return f"Database is up to date (revision {after})."
    return f"Database upgraded from {before or 'empty'} to revision {after}."


@contextmanager
def compared_database(app: Flask, *, dry_run: bool) -> Iterator[sessionmaker[Session]]:
    """The sessions a command reads and writes with, brought to the latest migration.

    A dry run where no SQLite database is yet compares with an empty one in memory, and says
    so: connecting to the missing file would create the database it was told not to write.
    """
    path = sqlite_path(app.config["DATABASE_URL"])
    if not dry_run or path is None or (path.exists() and path.stat().st_size > 0):
        upgrade(app)
        yield database(app).writer
        return
    from sqlalchemy.pool import StaticPool

    from factdb import migrate
    from factdb.db import make_engine, make_session_factory

    click.echo(f"No database at {path}: compared with an empty one; none was created.")
    engine = make_engine("sqlite://", poolclass=StaticPool)  # one connection: one database
    try:
        migrate.upgrade(engine)
        yield make_session_factory(engine, write=True)
    finally:
        engine.dispose()


def safe_url(app: Flask) -> str:
    """The database URL with its password hidden, for messages."""
    return database(app).engine.url.render_as_string(hide_password=True)


def sqlite_file(app: Flask) -> Path | None:
    """The database's file when it is SQLite, else None."""
    url = database(app).engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).expanduser().resolve()


def describe_database(app: Flask) -> str:
    """Where the database is, for people: a SQLite file's path, or the URL without its password."""
    path = sqlite_file(app)
    return f"{path} (SQLite)" if path else safe_url(app)


def announce_database(app: Flask, *, create_folder: bool = False) -> None:
    """Say where the database is, at every start; warn when an older default one lies elsewhere.

    Before version 0.2 the default database lived inside the virtual environment
    (`.venv/var/factdb-instance/`), where re-creating the venv deleted it.
    """
    click.echo(f"Database: {describe_database(app)}")
    path = sqlite_file(app)
    if path is None:
        return
    if not path.parent.is_dir():
        if not create_folder:
            raise click.ClickException(
                f"The folder {path.parent} does not exist. Run `factdb init` to create the "
                "database there, or set FACTDB_DATABASE_URL (or FACTDB_DATA_DIR) to another place."
            )
        path.parent.mkdir(parents=True)
    if app.config.get("DATABASE_URL_IS_DEFAULT"):
        click.echo(
            f"  (the default: factdb's data folder {app.instance_path}; "
            "set FACTDB_DATA_DIR or FACTDB_DATABASE_URL to keep it elsewhere)"
        )
        former = Path(app.auto_find_instance_path()) / "factdb.sqlite"
        if former.exists() and former.resolve() != path:
            click.echo(
                f"Note: an older factdb database is at {former}, where factdb kept it before "
                f"(inside the virtual environment). To go on with it, move it and its secret_key "
                f"into {path.parent}, or set FACTDB_DATA_DIR={former.parent}",
                err=True,
            )


def at_a_terminal() -> bool:
    """Whether someone watches standard error: progress is for them, never for a log or a pipe."""
    return sys.stderr.isatty()


def tell_progress(message: str) -> None:
    """Say on standard error what a long step is doing, when someone is watching."""
    if at_a_terminal():
        click.echo(message, err=True)


#: Seconds between progress lines when standard error is no terminal (a log file, a pipe).
LOG_EVERY = 5.0


def _progress_lines(length: int, label: str, noun: str) -> Callable[[int], None]:
    """Print "so many of so many done" to standard error every LOG_EVERY seconds, so that a
    log of a long import shows it moving (a bar would fill the log with redraws)."""
    last = [time.monotonic()]

    def update(done: int) -> None:
        now = time.monotonic()
        if now - last[0] >= LOG_EVERY:
            last[0] = now
            click.echo(f"{label}: {done:,} of {length:,} {noun} done", err=True)

    return update


class TimeLeft:
    """The time a long loop has left, from its pace over the last WINDOW seconds.

    Click's own estimate averages from the bar's start, so a slow first phase (recording the
    authors, the first entries warming up) made an import of 43 s say 12 minutes and keep
    saying more than 11 at 195 of 3,000. Nothing is said until a pace is known.
    """

    #: Seconds of recent work the pace is read from.
    WINDOW = 10.0
    #: Said only once this much work and this many seconds show the pace.
    LEAST_SECONDS = 2.0

    def __init__(self, length: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.length = length
        self.clock = clock
        self.samples: deque[tuple[float, int]] = deque()

    def update(self, done: int) -> None:
        now = self.clock()
        self.samples.append((now, done))
        # Keep the last sample from before the window, so the window is always covered.
        while len(self.samples) > 2 and now - self.samples[1][0] >= self.WINDOW:
            self.samples.popleft()

    def seconds(self) -> float | None:
        """Seconds left at the recent pace, or None while it is not known."""
        if len(self.samples) < 2:
            return None
        (start, first), (end, last) = self.samples[0], self.samples[-1]
        if end - start < self.LEAST_SECONDS or last - first < max(1, self.length // 50):
            return None
        return (self.length - last) * (end - start) / (last - first)

    def text(self) -> str:
        """ "about 2 min left", or nothing while the pace is not known."""
        seconds = self.seconds()
        if seconds is None:
            return ""
        if seconds >= 90:
            return f"about {round(seconds / 60)} min left"
        return f"about {max(1, round(seconds))} s left"


@contextmanager
def progress_bar(length: int, label: str, noun: str = "entries") -> Iterator[Callable[[int], None]]:
    """A bar on standard error while someone watches, else a line every few seconds; yields
    "so many done"."""
    if not at_a_terminal():
        yield _progress_lines(length, label, noun)
        return
    steps = max(1, length // 200)  # redrawn some 200 times, not once per item
    left = TimeLeft(length)
    with click.progressbar(
        length=length, label=label, file=sys.stderr, show_pos=True, update_min_steps=steps,
        show_eta=False, item_show_func=lambda _item: left.text(),
    ) as bar:  # fmt: skip
        told = [0]  # the bar's own position lags while it saves up steps

        def update(done: int) -> None:
            left.update(done)
            bar.update(done - told[0])
            told[0] = done

        yield update


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


def as_option(command: Any) -> Any:
    """The `--as EMAIL` option of every command that writes: who the history says did it."""
    from factdb.users import COMMAND_LINE_NAME

    return click.option(
        "--as",
        "as_email",
        default=None,
        metavar="EMAIL",
        help="Record the writes under this active account "
        f"(default: the “{COMMAND_LINE_NAME}” account, which nobody logs in with).",
    )(command)
