"""A job's result is its owner's: an article read in the background is nobody else's to read.

The review page of a background reading answers 404 to anyone but the person who pasted the
article; the API must not hand the same text out through the job that read it.
"""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.intake.jobs import KIND as READ_KIND
from factdb.jobs.app import job_queue
from factdb.vocab import Role
from tests.factories import Factory

ARTICLE = '"The orchard ledgers were never balanced," said Wenna Falcrest, the keeper of Dunmoor.'


@pytest.fixture
def headers(make: Factory, session) -> dict[str, dict[str, str]]:
    people = {
        "owner": make.user(Role.EDITOR, email="owner@example.org"),
        "viewer": make.user(Role.VIEWER, email="viewer@example.org"),
        "admin": make.user(Role.ADMIN, email="admin@example.org"),
    }
    found = {
        name: {"Authorization": f"Bearer {create_token(session, user, 'script').secret}"}
        for name, user in people.items()
    }
    found["owner_id"] = {"id": str(people["owner"].id)}
    session.commit()
    return found


@pytest.fixture
def reading(app, headers) -> int:
    """A finished background reading of the article, owned by the editor."""
    owner_id = int(headers["owner_id"]["id"])
    job = job_queue(app).submit_now(READ_KIND, {"title": "Ledgers", "text": ARTICLE}, owner_id)
    job_queue(app).execute(job.id)
    return job.id


def test_the_owner_reads_the_result_of_their_own_reading(client, headers, reading):
    body = client.get(f"/api/v1/jobs/{reading}", headers=headers["owner"]).get_json()["data"]
    assert body["state"] == "done"
    assert "orchard ledgers" in body["result"]["text"]


@pytest.mark.parametrize("who", ["viewer", "admin"])
def test_nobody_else_reads_the_article_through_the_job(client, headers, reading, who):
    one = client.get(f"/api/v1/jobs/{reading}", headers=headers[who]).get_json()["data"]
    listed = client.get("/api/v1/jobs", headers=headers[who]).get_json()["data"]
    assert one["state"] == "done" and one["message"]  # the job itself is no secret
    assert one["result"] is None
    assert [row["result"] for row in listed if row["id"] == reading] == [None]
    assert "orchard" not in client.get("/api/v1/jobs", headers=headers[who]).get_data(as_text=True)
