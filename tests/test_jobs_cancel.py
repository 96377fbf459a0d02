"""Cancelling jobs: a waiting one never runs, a running one stops, an ended one is refused.

The same rule on every path (page, API, command line): the job's owner or an admin.
"""

from __future__ import annotations

import re
import threading
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.access import create_token
from factdb.cli import main
from factdb.db import transaction
from factdb.errors import NotAllowed
from factdb.export import warming
from factdb.jobs.app import job_queue
from factdb.jobs.cancel import JobAlreadyEnded, JobCancelled
from factdb.jobs.context import JobContext
from factdb.jobs.queue import task_id
from factdb.models import Capture, Job, JobState, SourceCheck, User, utcnow
from factdb.users import command_line_user
from factdb.vocab import Role
from factdb.web.database import database
from tests.capture_site import start_site
from tests.conftest import Auth
from tests.fake_archive import start_fake_archive
from tests.jobs_helpers import start_worker, stop, wait_for_job


def _cancel(app, job_id: int, user_id: int) -> Job:
    """Cancel as the page, the API and the command line do: in a transaction that commits."""
    with transaction(database(app).writer) as session:
        job = job_queue(app).cancel(session, job_id, session.get(User, user_id))
        return job


def _row(app, job_id: int) -> Job:
    with database(app).reader() as session:
        return session.get(Job, job_id)


@pytest.fixture
def people(make):
    """Two editors (one owns the jobs) and an admin."""
    people = {
        "owner": make.user(Role.EDITOR, email="owner@example.org", name="Olga Owner"),
        "other": make.user(Role.EDITOR, email="other@example.org", name="Otto Other"),
        "admin": make.user(Role.ADMIN, email="admin@example.org", name="Ada Admin"),
    }
    make.commit()
    return {role: user.id for role, user in people.items()}


# -- the rule, on the domain function ------------------------------------------------------


def test_a_waiting_job_is_cancelled_revoked_and_never_run_by_a_worker(
    app, database_url, tmp_path, people
):
    queue = job_queue(app)
    doomed = queue.submit_now("queue.probe", {"steps": 2}, people["owner"])
    cancelled = _cancel(app, doomed.id, people["owner"])
    assert cancelled.state is JobState.CANCELLED
    assert queue.huey.is_revoked(task_id(doomed.id))  # the consumer will skip its task
    after = queue.submit_now("queue.probe", {}, people["owner"])
    worker = start_worker(
        database_url, f"sqlite:///{tmp_path / 'queue.sqlite'}", "--workers", "1",
        log=tmp_path / "worker.log",
    )  # fmt: skip
    try:
        assert wait_for_job(app, after.id, timeout=60).state is JobState.DONE
    finally:
        stop(worker)
    row = _row(app, doomed.id)
    assert row.state is JobState.CANCELLED
    assert row.started_at is None and row.attempts == 0 and row.done == 0
    assert row.cancelled_by_id == people["owner"] and row.cancelled_at is not None
    assert row.finished_at == row.cancelled_at
    assert row.message == "Cancelled by Olga Owner before it started."
    assert not queue.huey.is_revoked(task_id(doomed.id))  # the skip used the revocation up


def test_a_cancelled_job_queued_again_by_hand_still_does_not_run(app, people, consumer):
    """The database says cancelled: even a task that escaped revocation does nothing."""
    queue = job_queue(app)
    job = queue.submit_now("queue.probe", {}, people["owner"])
    _cancel(app, job.id, people["owner"])
    queue.huey.restore_by_id(task_id(job.id))
    queue.enqueue(job.id)
    witness = queue.submit_now("queue.probe", {}, people["owner"])
    wait_for_job(app, witness.id)
    time.sleep(0.3)
    assert _row(app, job.id).state is JobState.CANCELLED and _row(app, job.id).attempts == 0


def test_a_running_job_stops_at_its_next_step(app, people, consumer):
    job = job_queue(app).submit_now(
        "queue.probe", {"steps": 200, "step_seconds": 0.05}, people["owner"]
    )
    wait_for_job(app, job.id, state="running")
    asked = _cancel(app, job.id, people["admin"])
    assert asked.state is JobState.RUNNING and asked.cancelled_at is not None
    assert asked.message == "Stopping: cancelled by Ada Admin; it stops at its next step."
    began = time.monotonic()
    stopped = wait_for_job(app, job.id, timeout=10)
    assert time.monotonic() - began < 5  # one progress interval (0.5 s), not 200 steps (10 s)
    assert stopped.state is JobState.CANCELLED
    assert stopped.result is None and stopped.done < 200
    assert stopped.message == f"Cancelled by Ada Admin after {stopped.done} of 200 steps."
    assert stopped.cancelled_by_id == people["admin"]


