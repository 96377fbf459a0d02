"""One person may keep only so many jobs waiting: a script cannot fill the queue for everyone.

A loop over POST /api/v1/captures (or pasting article after article) queued a job per call,
each fetching a page or parsing up to 2 MB, and everybody else's work waited behind them.
"""

from __future__ import annotations

from sqlalchemy import func, select

from factdb.access import create_token
from factdb.jobs.queue import MAX_WAITING_PER_PERSON
from factdb.models import Job
from factdb.vocab import Role


def _token(make, session, email: str) -> dict[str, str]:
    user = make.user(Role.EDITOR, email=email)
    secret = create_token(session, user, "script").secret
    session.commit()
    return {"Authorization": f"Bearer {secret}"}


def _capture(client, headers, number: int):
    return client.post("/api/v1/captures", headers=headers,
                       json={"url": f"https://news.example/story-{number}"})  # fmt: skip


def test_a_person_with_a_full_queue_is_refused_and_others_are_not(client, make, session):
    mine, theirs = _token(make, session, "a@example.org"), _token(make, session, "b@example.org")
    for number in range(MAX_WAITING_PER_PERSON):
        assert _capture(client, mine, number).status_code == 202
    refused = _capture(client, mine, 999)
    assert refused.status_code == 422
    assert f"{MAX_WAITING_PER_PERSON} jobs waiting" in refused.get_json()["message"]
    assert session.scalar(select(func.count(Job.id))) == MAX_WAITING_PER_PERSON
    assert _capture(client, theirs, 1).status_code == 202


def test_a_cancelled_job_makes_room_again(client, make, session):
    mine = _token(make, session, "a@example.org")
    for number in range(MAX_WAITING_PER_PERSON):
        assert _capture(client, mine, number).status_code == 202
    assert client.post("/api/v1/jobs/1/cancel", headers=mine).status_code == 200
    assert _capture(client, mine, 999).status_code == 202
