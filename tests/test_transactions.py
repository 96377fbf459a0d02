"""Who owns a transaction, and who is named for a write: the caller, never the domain."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import delete, event, func, insert, select, update

from factdb.access import create_token
from factdb.audit import runner
from factdb.claims import ClaimInput
from factdb.claims.write import save_claim
from factdb.errors import StaleEdit, ValidationFailed
from factdb.models import AuditPending, Change, Claim, QuoteCheckResult, User
from factdb.users import (
    COMMAND_LINE_EMAIL,
    COMMAND_LINE_NAME,
    acting_user,
    authenticate,
    update_user,
)
from factdb.vocab import Role
from factdb.web.database import database
from tests.conftest import PASSWORD

#: GET pages that are not read with the ids the walk builds (they need their own arguments).
NOT_WALKED = {"static"}


@contextmanager
def counted_writes(engine) -> Iterator[list[str]]:
    """Collect every INSERT, UPDATE and DELETE sent to the database meanwhile."""
    writes: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args) -> None:
        if statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes.append(statement.split("\n", 1)[0][:80])

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield writes
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_no_get_request_writes(app, client, auth, make, session, monkeypatch):
    """Reading a page or the API changes nothing: every GET of the URL map, as an admin."""
    admin = make.user(Role.ADMIN, email="admin@example.org")
    source = make.source("Olga Petrova")
    document = make.document(
        "A report", url="https://example.org/report", full_text="Officials said it fell sharply."
    )
    claim = make.claim(
        admin, "Unemployment fell", document=document, speaker=source, quote="It fell"
    )
    secret = create_token(session, admin, "reader").secret
    # A quote check not yet kept: a page that needs it computes it, and must not keep it.
    session.execute(delete(QuoteCheckResult))
    session.commit()
    # Nor does this process remember it: the pages are served by another worker than the write.
    monkeypatch.setattr(runner, "_RECENT", runner._RecentChecks(size=100))
    auth.login("admin@example.org")
    client.get("/")  # the first page after log-in may settle the log-in itself
    # A write made outside factdb (SQL by hand) leaves its note; a page shows, never catches up.
    with database(app).engine.begin() as connection:
        connection.execute(insert(AuditPending).values(kind="claim", ref=claim.id))
    engine = database(app).engine
    walked = []
    with counted_writes(engine) as writes:
        for rule in app.url_map.iter_rules():
            if rule.endpoint in NOT_WALKED or "GET" not in (rule.methods or set()):
                continue
            url = rule.build({name: 1 for name in rule.arguments})[1]
            headers = (
                {"Authorization": f"Bearer {secret}"} if rule.endpoint.startswith("api.") else {}
            )
            before = len(writes)
            client.get(url, headers=headers)
            walked.append(url)
            if len(writes) > before:
                writes[before:] = [f"{url}: {statement}" for statement in writes[before:]]
    assert len(walked) > 40
    assert writes == []
    assert session.scalar(select(func.count(AuditPending.id))) == 1  # still waiting, unread


def test_the_command_line_account_is_made_once_and_cannot_log_in(session):
    first = acting_user(session, None)
    again = acting_user(session, "")
    session.commit()
    assert first.id == again.id
    assert (first.email, first.name, first.active) == (COMMAND_LINE_EMAIL, COMMAND_LINE_NAME, True)
    assert session.scalar(select(func.count(User.id)).where(User.email == COMMAND_LINE_EMAIL)) == 1
    assert authenticate(session, COMMAND_LINE_EMAIL, "") is None
    assert authenticate(session, COMMAND_LINE_EMAIL, PASSWORD) is None


def test_no_password_can_be_given_to_the_command_line_account(session, make):
    admin = make.user(Role.ADMIN)
    account = acting_user(session, None)
    with pytest.raises(ValidationFailed, match="nobody logs in"):
        update_user(
            session, account.id, name="x", role=Role.ADMIN, active=True,
            password="a new password", acting=admin,
        )  # fmt: skip


def test_as_names_an_active_account_or_says_what_to_do(session, make):
    editor = make.user(Role.EDITOR, email="jonas@example.org")
    assert acting_user(session, "Jonas@Example.org").id == editor.id
    with pytest.raises(ValidationFailed, match=r"no account nobody@example.org.*factdb user add"):
        acting_user(session, "nobody@example.org")
    editor.active = False
    session.commit()
    with pytest.raises(ValidationFailed, match=r"jonas@example\.org is disabled"):
        acting_user(session, "jonas@example.org")


def test_a_save_that_lost_a_race_leaves_the_rollback_to_the_caller(session, make):
    """The domain raises; it does not end the caller's transaction behind its back."""
    editor = make.user(Role.EDITOR)
    claim = make.claim(editor, "The bridge opened in 1990")
    table = Claim.__table__

    def another_save_commits(flushing, _context, _instances) -> None:
        # Between this save's read and its write, someone else's save moves the version on.
        flushing.connection().execute(
            update(table).where(table.c.id == claim.id).values(version=table.c.version + 1)
        )

    event.listen(session, "before_flush", another_save_commits, once=True)
    with pytest.raises(StaleEdit):
        save_claim(
            session, editor, ClaimInput(text="The bridge opened in 1991"),
            claim_id=claim.id, expected_version=claim.version,
        )  # fmt: skip
    # The failed transaction is still the caller's to end: nothing began a new one behind it.
    assert not session.is_active
    session.rollback()
    assert session.scalar(select(Claim.text).where(Claim.id == claim.id)) == claim.text
    assert session.scalar(select(func.count(Change.id)).where(Change.action == "updated")) == 0


def test_a_job_is_queued_only_once_its_caller_commits(app, monkeypatch):
    """The caller's commit makes the job's row visible; only then may a consumer look for it."""
    from factdb.jobs.app import job_queue

    queue = job_queue(app)
    queued: list[int] = []
    monkeypatch.setattr(queue, "enqueue", queued.append)
    with database(app).writer() as writing:
        queue.submit(writing, "queue.probe", {}, None)
        assert queued == []
        writing.rollback()
    assert queued == []
    with database(app).writer() as writing:
        job = queue.submit(writing, "queue.probe", {}, None)
        job_id = job.id
        assert queued == []
        writing.commit()
    assert queued == [job_id]


@pytest.mark.parametrize("how", ["a new row", "an UPDATE statement"])
def test_a_reading_request_cannot_write_through_its_session(app, client, auth, make, session, how):
    """A GET's session refuses to write, and nothing of the attempt is kept.

    On PostgreSQL a page's reads run outside a transaction (no BEGIN or COMMIT round
    trips); there each statement would commit on its own, so a write failing half-way
    could not be undone. A request that writes is a POST, with a transaction.
    """
    from factdb.db import ReadOnlySession
    from factdb.models import Tag
    from factdb.web.database import db

    session.add(Tag(name="kept"))
    make.user(Role.VIEWER, email="v@example.org")
    session.commit()

    @app.route("/_test/writes-on-get")
    def writes_on_get() -> str:
        db().add(Tag(name="first"))
        db().flush()
        return "written"

    @app.route("/_test/updates-on-get")
    def updates_on_get() -> str:
        db().execute(update(Tag).values(name="renamed"))
        return "written"

    auth.login("v@example.org")
    url = "/_test/writes-on-get" if how == "a new row" else "/_test/updates-on-get"
    with app.test_request_context(url), pytest.raises(ReadOnlySession):
        writes_on_get() if how == "a new row" else updates_on_get()
    assert client.get(url).status_code == 500
    session.expire_all()
    assert session.scalars(select(Tag.name)).all() == ["kept"]
