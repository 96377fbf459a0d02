"""Team work through the API: the same rules and role checks as the pages."""

from __future__ import annotations

from factdb.vocab import Role
from tests.test_api import ERROR, check, declared, tokens  # noqa: F401 (the tokens fixture)


def _claim(client, tokens):  # noqa: F811
    body = {
        "text": "Exports fell by a third.",
        "citations": [{"document": "Trade bulletin", "relation": "supports"}],
    }
    return client.post("/api/v1/claims", headers=tokens["editor"], json=body).get_json()["data"]


def _user_id(session, email):
    from sqlalchemy import select

    from factdb.models import User

    return session.scalar(select(User.id).where(User.email == email))


def test_assign_queue_notes_and_notifications(client, tokens, session):  # noqa: F811
    claim = _claim(client, tokens)
    li = _user_id(session, "reviewer@example.org")
    path = f"/api/v1/claims/{claim['id']}/assignment"
    check(client.put(path, headers=tokens["viewer"], json={"reviewer": li}), 403, ERROR)
    check(client.put(path, headers=tokens["readonly"], json={"reviewer": li}), 403, ERROR)
    done = check(client.put(path, headers=tokens["editor"], json={"reviewer": li, "expected": [None, None]}),
                 200, declared("/api/v1/claims/{claim_id}/assignment", "put", 200))  # fmt: skip
    assert done["data"]["reviewer_name"] == "Li"
    stale = check(
        client.put(
            path, headers=tokens["editor"], json={"reviewer": None, "expected": [None, None]}
        ),
        409,
        ERROR,
    )
    assert stale["current"]["reviewer_id"] == li
    bad = check(
        client.put(
            path, headers=tokens["editor"], json={"editor": _user_id(session, "viewer@example.org")}
        ),
        422,
        ERROR,
    )
    assert "editor" in bad["fields"]
    moved = client.post("/api/v1/claims/bulk", headers=tokens["editor"],
                        json={"claims": [claim["id"]], "action": "in_review"})  # fmt: skip
    assert check(moved, 200, declared("/api/v1/claims/bulk", "post", 200))["data"]["done"] == [
        claim["id"]
    ]
    queue = check(
        client.get("/api/v1/queue", headers=tokens["reviewer"]),
        200,
        declared("/api/v1/queue", "get", 200),
    )
    assert (
        queue["data"]["counts"]["review"] == 1 and queue["data"]["review"][0]["id"] == claim["id"]
    )

    notes_path = f"/api/v1/claims/{claim['id']}/notes"
    check(client.post(notes_path, headers=tokens["viewer"], json={"text": "hi"}), 403, ERROR)
    note = check(client.post(notes_path, headers=tokens["editor"], json={"text": "@reviewer please look"}),
                 201, declared("/api/v1/claims/{claim_id}/notes", "post", 201))["data"]  # fmt: skip
    check(
        client.patch(
            f"/api/v1/notes/{note['id']}",
            headers=tokens["reviewer"],
            json={"text": "mine now", "version": 1},
        ),
        403,
        ERROR,
    )
    edited = check(
        client.patch(
            f"/api/v1/notes/{note['id']}",
            headers=tokens["editor"],
            json={"text": "@reviewer please look again", "version": 1},
        ),
        200,
    )
    assert edited["data"]["edited"] is True
    check(
        client.patch(
            f"/api/v1/notes/{note['id']}",
            headers=tokens["editor"],
            json={"text": "late", "version": 1},
        ),
        409,
        ERROR,
    )
    listed = check(client.get(notes_path, headers=tokens["viewer"]), 200)
    assert [n["text"] for n in listed["data"]] == ["@reviewer please look again"]

    told = check(client.get("/api/v1/notifications", headers=tokens["reviewer"]), 200,
                 declared("/api/v1/notifications", "get", 200))["data"]  # fmt: skip
    assert sorted(n["kind"] for n in told) == ["assigned", "mention"]
    marked = check(
        client.post("/api/v1/notifications/read", headers=tokens["reviewer"], json={}), 200
    )
    assert marked["data"]["marked"] == 2
    assert (
        client.get("/api/v1/notifications?unread=1", headers=tokens["reviewer"]).get_json()["data"]
        == []
    )


