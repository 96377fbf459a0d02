"""Reading through the API never writes, so a read cannot fail because someone else is writing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, event, select

from factdb.access import create_token
from factdb.models import ApiToken
from factdb.vocab import Role
from factdb.web.database import database
from tests.factories import Factory

_WRITES = ("insert", "update", "delete", "replace")


@pytest.fixture
def reader(make: Factory, session) -> tuple[dict[str, str], int]:
    user = make.user(Role.VIEWER)
    make.claim(make.user(Role.EDITOR), "The bridge opened in 1932.")
    new = create_token(session, user, "dashboard", read_only=True)
    session.commit()
    return {"Authorization": f"Bearer {new.secret}"}, new.token.id


def _last_used(session, token_id: int):
    session.rollback()  # see what has been committed since
    return session.scalar(select(ApiToken.last_used_at).where(ApiToken.id == token_id))


def test_a_token_read_sends_no_write_and_its_use_is_noted_after_the_answer(
    app, client, session, reader
):
    headers, token_id = reader
    statements: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.lstrip().lower())

    engine = database(app).engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        response = client.get("/api/v1/claims", headers=headers)
        assert response.status_code == 200
        during_request = list(statements)
        response.close()  # the server has sent the answer
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert during_request, "the read ran its queries"
    assert [s for s in during_request if s.startswith(_WRITES)] == []
    assert _last_used(session, token_id) is not None

    # Within the minute its use is already known: a busy script costs no write at all.
    statements.clear()
    event.listen(engine, "before_cursor_execute", remember)
    try:
        client.get("/api/v1/claims", headers=headers).close()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert [s for s in statements if s.startswith(_WRITES)] == []


@contextmanager
def _another_writer(database_url: str) -> Iterator[None]:
    """Another connection in the middle of a write, holding what a token's update would need."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")  # SQLite's one write lock
                connection.exec_driver_sql("UPDATE claim SET context = context")
            else:
                connection.exec_driver_sql("BEGIN")
                connection.exec_driver_sql("LOCK TABLE api_token IN EXCLUSIVE MODE")
            try:
                yield
            finally:
                connection.rollback()
    finally:
        engine.dispose()


def test_a_token_read_answers_at_once_while_another_writer_holds_the_lock(
    app, client, session, reader, database_url
):
    headers, token_id = reader
    answers: list = []

    def read() -> None:
        started = time.perf_counter()
        response = client.get("/api/v1/claims", headers=headers)
        answers.append((response.status_code, time.perf_counter() - started))
        started = time.perf_counter()
        response.close()  # noting the use gives up quickly instead of waiting for the lock
        answers.append(time.perf_counter() - started)

    with _another_writer(database_url):
        thread = threading.Thread(target=read)
        thread.start()
        thread.join(timeout=5)
        stuck = thread.is_alive()
    thread.join()
    assert not stuck, "the read waited for the other writer"
    (status, answered_in), closed_in = answers
    assert status == 200
    assert answered_in < 2 and closed_in < 2
    assert _last_used(session, token_id) is None  # not recorded this time: the lock was taken

    client.get("/api/v1/claims", headers=headers).close()
    assert _last_used(session, token_id) is not None


def test_a_token_write_notes_its_use_in_its_own_transaction(client, session, make: Factory):
    user = make.user(Role.EDITOR)
    new = create_token(session, user, "cms")
    session.commit()
    response = client.post(
        "/api/v1/sources",
        headers={"Authorization": f"Bearer {new.secret}"},
        json={"name": "Dana Whitfield", "kind": "person"},
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    assert _last_used(session, new.token.id) is not None
