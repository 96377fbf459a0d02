"""Capture and recheck through the API, and what rechecks find shown on the claim page."""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.vocab import Role
from tests.capture_site import ARTICLE_QUOTE, start_site
from tests.jobs_helpers import wait_for_job


@pytest.fixture
def site():
    running = start_site()
    yield running
    running.stop()


@pytest.fixture
def tokens(app, make, session) -> dict[str, dict[str, str]]:
    app.config.update(CAPTURE_ALLOW_PRIVATE=True, CAPTURE_TIMEOUT=2)
    found = {}
    for role in (Role.VIEWER, Role.EDITOR):
        user = make.user(role, email=f"{role.value}@example.org")
        found[role.value] = {
            "Authorization": f"Bearer {create_token(session, user, 'capture').secret}"
        }
    session.commit()
    return found


def _captured(app, client, headers, url: str) -> dict:
    """Start a capture, wait for its job, save it as a document; return the document."""
    started = client.post("/api/v1/captures", headers=headers, json={"url": url})
    assert started.status_code == 202, started.get_json()
    job = started.get_json()["data"]
    assert started.headers["Location"].endswith(f"/api/v1/jobs/{job['id']}")
    done = wait_for_job(app, job["id"])
    assert done.error == ""
    polled = client.get(started.headers["Location"], headers=headers).get_json()["data"]
    capture_id = polled["result"]["capture_id"]
    capture = client.get(f"/api/v1/captures/{capture_id}", headers=headers).get_json()["data"]
    assert capture["final_url"] == url and len(capture["body_sha256"]) == 64
    assert capture["document_id"] is None
    saved = client.post(f"/api/v1/captures/{capture_id}/document", headers=headers)
    assert saved.status_code == 201, saved.get_json()
    again = client.post(f"/api/v1/captures/{capture_id}/document", headers=headers)
    assert again.status_code == 422
    capture = client.get(f"/api/v1/captures/{capture_id}", headers=headers).get_json()["data"]
    assert capture["document_id"] == saved.get_json()["data"]["id"]
    warc = client.get(capture["warc_url"], headers=headers)
    assert warc.mimetype == "application/warc" and warc.data[:2] == b"\x1f\x8b"  # gzipped
    return saved.get_json()["data"]


def test_a_script_captures_a_page_cites_it_and_rechecks_it(app, client, tokens, site, consumer):
    editor = tokens["editor"]
    document = _captured(app, client, editor, site.url("/news/jsonld.html"))
    assert document["title"] == "Minister rules out fuel levy rise before budget"
    started = client.post(f"/api/v1/documents/{document['id']}/recheck", headers=editor)
    assert started.status_code == 202
    done = wait_for_job(app, started.get_json()["data"]["id"])
    assert done.result == {"alive": 1}, done.message


def test_capture_and_recheck_need_an_editor_and_a_web_address(client, tokens, make, session):
    viewer, editor = tokens["viewer"], tokens["editor"]
    assert (
        client.post(
            "/api/v1/captures", headers=viewer, json={"url": "https://a.example/"}
        ).status_code
        == 403
    )
    assert client.post("/api/v1/captures", json={"url": "https://a.example/"}).status_code == 401
    for body in ({"url": "ftp://a.example/x"}, {"url": "https://a.example/" + "x" * 2000}, {}, {"url": 5},
                 {"url": "https://a.example/", "other": 1}):  # fmt: skip
        response = client.post("/api/v1/captures", headers=editor, json=body)
        assert response.status_code in (400, 422), (body, response.get_json())
    offline = make.document("Printed leaflet")
    session.commit()
    assert client.post(f"/api/v1/documents/{offline.id}/recheck", headers=viewer).status_code == 403
    response = client.post(f"/api/v1/documents/{offline.id}/recheck", headers=editor)
    assert response.status_code == 422 and "no web address" in response.get_json()["message"]
    assert client.post("/api/v1/documents/999999/recheck", headers=editor).status_code == 404
    assert client.get("/api/v1/captures/999999", headers=viewer).status_code == 404
    assert client.post("/api/v1/captures/999999/document", headers=editor).status_code == 404


def test_the_claim_page_shows_what_rechecks_found(app, client, auth, tokens, site, consumer):
    """A changed page, a withdrawn quote and a page gone: each in the claim's findings panel."""
    editor = tokens["editor"]
    changing = _captured(app, client, editor, site.url("/changing.html"))
    gone = _captured(app, client, editor, site.url("/page/9.html"))
    claim = client.post(
        "/api/v1/claims",
        headers=editor,
        json={
            "text": "The levy will not rise this year.",
            "citations": [
                {"document": changing["id"], "relation": "asserts", "quote": ARTICLE_QUOTE},
                {"document": gone["id"], "relation": "asserts"},
            ],
        },
    ).get_json()["data"]
    auth.login("viewer@example.org")
    before = client.get(f"/claims/{claim['id']}").get_data(as_text=True)
    assert "Source gone" not in before and "withdrawn" not in before

    site.state.changing.append("The minister declined to comment on the levy.")
    site.state.gone.add(9)
    for document in (changing, gone):
        started = client.post(f"/api/v1/documents/{document['id']}/recheck", headers=editor)
        wait_for_job(app, started.get_json()["data"]["id"])
    page = client.get(f"/claims/{claim['id']}").get_data(as_text=True)
    assert "Source gone, no archive copy" in page
    assert "Source changed since capture" in page
    assert "Quote withdrawn from the live page" in page
    assert "is no longer on the live page" in page
