"""References formatted ahead of exports: an import queues a job that keeps every document's
reference, and the export a person asks for afterwards formats nothing, with the same text."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.documents import AuthorSpec
from factdb.export import batch_jobs, export, warming
from factdb.jobs.app import job_queue
from factdb.models import Document, FormattedReference, Job
from factdb.vocab import Role, SourceKind
from tests.jobs_helpers import wait_for_job

DATA = Path(__file__).parent / "data"


def _no_pandoc(*_args, **_kwargs):
    raise AssertionError("pandoc ran although every reference was kept")


def _kept(session) -> int:
    session.rollback()  # the rows were written on a connection of their own
    return session.scalar(
        select(func.count())
        .select_from(FormattedReference)
        .where(
            FormattedReference.style == warming.WARMED_STYLE,
            FormattedReference.form == warming.WARMED_FORM,
        )
    )


def _namesakes(make) -> None:
    """Works of one family and year, so that the kept text carries year suffixes (2024a/b)."""
    for number, given in enumerate(["Ines", "Ivo", "Oona", "Ines"]):
        make.document(
            f"Harbour report {number}",
            published="2024",
            url=f"https://harbour.example/{number}",
            authors=[AuthorSpec(f"{given} Quarrington", SourceKind.PERSON, "Quarrington", given)],
        )
    make.document("Tide tables", published="2023", url="https://tides.example/1")
    make.commit()


def test_references_kept_ahead_give_the_export_formatted_afresh(session, make, monkeypatch):
    _namesakes(make)
    afresh = export(session, "apa", output="text").content  # keeps nothing
    assert "2024a" in afresh and _kept(session) == 0

    heard: list[tuple[int, int]] = []
    assert warming.keep_references(session, progress=lambda *seen: heard.append(seen)) == 5
    assert _kept(session) == 5 and heard and heard[-1] == (5, 5)
    with monkeypatch.context() as warm:
        warm.setattr(batch_jobs, "Run", _no_pandoc)
        assert export(session, "apa", output="text").content == afresh
    heard.clear()
    assert warming.keep_references(session, "apa", "html", lambda *seen: heard.append(seen)) == 5
    assert heard[-1] == (5, 5)  # HTML's entries counted as text's


def test_an_import_on_the_page_queues_the_job_and_its_run_keeps_every_reference(
    app, client, auth, make, session, consumer
):
    make.user(Role.EDITOR, email="ed@example.org")
    _namesakes(make)
    auth.login("ed@example.org")
    content = (DATA / "zotero.json").read_text()
    assert (
        auth.post("/import/confirm", {"content": content, "format": "csl-json"}).status_code == 302
    )
    session.rollback()
    job = session.scalar(select(Job).where(Job.kind == warming.JOB_KIND))
    assert job is not None
    finished = wait_for_job(app, job.id, timeout=120)
    assert finished.state.value == "done", finished.message
    assert (finished.done, finished.total) == (8, 8)
    documents = session.scalar(select(func.count()).select_from(Document))
    assert documents == 8 and _kept(session) == documents


def test_an_import_on_the_command_line_queues_the_job_and_a_dry_run_does_not(
    app, database_url, monkeypatch, session
):
    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    monkeypatch.setenv("FACTDB_QUEUE_URL", app.config["QUEUE_URL"])
    runner = CliRunner()
    path = str(DATA / "zotero.ris")

    def queued() -> int:
        session.rollback()
        return session.scalar(select(func.count()).where(Job.kind == warming.JOB_KIND))

    assert runner.invoke(main, ["import", path, "--dry-run"]).exit_code == 0
    assert queued() == 0
    assert runner.invoke(main, ["import", path]).exit_code == 0
    assert queued() == 1
    assert "created 0" in runner.invoke(main, ["import", path]).output
    assert queued() == 1  # nothing new: nothing to format
    job = session.scalar(select(Job).where(Job.kind == warming.JOB_KIND))
    job_queue(app).execute(job.id)  # as a worker would
    session.rollback()
    assert session.get(Job, job.id).state.value == "done"
    assert _kept(session) == 3
