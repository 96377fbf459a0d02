"""Pooled connections are checked before use only after waiting idle, not at every check-out."""

from __future__ import annotations

from typing import Any

import factdb.db as db_module
from factdb.db import make_engine


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
