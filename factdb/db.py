"""Create the engine and sessions for one app; nothing here runs at import time."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from factdb.base_keys import keep_base_keys
from factdb.errors import DatabaseUnusable
from factdb.models.limits import guard_lengths

#: How many times a writer tries to take SQLite's write lock before giving up.
BEGIN_RETRIES = 5

#: Prepared statements psycopg keeps on a PostgreSQL connection (its default, 100, is fewer
#: than the pages use together, so it would keep evicting and preparing them again).
PREPARED_STATEMENTS_KEPT = 500

#: A pooled PostgreSQL connection left unused longer than this is checked before it is used.
IDLE_PING_SECONDS = 30.0


def make_engine(url: str, *, busy_timeout_ms: int = 10000, **kwargs: Any) -> Engine:
    """Create an engine; SQLite files get WAL, foreign keys and a busy timeout.

    DatabaseUnusable names a URL that is no URL, a database SQLAlchemy does not know, or a
    driver that is not installed, with what to do about it.
    """
    _check_usable(url)
    if url.startswith("sqlite"):
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("timeout", busy_timeout_ms / 1000)
        connect_args.setdefault("check_same_thread", False)
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        _configure_sqlite(engine, busy_timeout_ms)
    else:
        engine = create_engine(url, **kwargs)
        _keep_prepared_statements(engine)
    _ping_when_idle(engine)
    return engine


def _check_usable(url: str) -> None:
    setting = "FACTDB_DATABASE_URL"
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnusable(
            f"{setting} is not a database URL: give one such as "
            "sqlite:////path/to/factdb.sqlite or postgresql+psycopg://user@host/factdb."
        ) from None
    shown = parsed.render_as_string(hide_password=True)
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql") and backend != "postgres":
        raise DatabaseUnusable(
            f"{setting}={shown}: factdb runs on SQLite and PostgreSQL: give sqlite:///… or "
            "postgresql+psycopg://…."
        )
    try:
        parsed.get_dialect().import_dbapi()
    except NoSuchModuleError:
        raise DatabaseUnusable(
            f"{setting}={shown} is not a database factdb knows: use sqlite:///… or "
            "postgresql+psycopg://…."
        ) from None
    except ImportError as missing:
        needs = (
            f"{setting}={shown} needs the Python package {missing.name!r}, which is not installed"
        )
        if parsed.get_backend_name() != "postgresql":
            raise DatabaseUnusable(f"{needs}: pip install {missing.name}.") from None
        raise DatabaseUnusable(
            f"{needs}. factdb uses psycopg: pip install 'factdb[postgres]' (in a checkout: "
            "pip install '.[postgres]'), and name it in the URL: postgresql+psycopg://…."
        ) from None


def _keep_prepared_statements(engine: Engine) -> None:
    """Let each psycopg connection keep every statement the pages prepare, once each."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        if hasattr(dbapi_connection, "prepared_max"):
            dbapi_connection.prepared_max = PREPARED_STATEMENTS_KEPT
        if hasattr(dbapi_connection, "adapters"):
            from factdb.pg_ints import send_ints_as_integer

            send_ints_as_integer(dbapi_connection.adapters)


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use only when it sat idle, not at every check-out.

    `pool_pre_ping` costs a round trip to the server on every request; a connection
    handed back a moment ago is as good as the request before found it. One that waited
    longer (a database restarted, a firewall that drops idle links) is pinged first and,
    when dead, replaced: the pool retries the check-out with a new connection.
    """

    dialect = engine.dialect  # not the engine: a listener holding it would keep it alive

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")  # None: a new connection, just opened
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("the pooled connection is gone") from error


def reads_without_transaction(engine: Engine) -> Engine:
    """The engine for pages that only read: on PostgreSQL, no BEGIN and COMMIT around them.

    At PostgreSQL's READ COMMITTED each statement reads its own snapshot whether or not
    a transaction surrounds it, so a page's reads see the same data in autocommit mode,
    two round trips sooner. No ROLLBACK is ever sent either, so psycopg keeps the
    statements it prepared on the connection (it forgets them all at each ROLLBACK).
    SQLite keeps its transaction: there a page's statements share one snapshot, and
    BEGIN costs no round trip. Sessions on this engine refuse to write
    (`_refuse_writes`): a write here would be committed statement by statement.
    """
    if engine.dialect.name != "postgresql":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    # pysqlite opens transactions lazily and in DEFERRED mode; we take over
    # BEGIN so that SAVEPOINTs and transactional DDL work as documented in
    # SQLAlchemy's "Serializable isolation / Savepoints / Transactional DDL".
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the write lock up front: a DEFERRED transaction that
        # reads and then writes can fail at once with "database is locked"
        # instead of waiting for the busy timeout.
        if not connection.get_execution_options().get("write", False):
            connection.exec_driver_sql("BEGIN")
            return
        # Under many writers SQLite's busy handler can starve one of them past the
        # timeout. Nothing has happened yet when BEGIN fails, so trying again is safe.
        for attempt in range(BEGIN_RETRIES):
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as error:
                if "locked" not in str(error) or attempt == BEGIN_RETRIES - 1:
                    raise
                time.sleep(random.uniform(0.01, 0.05))  # noqa: S311 (jitter, not a secret)


def make_session_factory(
    engine: Engine, *, write: bool = False, page_reads: bool = False
) -> sessionmaker[Session]:
    """Return a session factory; `write=True` sessions lock SQLite for writing at BEGIN.

    `page_reads=True` sessions read outside a transaction on PostgreSQL
    (`reads_without_transaction`) and, on every database, refuse to write.
    """
    bind = engine.execution_options(write=True) if write else engine
    if page_reads:
        bind = reads_without_transaction(bind)
    factory = guard_lengths(sessionmaker(bind=bind, expire_on_commit=False))
    keep_base_keys(factory)
    event.listen(factory, "before_commit", _audit_before_commit)
    if page_reads:
        event.listen(factory, "before_flush", _refuse_writes)
        event.listen(factory, "do_orm_execute", _refuse_write_statements)
    return factory


class ReadOnlySession(RuntimeError):
    """A write was attempted through a session that reads pages outside a transaction."""


def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    """Stop a page's read-only session from writing: nothing would hold its writes together.

    In autocommit mode each statement commits on its own, so a failure half-way could not
    be rolled back. A request that writes uses the write session (a POST, or `g.db` replaced).
    """
    if session.new or session.dirty or session.deleted:
        raise ReadOnlySession("a reading request wrote through its read-only session")


def _refuse_write_statements(state: Any) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise ReadOnlySession("a reading request wrote through its read-only session")


def _audit_before_commit(session: Session) -> None:
    """Bring the audit findings up to date with this transaction's writes, before it commits.

    Every session that commits passes here, whichever way it wrote (forms, API,
    import, bulk actions, SQL), so no write path can leave findings stale.
    """
    from factdb.audit.maintained import catch_up, is_kept

    if is_kept(session):
        session.flush()  # so that the triggers have seen every change
        catch_up(session)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session whose work is committed together, or rolled back on error."""
    with factory() as session, session.begin():
        yield session
