"""Big reference files are previewed and imported by background jobs, all or nothing."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from sqlalchemy import func, select

from factdb.importer import jobs
from factdb.jobs.app import job_queue
from factdb.models import Document, Job
from factdb.vocab import Role


def _entry(number: int, title: bool = True) -> str:
    words = f"Harbour lantern survey {number}" if title else "Harbour lantern " * 70
    titled = f"  title = {{{words}}},\n"
    return (
        f"@article{{survey{number},\n{titled}  author = {{Quenby, Alda and Rusk, Corin}},\n"
        f"  journal = {{Journal of Quarry Studies}},\n  year = {{20{number:02d}}}\n}}\n\n"
    )


GOOD = "".join(_entry(number) for number in range(1, 4))
#: The second entry's title is too long to keep; it opens on line 8.
BAD = _entry(1) + _entry(2, title=False) + _entry(3)


@pytest.fixture
def background(monkeypatch):
    """Every file counts as big, so that a small one takes the background path."""
    monkeypatch.setattr(jobs, "BACKGROUND_CHARACTERS", 10)


def _documents(session) -> int:
    session.rollback()
    return session.scalar(select(func.count()).select_from(Document))


def _upload(auth, text: str, name: str = "library.bib"):
    return auth.post(
        "/import",
        {"file": (BytesIO(text.encode()), name), "format": ""},
        content_type="multipart/form-data",
    )


def _run(app, client, location: str, kind: str):
    """Show the job's page while it waits (it reloads itself), run the job, show it again."""
    waiting = client.get(location)
    assert waiting.status_code == 200 and 'http-equiv="refresh"' in waiting.get_data(as_text=True)
    job_id = int(location.rstrip("/").rsplit("/", 1)[1])
    with app.app_context():
        queue = job_queue(app)
        assert queue.reader().get(Job, job_id).kind == kind
        queue.execute(job_id)
    return client.get(location)


def _job_field(page: str) -> str:
    match = re.search(r'name="job" type="hidden" value="(\d+)"', page)
    assert match, page
    return match.group(1)


def test_a_big_file_is_previewed_then_imported_in_the_background(
    app, client, auth, make, session, background
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    upload = _upload(auth, GOOD)
    assert upload.status_code == 302 and "/import/reading/" in upload.location
    preview = _run(app, client, upload.location, jobs.PREVIEW_KIND)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "3 new documents will be created" in page
    assert "Harbour lantern survey 2" in page and "Alda Quenby; Corin Rusk" in page
    assert _documents(session) == 0  # the preview writes nothing
    confirm = auth.post("/import/confirm", {"job": _job_field(page)})
    assert confirm.status_code == 302 and "/import/writing/" in confirm.location
    done = _run(app, client, confirm.location, jobs.WRITE_KIND)
    assert done.status_code == 302 and done.location.endswith("/documents/")
    assert "Imported 3 new documents" in client.get(done.location).get_data(as_text=True)
    assert _documents(session) == 3
    # someone else's import jobs are not shown, nor taken by a form
    make.user(Role.EDITOR, email="other@example.org")
    auth.login("other@example.org")
    assert client.get(upload.location).status_code == 404
    assert auth.post("/import/confirm", {"job": _job_field(page)}).status_code == 404


def test_a_bad_big_file_is_refused_by_its_job_naming_the_line(
    app, client, auth, make, session, background
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = _run(app, client, _upload(auth, BAD).location, jobs.PREVIEW_KIND)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Nothing was imported" in page
    assert "line 8 (survey2): the title is longer than 1,000 characters" in page
    assert _documents(session) == 0
    # The other entries can still be imported, skipping the bad one: in the background too.
    skipping = auth.post("/import/skipping", {"job": _job_field(page)})
    assert "/import/reading/" in skipping.location
    preview = _run(app, client, skipping.location, jobs.PREVIEW_KIND).get_data(as_text=True)
    assert "2 new documents will be created" in preview and "left out, as you chose" in preview
    confirm = auth.post("/import/confirm", {"job": _job_field(preview)})
    assert _run(app, client, confirm.location, jobs.WRITE_KIND).status_code == 302
    assert _documents(session) == 2


def test_a_bad_big_file_sent_to_be_written_writes_nothing(
    app, client, auth, make, session, background
):
    """The import job refuses a file whole, as the request does, naming the line at fault."""
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    confirm = auth.post("/import/confirm", {"content": BAD, "format": "bibtex"})
    assert confirm.status_code == 302 and "/import/writing/" in confirm.location
    refused = _run(app, client, confirm.location, jobs.WRITE_KIND)
    assert refused.status_code == 422
    assert "line 8 (survey2): the title is longer than 1,000 characters" in refused.get_data(
        as_text=True
    )
    assert _documents(session) == 0
    session.rollback()
    job = session.scalar(select(Job).where(Job.kind == jobs.WRITE_KIND))
    assert job.state.value == "failed" and "line 8" in job.message


def test_a_small_file_is_still_previewed_in_the_request(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = _upload(auth, GOOD)
    assert preview.status_code == 200 and "3 new documents will be created" in preview.get_data(
        as_text=True
    )
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Job)) == 0


def test_what_is_imported_at_once_is_bounded_by_size_and_entries():
    assert not jobs.needs_background(GOOD)
    assert jobs.needs_background("x" * (jobs.BACKGROUND_CHARACTERS + 1))
    many = "".join(_entry(number % 100) for number in range(jobs.BACKGROUND_ENTRIES + 1))
    assert len(many) < jobs.BACKGROUND_CHARACTERS and jobs.needs_background(many)
    ris = "TY  - JOUR\nTI  - Kiln\nER  - \n" * (jobs.BACKGROUND_ENTRIES + 1)
    assert jobs.needs_background(ris)
    csl = '{"type": "book", "title": "Kiln"},' * (jobs.BACKGROUND_ENTRIES + 1)
    assert jobs.needs_background(f"[{csl[:-1]}]")


def test_a_preview_confirmed_twice_is_imported_by_one_job(
    app, client, auth, make, session, background
):
    """A second click, or a replayed form, leads to the first import's page: no second job
    copies the file (each job keeps it whole) or writes it again."""
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = _run(app, client, _upload(auth, GOOD).location, jobs.PREVIEW_KIND)
    preview_job = _job_field(page.get_data(as_text=True))
    first = auth.post("/import/confirm", {"job": preview_job})
    again = auth.post("/import/confirm", {"job": preview_job})
    assert first.status_code == again.status_code == 302
    assert again.location == first.location
    session.rollback()
    kinds = session.scalars(select(Job.kind).where(Job.kind == jobs.WRITE_KIND)).all()
    assert kinds == [jobs.WRITE_KIND]
