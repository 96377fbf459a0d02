"""The task queue: jobs submitted, run by real consumers, their progress kept and shown."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import jsonschema
import pytest
from sqlalchemy import select

from factdb import create_app
from factdb.db import transaction
from factdb.errors import ValidationFailed
from factdb.jobs.app import job_queue
from factdb.jobs.queue import queue_storage, worker_name
from factdb.models import Job, JobState, utcnow
from factdb.vocab import Role
from factdb.web.database import database
from tests.jobs_helpers import start_worker, stop, wait_for_job

# -- settings ------------------------------------------------------------------------------


def test_the_queue_lives_beside_a_sqlite_database_unless_told_otherwise(tmp_path):
    database_url = f"sqlite:///{tmp_path}/data/factdb.sqlite"
    assert queue_storage("", database_url, tmp_path) == (
        "sqlite",
        f"{tmp_path}/data/factdb-queue.sqlite",
    )
    assert queue_storage("", "postgresql+psycopg://db/factdb", tmp_path) == (
        "sqlite",
        str(tmp_path / "queue.sqlite"),
    )
    assert queue_storage("redis://cache:6379/2", database_url, tmp_path) == (
        "redis",
        "redis://cache:6379/2",
    )
    assert queue_storage("immediate", database_url, tmp_path) == ("immediate", "")


def test_a_mistyped_queue_url_stops_the_app_at_start(database_url):
    with pytest.raises(ValueError, match="FACTDB_QUEUE_URL"):
        create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x", "QUEUE_URL": "amqp://x"})


def test_building_the_app_opens_no_queue(app, tmp_path):
    assert not (tmp_path / "queue.sqlite").exists()
    job_queue(app).submit_now("queue.probe", {})
    assert (tmp_path / "queue.sqlite").exists()


# -- running jobs --------------------------------------------------------------------------


def test_immediate_mode_runs_the_job_where_it_is_submitted(database_url, tmp_path):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x", "QUEUE_URL": "immediate"})
    try:
        job = job_queue(app).submit_now("queue.probe", {"steps": 3})
        with database(app).reader() as session:
            row = session.get(Job, job.id)
            assert row.state is JobState.DONE
            assert (row.done, row.total) == (3, 3)
            assert row.attempts == 1 and row.started_at and row.finished_at
    finally:
        database(app).engine.dispose()


def test_a_consumer_runs_jobs_and_records_their_progress(app, consumer):
    job = job_queue(app).submit_now("queue.probe", {"steps": 4, "step_seconds": 0.2})
    running = wait_for_job(app, job.id, state="running")
    assert running.worker == worker_name()
    done = wait_for_job(app, job.id)
    assert done.state is JobState.DONE
    assert (done.done, done.total, done.percent) == (4, 4, 100)
    assert done.message == "Queue check finished."
    assert done.result["started"] > 0


def test_a_failing_job_is_recorded_with_its_reason(app, consumer):
    failing = job_queue(app).submit_now("queue.probe", {"fail": "The page is gone."})
    done = wait_for_job(app, failing.id)
    assert done.state is JobState.FAILED
    assert done.message == done.error == "The page is gone."


def test_an_unknown_kind_is_refused_before_it_is_queued(app, session):
    with pytest.raises(ValidationFailed, match="no job kind"):
        job_queue(app).create(session, "no.such.kind", {}, None)


def test_a_job_of_a_kind_this_worker_lacks_fails_with_a_message(app, consumer):
    job = job_queue(app).submit_now("queue.probe", {})
    wait_for_job(app, job.id)
    with database(app).writer() as session, session.begin():
        session.get(Job, job.id).state = JobState.QUEUED
        session.get(Job, job.id).kind = "made.later"
    job_queue(app).enqueue(job.id)
    failed = wait_for_job(app, job.id)
    assert failed.state is JobState.FAILED
    assert "made.later" in failed.message


def test_a_job_lost_with_its_consumer_is_queued_again(app, session, consumer):
    # A consumer on this host that no longer exists left the job "running".
    dead = subprocess.Popen(["true"])
    dead.wait()
    job = Job(
        kind="queue.probe",
        params={},
        state=JobState.RUNNING,
        attempts=1,
        worker=f"{socket.gethostname()}:{dead.pid}",
        heartbeat_at=utcnow(),
    )
    alive = Job(
        kind="queue.probe",
        params={},
        state=JobState.RUNNING,
        attempts=1,
        worker=worker_name(),
        heartbeat_at=utcnow(),
    )
    session.add_all([job, alive])
    session.commit()
    assert job_queue(app).recover_lost_jobs() == [job.id]
    finished = wait_for_job(app, job.id)
    assert finished.state is JobState.DONE and finished.attempts == 2
    session.refresh(alive)
    assert alive.state is JobState.RUNNING  # its consumer (this process) is alive


def test_a_job_lost_too_often_is_marked_failed(app, session):
    job = Job(kind="queue.probe", params={}, state=JobState.RUNNING, attempts=3, worker="gone:1")
    session.add(job)
    session.commit()
    assert job_queue(app).recover_lost_jobs() == []
    session.refresh(job)
    assert job.state is JobState.FAILED
    assert "stopped" in job.message


# -- a worker in its own process, and its restart ------------------------------------------


def test_factdb_worker_runs_jobs_and_picks_up_what_it_lost_when_killed(app, database_url, tmp_path):
    queue_url = f"sqlite:///{tmp_path / 'queue.sqlite'}"
    queue = job_queue(app)
    slow = queue.submit_now("queue.probe", {"steps": 30, "step_seconds": 0.2})
    waiting = queue.submit_now("queue.probe", {})
    log = tmp_path / "worker.log"
    worker = start_worker(database_url, queue_url, "--workers", "1", log=log)
    try:
        wait_for_job(app, slow.id, state="running", timeout=30)
        worker.kill()  # no chance to finish: the job it ran is lost, the waiting one stays queued
        worker.wait(10)
        with database(app).reader() as session:
            assert session.get(Job, slow.id).state is JobState.RUNNING
            assert session.get(Job, waiting.id).state is JobState.QUEUED
        worker = start_worker(database_url, queue_url, "--workers", "2", log=log)
        assert wait_for_job(app, waiting.id, timeout=30).state is JobState.DONE
        again = wait_for_job(app, slow.id, timeout=60)
        assert again.state is JobState.DONE and again.attempts == 2
    finally:
        stop(worker)
    assert "Queued again 1 job that a stopped worker" in log.read_text(), log.read_text()


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_a_redis_queue_carries_jobs_to_a_worker(app, database_url, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    worker = None
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        queue_url = f"redis://127.0.0.1:{port}/0"
        redis_app = create_app(
            {"DATABASE_URL": database_url, "SECRET_KEY": "x", "QUEUE_URL": queue_url}
        )
        job = job_queue(redis_app).submit_now("queue.probe", {"steps": 2})
        worker = start_worker(database_url, queue_url, log=tmp_path / "worker.log")
        assert wait_for_job(app, job.id).state is JobState.DONE
        database(redis_app).engine.dispose()
    finally:
        if worker is not None:
            stop(worker)
        redis.terminate()
        redis.wait(10)


def test_jobs_check_measures_the_queue(app, database_url, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_QUEUE_URL", f"sqlite:///{tmp_path / 'check-queue.sqlite'}")
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["jobs", "check", "--count", "20", "--with-worker"])
    assert result.exit_code == 0, result.output
    assert "20 of 20 jobs ran" in result.output
    assert "submitted -> started: median" in result.output
    listed = CliRunner().invoke(main, ["jobs", "list", "--limit", "5"])
    assert listed.output.count("queue.probe") == 5


def test_jobs_check_without_a_worker_says_so_and_leaves_nothing_waiting(
    app, database_url, tmp_path, monkeypatch
):
    """No consumer running: say what to do within seconds, not after a silent two minutes."""
    from click.testing import CliRunner

    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_QUEUE_URL", f"sqlite:///{tmp_path / 'idle-queue.sqlite'}")
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    began = time.monotonic()
    result = CliRunner().invoke(main, ["jobs", "check", "--count", "3", "--start-within", "1"])
    assert result.exit_code != 0
    assert "No worker started any of the 3 jobs within 1 s" in result.output
    assert "--with-worker" in result.output and "factdb worker" in result.output
    assert time.monotonic() - began < 30
    listed = CliRunner().invoke(main, ["jobs", "list", "--limit", "5"])
    assert listed.output.count("queue.probe") == 3
    assert "queued" not in listed.output and listed.output.count("failed") == 3


def test_a_busy_worker_is_not_taken_for_a_missing_one(app, database_url, tmp_path, monkeypatch):
    """Another job running now means a worker is there: the check waits instead of giving up."""
    from click.testing import CliRunner

    from factdb.cli import main
    from factdb.models import Job

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_QUEUE_URL", f"sqlite:///{tmp_path / 'busy-queue.sqlite'}")
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    queue = job_queue(app)
    long_job = queue.submit_now("queue.probe", {})
    with transaction(database(app).writer) as session:
        running = session.get(Job, long_job.id)
        running.state, running.heartbeat_at = JobState.RUNNING, utcnow()
    result = CliRunner().invoke(
        main, ["jobs", "check", "--count", "1", "--start-within", "0.5", "--timeout", "2"]
    )
    assert "A worker is busy with another job; waiting for it" in result.output
    assert "No worker started" not in result.output
    assert "did not finish within 2 s" in result.output


# -- pages and the API ---------------------------------------------------------------------


def test_an_unfinished_job_page_reloads_itself_and_a_finished_one_does_not(app, client, auth, make):
    make.user(Role.VIEWER, email="v@example.org")
    make.commit()
    auth.login("v@example.org")
    job = job_queue(app).submit_now("queue.probe", {"steps": 2})
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Waiting for a worker." in page
    job_queue(app).execute(job.id)  # what a consumer does
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in page
    assert "Queue check finished." in page
    assert '<progress id="job-' in page and 'value="2"' in page
    listing = client.get("/jobs/").get_data(as_text=True)
    assert f"#{job.id}" in listing and "queue.probe" in listing


def test_the_job_json_follows_its_schema(app, client, auth, make):
    from factdb.api.spec import openapi

    make.user(Role.VIEWER, email="v@example.org")
    make.commit()
    auth.login("v@example.org")
    job = job_queue(app).submit_now("queue.probe", {"steps": 2})
    job_queue(app).execute(job.id)
    spec = openapi()
    schema = spec["paths"]["/api/v1/jobs/{job_id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    body = client.get(f"/api/v1/jobs/{job.id}").get_json()
    jsonschema.validate(body, {**schema, "components": spec["components"]})
    assert body["data"]["state"] == "done" and body["data"]["percent"] == 100
    assert client.get("/api/v1/jobs/999999").status_code == 404
    listing = client.get("/api/v1/jobs?kind=queue.probe").get_json()
    assert [row["id"] for row in listing["data"]] == [job.id]


def test_serve_runs_a_consumer_that_takes_jobs(database_url, tmp_path):
    """`factdb serve` alone runs jobs: the one-command start needs no second process."""
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"FACTDB_QUEUE_URL": f"sqlite:///{tmp_path / 'serve-queue.sqlite'}"}
    log = tmp_path / "serve.log"
    server = start_worker(database_url, env["FACTDB_QUEUE_URL"], "--port", str(port), log=log,
                          command="serve")  # fmt: skip
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x", **{
            "QUEUE_URL": env["FACTDB_QUEUE_URL"]}})  # fmt: skip
        job = job_queue(app).submit_now("queue.probe", {})
        assert wait_for_job(app, job.id).state is JobState.DONE
        database(app).engine.dispose()
    finally:
        stop(server)
    assert "Background jobs: 2 worker threads" in log.read_text(), log.read_text()


def test_jobs_are_listed_newest_first(app, session):
    queue = job_queue(app)
    ids = [queue.submit_now("queue.probe", {}).id for _ in range(3)]
    listed = session.scalars(select(Job.id).order_by(Job.created_at.desc(), Job.id.desc()))
    assert list(listed) == ids[::-1]


def test_a_kind_with_a_nul_byte_is_no_kind_on_either_database(client, auth, make):
    """PostgreSQL refuses NUL in text: a filter typed with one must not reach it as such."""
    make.user(Role.VIEWER, email="v@example.org")
    make.commit()
    auth.login("v@example.org")
    assert client.get("/api/v1/jobs?kind=queue.%00probe").status_code == 200
    assert client.get("/jobs/?kind=queue.%00probe").status_code == 200
