"""The bench's synthetic build: the same seed gives the same rows whatever the database.

On PostgreSQL the build COPYs its rows and builds the indexes after them; elsewhere it
INSERTs. Both must give the rows SQLAlchemy's INSERT gives (its Python defaults
included), and leave the indexes the migrations made.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, select

from factdb import migrate
from factdb.db import make_engine
from factdb.devtools.synthetic import FILLED, build

CLAIMS = 120


def _plain(value: Any) -> Any:
    """A value as both databases give it back (dates as text, JSON as sorted text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def _rows(engine: Engine) -> dict[str, list[tuple]]:
    """Every row the build wrote, table by table, in key order (the password's salt left out)."""
    rows = {}
    with engine.connect() as connection:
        for table in FILLED:
            columns = [c for c in table.columns if c.computed is None and c.name != "password_hash"]
            order = list(table.primary_key.columns) or columns
            result = connection.execute(select(*columns).order_by(*order))
            rows[table.name] = [tuple(_plain(v) for v in row) for row in result]
    return rows


def _indexes(engine: Engine) -> dict[str, list[tuple]]:
    found = inspect(engine)
    return {
        table.name: sorted(
            (i["name"], tuple(i["column_names"]), bool(i["unique"]))
            for i in found.get_indexes(table.name)
        )
        for table in FILLED
    }


@pytest.fixture
def built(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        build(engine, CLAIMS, seed=7)
        yield engine
    finally:
        engine.dispose()


def test_the_build_gives_the_rows_a_sqlite_build_gives(built: Engine, tmp_path: Path):
    reference = make_engine(f"sqlite:///{tmp_path / 'reference.sqlite'}")
    migrate.upgrade(reference)
    build(reference, CLAIMS, seed=7)
    expected = _rows(reference)
    reference.dispose()
    got = _rows(built)
    assert len(got["claim"]) == CLAIMS and len(got["status_change"]) > CLAIMS / 2
    assert len(got["status_change_evidence"]) > 0 and len(got["citation"]) > 2 * CLAIMS
    for table, rows in expected.items():
        assert got[table] == rows, table


def test_the_build_leaves_the_indexes_the_migrations_made(database_url: str):
    engine = make_engine(database_url)
    try:
        before = _indexes(engine)
        build(engine, CLAIMS, seed=7)
        assert _indexes(engine) == before
    finally:
        engine.dispose()
    assert len(before["claim"]) >= 3 and len(before["document"]) >= 5


def test_new_rows_after_a_build_take_the_next_ids(built: Engine):
    """The build gives every id itself; PostgreSQL's sequences must then move past them."""
    from factdb.db import make_session_factory
    from factdb.models import Claim, StatusChange
    from factdb.vocab import Status

    with make_session_factory(built, write=True)() as session, session.begin():
        claim = Claim(text="After the build.", status=Status.UNVERIFIED)
        session.add(claim)
        session.flush()
        change = StatusChange(
            claim_id=claim.id, from_status=Status.UNVERIFIED, to_status=Status.IN_REVIEW
        )
        session.add(change)
        session.flush()
        assert claim.id > CLAIMS
        assert change.id > session.scalar(
            select(StatusChange.id).order_by(StatusChange.id.desc()).offset(1).limit(1)
        )