def test_saved_views_and_bulk_rules(client, tokens):  # noqa: F811
    claim = _claim(client, tokens)
    made = check(client.post("/api/v1/views", headers=tokens["viewer"],
                             json={"name": "Trade", "query": "q=exports&page=2", "shared": True}), 201)["data"]  # fmt: skip
    assert made["query"] == "q=exports" and "feed.atom?key=" in made["feed_url"]
    mine = check(
        client.post("/api/v1/views", headers=tokens["editor"], json={"name": "Private"}), 201
    )["data"]
    seen = [
        v["name"]
        for v in check(client.get("/api/v1/views", headers=tokens["reviewer"]), 200)["data"]
    ]
    assert seen == ["Trade"]
    check(client.delete(f"/api/v1/views/{mine['id']}", headers=tokens["reviewer"]), 404, ERROR)
    check(client.delete(f"/api/v1/views/{made['id']}", headers=tokens["editor"]), 403, ERROR)
    check(client.delete(f"/api/v1/views/{made['id']}", headers=tokens["viewer"]), 200)
    check(
        client.post(
            "/api/v1/claims/bulk",
            headers=tokens["viewer"],
            json={"claims": [claim["id"]], "action": "tag", "tag": "x"},
        ),
        403,
        ERROR,
    )
    refused = check(
        client.post(
            "/api/v1/claims/bulk",
            headers=tokens["editor"],
            json={"claims": [claim["id"]], "action": "verdict"},
        ),
        422,
        ERROR,
    )
    assert "action" in refused["fields"]
    tagged = check(
        client.post(
            "/api/v1/claims/bulk",
            headers=tokens["editor"],
            json={"claims": [claim["id"]], "action": "tag", "tag": "trade"},
        ),
        200,
    )
    assert tagged["data"]["done"] == [claim["id"]]
    assert client.get(f"/api/v1/claims/{claim['id']}", headers=tokens["viewer"]).get_json()["data"][
        "tags"
    ] == ["trade"]


def test_the_new_routes_are_in_the_openapi_document():
    from factdb.api.spec import openapi

    paths = openapi()["paths"]
    for path, method in [("/api/v1/queue", "get"), ("/api/v1/claims/{claim_id}/assignment", "put"),
                         ("/api/v1/claims/{claim_id}/notes", "post"), ("/api/v1/notes/{note_id}", "patch"),
                         ("/api/v1/views", "post"), ("/api/v1/views/{view_id}", "delete"),
                         ("/api/v1/claims/bulk", "post"), ("/api/v1/notifications/read", "post")]:  # fmt: skip
        assert method in paths[path], (path, method)
    assert Role.EDITOR.value in paths["/api/v1/claims/bulk"]["post"]["description"]


def test_nobody_assigns_a_claim_to_the_command_line_account(client, tokens, session):  # noqa: F811
    """No one logs in as it: a claim assigned to it would wait in nobody's queue."""
    from factdb.users import command_line_user

    claim = _claim(client, tokens)
    robot = command_line_user(session)
    session.commit()
    for slot in ("editor", "reviewer"):
        refused = check(
            client.put(f"/api/v1/claims/{claim['id']}/assignment", headers=tokens["editor"],
                       json={slot: robot.id}),
            422, ERROR,
        )  # fmt: skip
        assert refused["fields"] == {slot: "There is no such active account."}
    bulk = check(
        client.post("/api/v1/claims/bulk", headers=tokens["editor"],
                    json={"claims": [claim["id"]], "action": "assign", "editor": robot.id}),
        200,
    )["data"]  # fmt: skip
    assert bulk["done"] == [] and bulk["skipped"] == {
        str(claim["id"]): "There is no such active account."
    }
