"""Every write of documents or sources queues the job that keeps formatted references, on
every path (form, API, domain functions), one waiting job for any number of writes, none
for a write rolled back or one that touches no document; after the job, an export formats
nothing and gives the text formatted afresh."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from factdb import create_app
from factdb.access import create_token
from factdb.export import batch_jobs, export, warming
from factdb.jobs.app import job_queue
from factdb.models import FormattedReference, Job, JobState, Source
from factdb.sources import SourceInput, create_source
from factdb.vocab import Role, SourceKind
from factdb.web.database import database


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The test app with references kept after writes, as a default install has it."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
            "QUEUE_URL": f"sqlite:///{tmp_path / 'queue.sqlite'}",
            "KEEP_REFERENCES": True,
        }
    )
    app.instance_path = str(tmp_path / "instance")
    yield app
    database(app).engine.dispose()


def _waiting(session) -> list[int]:
    session.rollback()
    return list(
        session.scalars(
            select(Job.id).where(Job.kind == warming.JOB_KIND, Job.state == JobState.QUEUED)
        )
    )


def _run_waiting(app: Flask, session) -> None:
    """Run the waiting job as a worker would."""
    (job_id,) = _waiting(session)
    job_queue(app).execute(job_id)
    session.rollback()
    assert session.get(Job, job_id).state is JobState.DONE


def _kept(session) -> int:
    session.rollback()
    return session.scalar(select(func.count()).select_from(FormattedReference))


def _no_pandoc(*_args, **_kwargs):
    raise AssertionError("pandoc ran although every reference was kept")


def _once_token(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="once_token"[^>]*value="([^"]+)"', page)
    assert match, f"{url} carries a one-time form token"
    return match.group(1)


def test_documents_written_in_the_form_queue_one_job_and_its_run_keeps_them(
    app, client, auth, make, session, monkeypatch
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    assert _waiting(session) == []
    for title in ("Harbour tolls rise", "Harbour tolls fall"):
        form = {
            "title": title,
            "doc_type": "report",
            "published": "2024",
            "authors": "Ines Quarrington",
            "once_token": _once_token(client, "/documents/new"),
        }
        response = auth.post("/documents/new", form)
        assert response.status_code == 302, response.get_data(as_text=True)
    assert len(_waiting(session)) == 1  # the second write found one waiting
    _run_waiting(app, session)
    assert _kept(session) == 2
    with monkeypatch.context() as warm:
        warm.setattr(batch_jobs, "Run", _no_pandoc)
        kept = export(session, "apa", output="text").content
    assert "Quarrington, I. (2024a)" in kept and "Quarrington, I. (2024b)" in kept
    assert export(session, "apa", output="text", document_ids=[]).content == ""


def test_documents_written_through_the_api_queue_the_job(app, client, make, session):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    assert _waiting(session) == []
    created = client.post(
        "/api/v1/documents", headers=headers, json={"title": "Tide tables", "doc_type": "report"}
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    _run_waiting(app, session)
    assert _waiting(session) == []
    document = created.get_json()["data"]
    changed = client.patch(
        f"/api/v1/documents/{document['id']}",
        headers=headers,
        json={"version": document["version"], "title": "Tide tables, corrected"},
    )
    assert changed.status_code == 200, changed.get_data(as_text=True)
    assert len(_waiting(session)) == 1  # the job that ran read the title before its change


def test_a_write_rolled_back_or_touching_no_document_queues_nothing(app, make, session):
    editor = make.user(Role.EDITOR)
    assert _waiting(session) == []
    create_source(session, editor, SourceInput(name="Harbour Authority", kind=SourceKind.MEDIA))
    session.flush()
    session.rollback()
    make.claim(editor, "The harbour closed at night.")
    assert _waiting(session) == []
    make.source("Harbour Authority")  # a source is an author as written
    assert len(_waiting(session)) == 1


def test_references_are_not_kept_after_writes_when_the_setting_is_off(
    database_url, tmp_path, session
):
    off = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
            "QUEUE_URL": f"sqlite:///{tmp_path / 'queue-off.sqlite'}",
            "KEEP_REFERENCES": False,
        }
    )
    with database(off).writer() as writing:
        create_source(writing, None, SourceInput(name="Harbour Authority", kind=SourceKind.MEDIA))
        writing.commit()
    database(off).engine.dispose()
    assert _waiting(session) == []


def test_a_job_left_waiting_long_no_longer_stands_for_new_writes(app, make, session):
    """A waiting row the queue lost (queue file gone, queue restarted) must not block for ever."""
    make.source("Harbour Authority")
    (lost,) = _waiting(session)
    session.get(Job, lost).created_at -= warming.COVERS_FOR + timedelta(minutes=1)
    session.commit()
    make.source("Tide Office")
    (fresh,) = _waiting(session)  # the lost one gave way: one waits, however long writes go on
    assert fresh != lost
    assert session.get(Job, lost).state is JobState.FAILED


def test_a_queue_that_cannot_be_reached_never_fails_the_write(database_url, tmp_path, session):
    """The write is committed: it is said to have worked, and the unqueued job does not wait."""
    unreachable = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
            "QUEUE_URL": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "KEEP_REFERENCES": True,
        }
    )
    with database(unreachable).writer() as writing:
        create_source(writing, None, SourceInput(name="Harbour Authority", kind=SourceKind.MEDIA))
        writing.commit()
    database(unreachable).engine.dispose()
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Source)) == 1
    assert _waiting(session) == []
    (failed,) = session.scalars(select(Job).where(Job.kind == warming.JOB_KIND))
    assert failed.state is JobState.FAILED and "queue" in failed.message


def test_a_savepoint_rolled_back_queues_nothing_and_one_kept_does(app, make, session):
    """Only writes that are committed stand for the job: a savepoint's rollback undoes them."""
    editor = make.user(Role.EDITOR)
    with session.begin_nested() as savepoint:
        create_source(session, editor, SourceInput(name="Harbour Authority", kind=SourceKind.MEDIA))
        session.flush()
        savepoint.rollback()
    make.claim(editor, "The harbour closed at night.")
    assert _waiting(session) == []
    with session.begin_nested():
        create_source(session, editor, SourceInput(name="Tide Office", kind=SourceKind.MEDIA))
    session.commit()
    assert len(_waiting(session)) == 1
