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
