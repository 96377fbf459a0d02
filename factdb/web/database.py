"""One database session per request, opened on first use and closed at teardown."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask, current_app, g, has_request_context, request, stream_with_context
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from factdb.db import make_engine, make_session_factory

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

Piece = TypeVar("Piece", str, bytes)


@dataclass
class Database:
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    #: For GET pages: on PostgreSQL no BEGIN or COMMIT round trips around their reads.
    pages: sessionmaker[Session]


def init_app(app: Flask) -> None:
    engine = make_engine(
        app.config["DATABASE_URL"], busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"]
    )
    app.extensions["factdb.db"] = Database(
        engine=engine,
        reader=make_session_factory(engine),
        writer=make_session_factory(engine, write=True),
        pages=make_session_factory(engine, page_reads=True),
    )
    app.teardown_appcontext(_close_session)


def database(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["factdb.db"]


def db() -> Session:
    """Return this request's session; a write request's session locks SQLite for writing."""
    if "db" not in g:
        handle = database()
        reading = has_request_context() and request.method in SAFE_METHODS
        g.db = (handle.pages if reading else handle.writer)()
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


def streamed(pieces: Iterable[Piece]) -> Iterator[Piece]:
    """An answer written while it is read, that ends this request's session when it closes.

    The request itself ends (and closes its session) before the first piece is written;
    the pieces then read through the same session, which takes a connection from the
    pool again. That connection goes back when the answer is read to its end or closed
    early (a client that stops reading), not whenever the garbage collector finds it.
    """
    session = db()

    def body() -> Iterator[Piece]:
        try:
            yield from pieces
        finally:
            session.close()

    return stream_with_context(body())


def _close_session(exc: BaseException | None) -> None:
    session: Session | None = g.pop("db", None)
    if session is None:
        return
    session.close()  # ends the transaction (rolling back what was not committed)
