"""Capture through the task queue and the command line: capture, archive and recheck jobs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.capture.archive import ArchiveFailed, ArchiveSettings, save_page_now
from factdb.cli import main
from factdb.jobs.app import job_queue
from factdb.models import Capture, Change, Citation, Document, Job, JobState, SourceCheck
from factdb.vocab import Role
from tests.capture_site import start_site
from tests.fake_archive import start_fake_archive
from tests.jobs_helpers import wait_for_job


@pytest.fixture
def site():
    running = start_site()
    yield running
    running.stop()


@pytest.fixture
def archive():
    fake = start_fake_archive()
    yield fake
    fake.stop()


@pytest.fixture
def capture_app(app, archive):
    app.config.update(CAPTURE_ALLOW_PRIVATE=True, CAPTURE_TIMEOUT=2, ARCHIVE="wayback",
                      ARCHIVE_URL=archive.base, ARCHIVE_POLL_SECONDS=0)  # fmt: skip
    return app


def test_save_page_now_waits_for_the_snapshot(archive):
    archive.state.pending_polls = 2
    archive.state.rate_limited = 1
    copy = save_page_now(
        "https://news.example/a", ArchiveSettings(archive.base, "key", "secret", poll_seconds=0)
    )
    assert copy.url == f"{archive.base}/web/20240305101500/https://news.example/a"
    posts = [r for r in archive.state.requests if r[0] == "POST"]
    assert len(posts) == 2  # the first was rate-limited and sent again
    assert posts[-1][2]["form"] == {"url": ["https://news.example/a"]}
    assert posts[-1][2]["auth"] == "LOW key:secret"
    assert posts[-1][2]["accept"] == "application/json"
    assert archive.state.polls == {"spn2-0001": 3}


def test_an_archive_failure_is_reported(archive):
    archive.state.fail_with = "This URL is excluded from the archive."
    with pytest.raises(ArchiveFailed, match="excluded"):
        save_page_now("https://x.example/", ArchiveSettings(archive.base, "", "", poll_seconds=0))
    archive.state.rate_limited = 10
    with pytest.raises(ArchiveFailed, match="limiting requests"):
        save_page_now("https://x.example/", ArchiveSettings(archive.base, "", "", poll_seconds=0))


def test_capture_and_archive_run_as_jobs(capture_app, site, session, make, consumer):
    app = capture_app
    user = make.user(Role.EDITOR)
    make.commit()
    queue = job_queue(app)
    job = queue.submit_now("capture", {"url": site.url("/hop/1")}, user.id)
    done = wait_for_job(app, job.id)
    assert done.state is JobState.DONE, done.error
    capture_id = done.result["capture_id"]
    assert done.result_ref == f"capture:{capture_id}"
    capture = session.get(Capture, capture_id)
    assert capture.document_id is None and capture.final_url == site.url("/news/jsonld.html")
    from factdb.capture.service import create_from_capture

    document = create_from_capture(session, user, capture)
    session.commit()
    archived = wait_for_job(
        app, queue.submit_now("archive", {"capture_id": capture_id}, user.id).id
    )
    assert archived.state is JobState.DONE, archived.error
    session.expire_all()
    session.rollback()
    assert session.get(Document, document.id).archive_url.endswith(
        "/web/20240305101500/" + site.url("/news/jsonld.html")
    )
    assert session.get(Capture, capture_id).archive_state == "done"


def test_a_failed_archive_request_is_recorded(capture_app, archive, site, session, make, consumer):
    app = capture_app
    archive.state.fail_with = "Capture failed: the page blocks crawlers."
    result = wait_for_job(
        app, job_queue(app).submit_now("capture", {"url": site.url("/page/1.html")}).id
    )
    failed = wait_for_job(
        app, job_queue(app).submit_now("archive", {"capture_id": result.result["capture_id"]}).id
    )
    assert failed.state is JobState.FAILED and "blocks crawlers" in failed.message
    session.rollback()
    capture = session.get(Capture, result.result["capture_id"])
    assert (capture.archive_state, capture.archive_message) == ("failed", failed.message)


def test_a_capture_of_a_missing_page_fails_with_the_reason(capture_app, site, consumer):
    job = job_queue(capture_app).submit_now("capture", {"url": site.url("/nothing.html")})
    failed = wait_for_job(capture_app, job.id)
    assert failed.state is JobState.FAILED
    assert "404 Not Found" in failed.message


@pytest.fixture
def cli(app, database_url, monkeypatch, tmp_path, archive):
    for name, value in {
        "DATABASE_URL": database_url, "SECRET_KEY": "x", "CAPTURE_ALLOW_PRIVATE": "true",
        "QUEUE_URL": f"sqlite:///{tmp_path / 'queue.sqlite'}", "ARCHIVE": "wayback",
        "ARCHIVE_URL": archive.base, "CAPTURE_TIMEOUT": "2",
    }.items():  # fmt: skip
        monkeypatch.setenv(f"FACTDB_{name}", value)

    def run(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def test_factdb_capture_records_the_document_and_cites_it(cli, site, session, make):
    admin = make.user(Role.ADMIN, email="admin@example.org")
    claim = make.claim(admin, "The fuel levy will not rise before the budget.")
    make.commit()
    result = cli(
        "capture",
        site.url("/news/jsonld.html"),
        "--claim",
        str(claim.id),
        "--as",
        "admin@example.org",
    )
    assert result.exit_code == 0, result.output
    assert "Minister rules out fuel levy rise before budget" in result.output
    assert "authors       Amira Haddad; Tom Ellery" in result.output
    assert "archive copy requested" in result.output
    session.rollback()
    document = session.scalar(select(Document).order_by(Document.id.desc()))
    assert document.url == site.url("/news/jsonld.html")
    cited = session.scalar(
        select(func.count()).where(
            Citation.claim_id == claim.id, Citation.document_id == document.id
        )
    )
    assert cited == 1
    # Every write, and the archive job it asked for, is the named account's.
    assert document.created_by_id == admin.id
    assert session.scalar(select(Job.created_by_id).where(Job.kind == "archive")) == admin.id
    assert set(session.scalars(select(Change.user_id).where(Change.entity == "citation"))) == {
        admin.id
    }


def test_factdb_capture_names_what_went_wrong(cli, site):
    result = CliRunner().invoke(main, ["capture", site.url("/image.png")])
    assert result.exit_code == 1
    assert "image/png" in result.output


def test_factdb_recheck_shows_progress_and_records_checks(cli, site, session, app):
    for number in (1, 2, 3):
        assert cli("capture", site.url(f"/page/{number}.html")).exit_code == 0
    site.state.gone.add(2)
    result = cli("recheck", "--older-than", "30d")
    assert result.exit_code == 0, result.output
    assert "Checked 3 documents" in result.output and "2 alive, 1 gone" in result.output
    again = cli("recheck", "--older-than", "30d")
    assert "No document with a web address to check." in again.output
    session.rollback()
    assert session.scalar(select(func.count()).select_from(SourceCheck)) == 3
    bad = CliRunner().invoke(main, ["recheck", "--older-than", "soon"])
    assert bad.exit_code == 2 and "like 30d" in bad.output


def test_the_capture_benchmark_runs_on_loopback_hosts():
    from factdb.devtools.capture_bench import run

    lines: list[str] = []
    figures = run(documents=20, hosts=2, connections=4, per_host=2, echo=lines.append)
    assert set(figures) == {"capture_200k_median", "capture_200k_max", "recheck_0_edited",
                            "recheck_2_edited"}  # fmt: skip
    assert "{'alive': 20}" in lines[1]
    assert "{'alive': 18, 'changed': 2}" in lines[2] or "{'changed': 2, 'alive': 18}" in lines[2]


UNRESOLVABLE = "http://nonexistent.invalid/harbour-levy.html"  # .invalid never resolves


def test_factdb_recheck_of_an_unresolvable_host_could_not_check_it_and_is_not_gone(
    cli, site, session, make
):
    from factdb.audit.runner import run_audit

    document = make.document("Harbour levy notice", url=UNRESOLVABLE)
    result = cli("recheck", "--document", str(document.id))
    assert result.exit_code == 0, result.output
    assert "1 could not be checked" in result.output and "gone" not in result.output
    session.rollback()
    check = session.scalar(select(SourceCheck).where(SourceCheck.document_id == document.id))
    assert check.outcome.value == "unreachable"
    assert "nonexistent.invalid" in check.message and "does not resolve" in check.message
    assert run_audit(session, rules=["SOURCE_GONE"]).findings == []


def test_the_recheck_job_keeps_an_unresolvable_host_as_could_not_check(
    capture_app, session, make, consumer
):
    document = make.document("Harbour levy notice", url=UNRESOLVABLE)
    user = make.user(Role.EDITOR)
    make.commit()
    job = job_queue(capture_app).submit_now("recheck", {"document_ids": [document.id]}, user.id)
    done = wait_for_job(capture_app, job.id)
    assert done.state is JobState.DONE, done.error
    assert done.result == {"unreachable": 1}
    assert "1 could not be checked" in done.message