def test_a_finished_job_cannot_be_cancelled(app, people, consumer):
    job = job_queue(app).submit_now("queue.probe", {}, people["owner"])
    wait_for_job(app, job.id)
    with pytest.raises(JobAlreadyEnded, match=rf"Job #{job.id} has already finished at .*"):
        _cancel(app, job.id, people["owner"])
    failing = job_queue(app).submit_now("queue.probe", {"fail": "No."}, people["owner"])
    wait_for_job(app, failing.id)
    with pytest.raises(JobAlreadyEnded, match="has already failed"):
        _cancel(app, failing.id, people["owner"])
    row = _row(app, job.id)
    assert row.state is JobState.DONE and row.cancelled_at is None


def test_only_the_owner_or_an_admin_may_cancel(app, people):
    queue = job_queue(app)
    job = queue.submit_now("queue.probe", {}, people["owner"])
    with pytest.raises(NotAllowed, match="Only the person who started this job, or an admin"):
        _cancel(app, job.id, people["other"])
    assert _row(app, job.id).state is JobState.QUEUED
    assert not queue.huey.is_revoked(task_id(job.id))
    assert _cancel(app, job.id, people["admin"]).state is JobState.CANCELLED


def test_a_cancel_that_rolls_back_revokes_nothing(app, people):
    queue = job_queue(app)
    job = queue.submit_now("queue.probe", {}, people["owner"])
    with database(app).writer() as session, session.begin():
        queue.cancel(session, job.id, session.get(User, people["owner"]))
        session.rollback()
    assert _row(app, job.id).state is JobState.QUEUED
    assert not queue.huey.is_revoked(task_id(job.id))


def test_a_job_lost_while_stopping_is_cancelled_not_run_again(app, session, people):
    job = Job(kind="queue.probe", params={}, state=JobState.RUNNING, attempts=1, worker="gone:1")
    session.add(job)
    session.commit()
    _cancel(app, job.id, people["admin"])
    assert job_queue(app).recover_lost_jobs() == []
    row = _row(app, job.id)
    assert row.state is JobState.CANCELLED and row.message == "Cancelled by Ada Admin."


# -- a real job that writes: recheck -------------------------------------------------------


def test_a_cancelled_recheck_stops_fetching_and_keeps_only_whole_checks(
    app, session, make, people, consumer
):
    """10,000 URLs by mistake: the cancel stops the fetching; each check made is whole."""
    site = start_site()
    site.state.slow_seconds = 0.1
    try:
        app.config.update(CAPTURE_ALLOW_PRIVATE=True, CAPTURE_TIMEOUT=5,
                          RECHECK_CONNECTIONS=2, RECHECK_PER_HOST=2)  # fmt: skip
        documents = [
            make.document(f"Slow page {n}", url=site.url(f"/slow.html?n={n}")) for n in range(150)
        ]
        make.commit()
        ids = [document.id for document in documents]
        job = job_queue(app).submit_now("recheck", {"document_ids": ids}, people["owner"])
        deadline = time.monotonic() + 30
        while _row(app, job.id).done < 5:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        _cancel(app, job.id, people["owner"])
        stopped = wait_for_job(app, job.id, timeout=15)
        fetched = len(site.state.requests)
        time.sleep(0.5)
        assert len(site.state.requests) == fetched  # nothing fetched after it stopped
    finally:
        site.stop()
    assert stopped.state is JobState.CANCELLED
    checks = session.scalars(select(SourceCheck).where(SourceCheck.job_id == job.id)).all()
    assert 5 <= len(checks) < 150 and fetched < 150
    assert all(check.outcome.value == "alive" for check in checks), [c.outcome for c in checks]
    assert len({check.document_id for check in checks}) == len(checks)
    assert session.scalar(select(func.count()).select_from(SourceCheck)) == len(checks)


# -- the pages, the API and the command line -----------------------------------------------


def test_the_page_offers_cancel_to_the_owner_and_admins_only(app, client, auth, people):
    job = job_queue(app).submit_now("queue.probe", {}, people["owner"])
    button = f'action="/jobs/{job.id}/cancel"'
    auth.login("other@example.org")
    assert button not in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert button not in client.get("/jobs/").get_data(as_text=True)
    refused = auth.post(f"/jobs/{job.id}/cancel")
    assert refused.status_code == 403
    assert "Only the person who started this job" in refused.get_data(as_text=True)
    owner = Auth(app.test_client())
    owner.login("owner@example.org")
    page = owner.client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert button in page and 'name="csrf_token"' in page
    assert button in owner.client.get("/jobs/").get_data(as_text=True)
    assert _row(app, job.id).state is JobState.QUEUED


