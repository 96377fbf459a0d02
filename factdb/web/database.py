"""One database session per request, opened on first use and closed at teardown."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from factdb.db import make_engine, make_session_factory

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass
class Database:
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]


def init_app(app: Flask) -> None:
    engine = make_engine(
        app.config["DATABASE_URL"], busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"]
    )
    app.extensions["factdb.db"] = Database(
        engine=engine,
        reader=make_session_factory(engine),
        writer=make_session_factory(engine, write=True),
    )
    app.teardown_appcontext(_close_session)


def database(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["factdb.db"]


def db() -> Session:
    """Return this request's session; a write request's session locks SQLite for writing."""
    if "db" not in g:
        handle = database()
        reading = has_request_context() and request.method in SAFE_METHODS
        g.db = (handle.reader if reading else handle.writer)()
    return g.db


def reading_from_here() -> Session:
    """This request only reads from now on (a preview, a refused form shown again).

    A write request's session locks SQLite for writing at its first statement; ending
    that transaction and reading the rest without the lock lets other people's writes
    go on while this page is built. Objects already loaded stay attached.
    """
    session = db()
    if session.in_transaction():
        session.rollback()  # nothing was written: this is what ends the write lock
    session.bind = database().engine
    return session


def _close_session(_exc: BaseException | None) -> None:
    session: Session | None = g.pop("db", None)
    if session is not None:
        session.close()  # ends the transaction (rolling back what was not committed)
