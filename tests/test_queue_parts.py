"""My queue holds every claim assigned to me whose work is not done, a page at a time."""

from __future__ import annotations

import re

import pytest

from factdb.access import create_token
from factdb.team.assignment import assign
from factdb.team.queue import nav_counts, queue_counts, queue_for
from factdb.vocab import Relation, Role, Status
from tests.factories import Factory


@pytest.fixture
def people(make: Factory):
    return {
        "editor": make.user(Role.EDITOR, email="wren@example.org", name="Wren Oakes"),
        "reviewer": make.user(Role.REVIEWER, email="ilse@example.org", name="Ilse Marr"),
    }


def _assigned(session, make: Factory, people, text: str):
    claim = make.claim(
        people["editor"], text, document=make.document(f"Notice on {text}"),
        relation=Relation.SUPPORTS, quote=text.lower(),
    )  # fmt: skip
    assign(session, people["editor"], claim.id, reviewer_id=people["reviewer"].id)
    session.commit()
    return claim


def test_a_claim_assigned_to_review_is_in_the_queue_while_still_unverified(session, make, people):
    claim = _assigned(session, make, people, "The lido reopens in May.")
    counts = queue_counts(session, people["reviewer"].id)
    assert counts["review"] == 0 and counts["coming"] == 1 and counts["total"] == 1
    assert nav_counts(session, people["reviewer"].id).queue == 1
    assert [row.id for row in queue_for(session, people["reviewer"]).coming] == [claim.id]
    make.set_status(claim, people["editor"], Status.IN_REVIEW)
    queue = queue_for(session, people["reviewer"])
    assert queue.coming == [] and [row.id for row in queue.review] == [claim.id]
    make.set_status(claim, people["reviewer"], Status.TRUE, note="The notice says so.")
    assert queue_counts(session, people["reviewer"].id)["total"] == 0


def test_the_queue_page_shows_what_comes_to_me_to_review(auth, session, make, people):
    claim = _assigned(session, make, people, "The tram runs every six minutes.")
    auth.login("ilse@example.org")
    page = auth.client.get("/queue").get_data(as_text=True)
    assert "Coming to you for review" in page
    assert f"/claims/{claim.id}" in page


def test_a_part_of_the_queue_is_read_a_page_at_a_time(app, auth, session, make, people):
    app.config["PAGE_SIZE"] = 4
    ids = [_assigned(session, make, people, f"Bridge {n} was repainted.").id for n in range(6)]
    auth.login("ilse@example.org")
    first = auth.client.get("/queue/coming").get_data(as_text=True)
    shown = [int(n) for n in re.findall(r'href="/claims/(\d+)"', first)]
    assert shown == ids[:4]
    assert "1–4 of 6" in first
    following = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "after=" in following
    second = auth.client.get(following).get_data(as_text=True)
    assert [int(n) for n in re.findall(r'href="/claims/(\d+)"', second)] == ids[4:]
    assert auth.client.get("/queue/nothing").status_code == 404


def test_the_api_queue_names_what_comes_to_me_to_review(client, session, make, people):
    claim = _assigned(session, make, people, "The museum opens on Sundays.")
    secret = create_token(session, people["reviewer"], "script").secret
    session.commit()
    data = client.get("/api/v1/queue", headers={"Authorization": f"Bearer {secret}"}).get_json()
    assert data["data"]["counts"]["coming"] == 1
    assert [row["id"] for row in data["data"]["coming"]] == [claim.id]


def test_the_api_reads_a_part_of_the_queue_a_page_at_a_time(client, session, make, people):
    ids = [_assigned(session, make, people, f"Gate {n} opens at dawn.").id for n in range(3)]
    secret = create_token(session, people["reviewer"], "script").secret
    session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    first = client.get("/api/v1/queue/coming?per_page=2", headers=headers).get_json()
    assert [row["id"] for row in first["data"]] == ids[:2] and first["meta"]["total"] == 3
    after = first["meta"]["next_after"]
    second = client.get(f"/api/v1/queue/coming?per_page=2&after={after}", headers=headers)
    assert [row["id"] for row in second.get_json()["data"]] == ids[2:]
    assert client.get("/api/v1/queue/nothing", headers=headers).status_code == 404


@pytest.mark.parametrize("path", ["/queue/coming", "/queue/unassigned_review"])
def test_a_part_of_the_queue_needs_a_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_only_a_reviewer_reads_the_claims_in_review_nobody_has_taken(
    auth, client, session, make, people
):
    claim = _assigned(session, make, people, "The ferry leaves at noon.")
    assign(session, people["editor"], claim.id, reviewer_id=None)
    make.set_status(claim, people["editor"], Status.IN_REVIEW)
    session.commit()
    auth.login("wren@example.org")
    assert auth.client.get("/queue/unassigned_review").status_code == 403
    auth.login("ilse@example.org")
    page = auth.client.get("/queue/unassigned_review").get_data(as_text=True)
    assert f'href="/claims/{claim.id}"' in page
    secret = create_token(session, people["editor"], "script").secret
    session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/queue/unassigned_review", headers=headers).status_code == 403


def test_claims_in_review_with_no_reviewer_wait_for_any_reviewer_oldest_first(
    session, make, people
):
    editor, reviewer = people["editor"], people["reviewer"]
    claims = [_assigned(session, make, people, f"The ferry {n} runs at dawn.") for n in range(4)]
    assign(session, editor, claims[1].id, reviewer_id=None)  # an editor, no reviewer
    assign(session, editor, claims[2].id, reviewer_id=None)
    loose = make.claim(editor, "The quay lamps stay lit all night.")  # never assigned
    for claim in [claims[2], loose, claims[0], claims[1]]:  # updated in this order
        make.set_status(claim, editor, Status.IN_REVIEW)
    session.commit()
    waiting = [row.id for row in queue_for(session, reviewer).unassigned_review]
    assert waiting == [claims[2].id, loose.id, claims[1].id]
    assert [row.id for row in queue_for(session, reviewer, limit=2).unassigned_review] == waiting[
        :2
    ]