def test_the_cancel_form_needs_its_csrf_token(app, client, auth, people):
    job = job_queue(app).submit_now("queue.probe", {}, people["owner"])
    auth.login("owner@example.org")
    assert client.post(f"/jobs/{job.id}/cancel", data={}).status_code == 400
    assert _row(app, job.id).state is JobState.QUEUED


def test_cancelling_from_the_list_returns_to_the_list(app, client, auth, people):
    job = job_queue(app).submit_now("queue.probe", {}, people["owner"])
    auth.login("owner@example.org")
    listing = client.get("/jobs/?mine=1").get_data(as_text=True)
    back = re.search(r'type="hidden" name="next" value="([^"]+)"', listing).group(1)
    response = auth.post(f"/jobs/{job.id}/cancel", {"next": back.replace("&amp;", "&")})
    assert response.status_code == 302 and response.location == "/jobs/?mine=1"
    page = client.get(response.location).get_data(as_text=True)
    assert f"Job #{job.id} cancelled: it will not run." in page
    assert f'action="/jobs/{job.id}/cancel"' not in page  # nothing left to cancel
    detail = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Cancelled by Olga Owner before it started." in detail
    assert "<dt>Cancelled</dt>" in detail and "by Olga Owner" in detail
    assert 'http-equiv="refresh"' not in detail
    elsewhere = auth.post(f"/jobs/{job.id}/cancel", {"next": "https://elsewhere.example/"})
    assert elsewhere.status_code == 302 and elsewhere.location.startswith("/")


