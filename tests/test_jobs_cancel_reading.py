"""A text pasted by mistake: its reading is cancelled from the page that shows its progress."""

from __future__ import annotations

import re
import time

from sqlalchemy import func, select

from factdb.demo import ANALYSIS_TEXT
from factdb.models import Document, Job, JobState
from factdb.vocab import Role
from factdb.web.database import database
from tests.jobs_helpers import wait_for_job


def _reading(client, auth, text: str) -> tuple[str, int]:
    response = auth.post("/intake/", {"title": "Pasted by mistake", "doc_type": "news_article", "text": text})  # fmt: skip
    assert response.status_code == 302 and "/intake/reading/" in response.location
    return response.location, int(response.location.rstrip("/").rsplit("/", 1)[1])


def _cancel_from(client, auth, location: str):
    page = client.get(location).get_data(as_text=True)
    form = re.search(r'<form method="post" action="([^"]+/cancel)"', page)
    assert form, "the reading page offers its Cancel button"
    back = re.search(r'type="hidden" name="next" value="([^"]+)"', page).group(1)
    return auth.post(form.group(1), {"next": back})


def test_a_waiting_reading_is_cancelled_from_its_page(app, client, auth, make, monkeypatch):
    from factdb.intake import jobs

    monkeypatch.setattr(jobs, "BACKGROUND_WORDS", 50)
    make.user(Role.EDITOR, email="ed@example.org")
    make.commit()
    auth.login("ed@example.org")
    location, job_id = _reading(client, auth, ANALYSIS_TEXT)
    response = _cancel_from(client, auth, location)
    assert response.status_code == 302 and response.location == location
    page = client.get(location).get_data(as_text=True)
    assert f"Job #{job_id} cancelled: it will not run." in page
    assert "Start again" in page and "/cancel" not in page
    assert 'http-equiv="refresh"' not in page


def test_a_long_reading_stops_part_way_and_keeps_no_proposals(
    app, client, auth, make, session, consumer, monkeypatch
):
    from factdb.intake import jobs

    monkeypatch.setattr(jobs, "BACKGROUND_WORDS", 50)
    make.user(Role.EDITOR, email="ed@example.org")
    make.commit()
    auth.login("ed@example.org")
    text = "\n\n".join([ANALYSIS_TEXT] * 150)  # 1,350 paragraphs, about 39,000 words
    location, job_id = _reading(client, auth, text)
    deadline = time.monotonic() + 120
    while True:
        with database(app).reader() as reader:
            job = reader.get(Job, job_id)
            if job.state is JobState.RUNNING and job.done >= 50:
                break
        assert not job.state.finished and time.monotonic() < deadline, job.message
        time.sleep(0.1)
    response = _cancel_from(client, auth, location)
    assert response.status_code == 302
    assert "is stopping" in client.get(location).get_data(as_text=True)
    stopped = wait_for_job(app, job_id, timeout=30)
    assert stopped.state is JobState.CANCELLED, stopped.message
    assert stopped.result is None and 0 < stopped.done < stopped.total
    page = client.get(location).get_data(as_text=True)
    assert "Start again" in page and "Review:" not in page
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_a_short_text_with_one_endless_paragraph_is_read_in_the_background(app, client, auth, make):
    """Under the word limit, but one paragraph of 3,000 words with no full stop: the parser
    would read it as one sentence inside the request."""
    make.user(Role.EDITOR, email="ed@example.org")
    make.commit()
    auth.login("ed@example.org")
    endless = " ".join(["the harbour council said nothing about ferries"] * 430)
    location, job_id = _reading(client, auth, f"Ferries\n\n“Closed,” Ana Ruiz said.\n\n{endless}")
    assert job_id and "/intake/reading/" in location


def test_what_is_read_at_once_is_bounded_by_words_characters_and_paragraphs():
    from factdb.intake.jobs import needs_background

    assert not needs_background("“Closed,” Ana Ruiz said.\n\n" * 400)  # 1,600 words, short lines
    assert needs_background("word " * 12_001)
    assert needs_background("x" * 100_001)  # few words, many characters
    assert needs_background("one " * 2_001)  # one paragraph of 2,001 words
    assert not needs_background(("one " * 1_999 + "\n\n") * 5)
