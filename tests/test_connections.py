"""Pooled connections are checked before use only after waiting idle, not at every check-out."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text

import factdb.db as db_module
from factdb.access import create_token
from factdb.db import make_engine
from factdb.models import Claim
from factdb.vocab import Role
from factdb.web.database import database


def _pings(engine: Any, monkeypatch: Any) -> list[object]:
    """Record every ping the engine's dialect makes."""
    pings: list[object] = []
    real = engine.dialect.do_ping

    def counting(dbapi_connection: Any) -> bool:
        pings.append(dbapi_connection)
        return real(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counting)
    return pings


def test_a_connection_used_a_moment_ago_is_not_pinged(database_url, monkeypatch):
    engine = make_engine(database_url)
    pings = _pings(engine, monkeypatch)
    try:
        for _ in range(3):
            with engine.connect() as connection:
                assert connection.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        engine.dispose()
    # Each ping is a round trip to a PostgreSQL server, on every request it would be.
    assert pings == []


def test_a_connection_that_died_while_idle_is_replaced_before_use(database_url, monkeypatch):
    monkeypatch.setattr(db_module, "IDLE_PING_SECONDS", 0.0)  # every wait counts as long
    engine = make_engine(database_url)
    pings = _pings(engine, monkeypatch)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
            first = connection.connection.dbapi_connection
        first.close()  # dropped while it waited in the pool (a restart, a firewall)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1
            assert connection.connection.dbapi_connection is not first
    finally:
        engine.dispose()
    assert pings == [first]


def test_a_page_read_ends_so_that_the_driver_keeps_its_prepared_statements(
    app, client, auth, make, session
):
    """psycopg forgets its prepared statements at every ROLLBACK; a page's reads end otherwise.

    On PostgreSQL the list's statements, asked again on the same pooled connection, are
    then prepared once (psycopg prepares a statement at its fifth use) instead of being
    parsed and planned at every request. SQLite's transaction ends as before.
    """
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    auth.login("ed@example.org")
    for _ in range(7):
        assert client.get("/").status_code == 200
    engine = database(app).engine
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if engine.dialect.name == "postgresql":
            prepared = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql"
            ).scalar()
            assert prepared and prepared >= 3, prepared
        else:
            assert not raw.in_transaction


def test_a_page_whose_statement_failed_still_ends_cleanly(app, client, auth, make, session):
    """A read that failed inside a page (and was answered anyway) is rolled back, not committed."""
    from sqlalchemy.exc import DBAPIError

    from factdb.web.database import db

    @app.route("/_test/failed-read")
    def failed_read() -> str:
        try:
            db().execute(text("SELECT * FROM no_such_table")).all()
        except DBAPIError:
            return "answered"
        return "no error"

    make.user(Role.VIEWER, email="v@example.org")
    session.commit()
    auth.login("v@example.org")
    assert client.get("/_test/failed-read").get_data(as_text=True) == "answered"
    with database(app).engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT 2").scalar() == 2


def _export_claims(make, count: int) -> list[int]:
    editor = make.user(Role.EDITOR, email="exporter@example.org")
    speaker = make.source("Mira Kellner")
    ids = []
    for number in range(count):
        document = make.document(
            f"Harbour report {number}", url=f"https://harbour.example/{number}",
            full_text=f"The quay grew by {number} metres.",
        )  # fmt: skip
        ids.append(
            make.claim(editor, f"The quay grew by {number} metres", document=document,
                       speaker=speaker, quote=f"grew by {number} metres").id
        )  # fmt: skip
    return ids


@pytest.mark.parametrize("read", ["everything", "first piece"])
@pytest.mark.parametrize("path", ["/api/v1/export?format=bibtex", "/export/download?format=bibtex"])
def test_a_streamed_export_gives_its_connection_back_when_its_answer_closes(
    app, client, auth, make, session, read, path
):
    """A download is written while it is read; closing it, read or not, ends its database work.

    A client that stops reading half-way (a closed tab, a dropped link) closes the answer
    early: its connection must go back to the pool then, not when the garbage collector
    finds the abandoned answer.
    """
    ids = _export_claims(make, 30)
    viewer = make.user(Role.VIEWER, email="reader@example.org")
    secret = create_token(session, viewer, "exports").secret
    session.commit()
    session.close()
    auth.login("reader@example.org")
    engine = database(app).engine
    url = path + "".join(f"&claim={claim_id}" for claim_id in ids)
    reply = client.get(url, headers={"Authorization": f"Bearer {secret}"}, buffered=False)
    assert reply.status_code == 200
    if read == "everything":
        assert reply.get_data(as_text=True).count("@") == 30
    else:
        assert next(iter(reply.response))
    reply.close()
    assert engine.pool.checkedout() == 0


def test_postgresql_connections_keep_every_page_statement_prepared(
    app, client, auth, make, session
):
    """psycopg keeps 100 prepared statements a connection by default, fewer than the pages use.

    Past that it evicts the oldest and prepares it again at its next fifth use, paying the
    parsing and planning the preparing was for; each pooled connection keeps more.
    """
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    engine = database(app).engine
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if engine.dialect.name == "postgresql":
            assert raw.prepared_max == db_module.PREPARED_STATEMENTS_KEPT
            assert raw.prepared_max >= 500
        else:
            assert not hasattr(raw, "prepared_max")


def test_postgresql_prepares_a_statement_once_whatever_the_size_of_its_ids(app, session):
    """psycopg sent claim 1 as a smallint and claim 40,000 as an integer: two statements.

    Each was prepared, and planned for its values five times, on its own.
    """
    engine = database(app).engine
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if engine.dialect.name != "postgresql":
            assert not hasattr(raw, "adapters")  # sqlite3 sends values with no types
            return
        for claim_id in [1, 40_000] * 6:
            connection.execute(select(Claim.id).where(Claim.id == claim_id)).all()
        kept = connection.execute(
            text("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE :pattern"),
            {"pattern": "%FROM claim%WHERE claim.id = $1%"},
        ).scalar_one()
        assert kept == 1