def test_the_form_says_why_a_finished_job_cannot_be_cancelled(app, client, auth, people):
    job = job_queue(app).submit_now("queue.probe", {}, people["owner"])
    job_queue(app).execute(job.id)
    auth.login("admin@example.org")
    response = auth.post(f"/jobs/{job.id}/cancel", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert f"Job #{job.id} has already finished" in page and "nothing left to cancel" in page
    assert _row(app, job.id).state is JobState.DONE


def test_the_api_cancels_with_the_same_rule(app, client, session, people):
    headers = {
        role: {"Authorization": "Bearer " + create_token(session, session.get(User, user_id), role).secret}
        for role, user_id in people.items()
    }  # fmt: skip
    session.commit()
    job = job_queue(app).submit_now("queue.probe", {}, people["owner"])
    refused = client.post(f"/api/v1/jobs/{job.id}/cancel", headers=headers["other"])
    assert refused.status_code == 403 and refused.get_json()["code"] == "forbidden"
    done = client.post(f"/api/v1/jobs/{job.id}/cancel", headers=headers["owner"])
    assert done.status_code == 200
    body = done.get_json()["data"]
    assert body["state"] == "cancelled" and body["finished"] is True
    assert body["cancelled_by_id"] == people["owner"] and body["cancelled_at"]
    again = client.post(f"/api/v1/jobs/{job.id}/cancel", headers=headers["admin"])
    assert again.status_code == 409 and again.get_json()["code"] == "conflict"
    assert "was already cancelled" in again.get_json()["message"]
    missing = client.post("/api/v1/jobs/999999/cancel", headers=headers["admin"])
    assert missing.status_code == 404
    assert job_queue(app).huey.is_revoked(task_id(job.id))


def test_factdb_jobs_cancel(app, database_url, tmp_path, monkeypatch, people):
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_QUEUE_URL", f"sqlite:///{tmp_path / 'queue.sqlite'}")
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    queue = job_queue(app)
    job = queue.submit_now("queue.probe", {}, people["owner"])
    runner = CliRunner()
    refused = runner.invoke(main, ["jobs", "cancel", str(job.id)])
    assert refused.exit_code == 1
    assert "Only the person who started this job, or an admin" in refused.output
    assert "--as with an admin's address" in refused.output
    other = runner.invoke(main, ["jobs", "cancel", str(job.id), "--as", "other@example.org"])
    assert other.exit_code == 1 and _row(app, job.id).state is JobState.QUEUED
    result = runner.invoke(main, ["jobs", "cancel", str(job.id), "--as", "admin@example.org"])
    assert result.exit_code == 0, result.output
    assert result.output == f"Job #{job.id} cancelled: it will not run.\n"
    assert queue.huey.is_revoked(task_id(job.id))
    again = runner.invoke(main, ["jobs", "cancel", str(job.id), "--as", "owner@example.org"])
    assert again.exit_code == 1
    assert f"Job #{job.id} was already cancelled at " in again.output
    listed = runner.invoke(main, ["jobs", "list", "--limit", "1"])
    assert "cancelled" in listed.output
    with transaction(database(app).writer) as session:
        command_line = command_line_user(session).id
    started_here = queue.submit_now("queue.probe", {}, command_line)
    own = runner.invoke(main, ["jobs", "cancel", str(started_here.id)])
    assert own.exit_code == 0, own.output  # a job the command line started is its own


# -- each kind stops before it writes ------------------------------------------------------


def _context(app, user_id: int, *, cancelled: bool) -> JobContext:
    """What a consumer hands a job, for a job row that is running (and asked to stop)."""
    with transaction(database(app).writer) as session:
        job = Job(kind="capture", params={}, state=JobState.RUNNING, attempts=1,
                  created_by_id=user_id, cancelled_at=utcnow() if cancelled else None,
                  cancelled_by_id=user_id if cancelled else None)  # fmt: skip
        session.add(job)
        session.flush()
        job_id = job.id
    handle = database(app)
    return JobContext(job_id, user_id=user_id, settings=app.config, reader=handle.reader,
                      writer=handle.writer)  # fmt: skip


def test_capture_and_archive_asked_to_stop_fetch_and_change_nothing(app, session, people):
    from factdb.capture.jobs import archive_job, capture_job

    site, archive = start_site(), start_fake_archive()
    try:
        app.config.update(CAPTURE_ALLOW_PRIVATE=True, CAPTURE_TIMEOUT=2, ARCHIVE="wayback",
                          ARCHIVE_URL=archive.base, ARCHIVE_POLL_SECONDS=0)  # fmt: skip
        url = site.url("/news/jsonld.html")
        with pytest.raises(JobCancelled):
            capture_job(_context(app, people["owner"], cancelled=True), {"url": url})
        assert site.state.requests == []
        assert session.scalar(select(func.count()).select_from(Capture)) == 0
        made = capture_job(_context(app, people["owner"], cancelled=False), {"url": url})
        capture_id = made.result["capture_id"]
        with pytest.raises(JobCancelled):
            archive_job(_context(app, people["owner"], cancelled=True), {"capture_id": capture_id})
        assert archive.state.requests == []
        session.rollback()  # a fresh look at what the jobs committed
        assert session.get(Capture, capture_id).archive_state == ""  # not left "requested"
    finally:
        site.stop()
        archive.stop()


def test_a_keep_references_job_waiting_for_an_earlier_one_beats_and_stops_on_a_cancel(app, people):
    """It waits up to COVERS_FOR, as long as a lost job takes to be requeued: it must beat."""
    now = utcnow()
    with transaction(database(app).writer) as session:
        earlier = Job(kind=warming.JOB_KIND, params={}, state=JobState.RUNNING, attempts=1,
                      started_at=now, heartbeat_at=now, worker="busy:1")  # fmt: skip
        session.add(earlier)
        session.flush()
        waiting = Job(kind=warming.JOB_KIND, params={}, state=JobState.RUNNING, attempts=1,
                      started_at=now - timedelta(minutes=9), heartbeat_at=now - timedelta(minutes=9),
                      worker="here:1", created_by_id=people["owner"])  # fmt: skip
        session.add(waiting)
    handle = database(app)
    context = JobContext(waiting.id, user_id=people["owner"], settings={},
                         reader=handle.reader, writer=handle.writer)  # fmt: skip
    ended: list[BaseException | None] = []

    def wait() -> None:
        try:
            warming._wait_for_earlier(context)
            ended.append(None)
        except BaseException as error:  # handed to the test
            ended.append(error)

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    time.sleep(1.2)
    assert _row(app, waiting.id).heartbeat_at > now - timedelta(seconds=5)
    _cancel(app, waiting.id, people["owner"])
    waiter.join(timeout=5)
    assert len(ended) == 1 and isinstance(ended[0], JobCancelled)


def test_a_cancel_arriving_at_the_final_progress_report_keeps_the_work_done(
    app, make, people, monkeypatch
):
    """All the work is done when the last report is written: the job finishes with it."""
    make.document("Harbour tolls rise")
    make.commit()
    queue = job_queue(app)
    job = queue.submit_now(warming.JOB_KIND, {}, people["owner"])
    keeping = warming.keep_references

    def cancelled_at_the_end(session, style, form, progress):
        count = keeping(session, style, form, None)
        _cancel(app, job.id, people["owner"])
        progress(count, count)  # the final report sees the cancel
        return count

    monkeypatch.setattr(warming, "keep_references", cancelled_at_the_end)
    queue.execute(job.id)
    row = _row(app, job.id)
    assert row.state is JobState.DONE and row.result == {"documents": 1}
    assert row.message == "Formatted references of 1 documents kept for exports."
    context = JobContext(job.id, user_id=people["owner"], settings={},
                         reader=database(app).reader, writer=database(app).writer)  # fmt: skip
    context.progress(2, 2)  # the last step: no cancel
    with pytest.raises(JobCancelled):
        context.progress(1, 2, force=True)
