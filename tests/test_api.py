"""The JSON API: tokens, roles, the review workflow, conflicts, errors, and the OpenAPI document."""

from __future__ import annotations

import re

import jsonschema
import pytest

from factdb.access import create_token
from factdb.api.spec import openapi
from factdb.vocab import Role
from tests.factories import Factory

SPEC = openapi()


def check(response, status: int, schema: dict | None = None):
    """Assert the status, and that the body matches the schema the OpenAPI document promises."""
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    if schema is not None:
        jsonschema.validate(body, {**schema, "components": SPEC["components"]})
    return body


def declared(path: str, method: str, status: int) -> dict:
    operation = SPEC["paths"][path][method]
    return operation["responses"][str(status)]["content"]["application/json"]["schema"]


ERROR = {"$ref": "#/components/schemas/Error"}


@pytest.fixture
def tokens(make: Factory, session):
    users = {
        "viewer": make.user(Role.VIEWER, email="viewer@example.org"),
        "editor": make.user(Role.EDITOR, email="editor@example.org", name="Jonas"),
        "reviewer": make.user(Role.REVIEWER, email="reviewer@example.org", name="Li"),
    }
    secrets = {
        role: create_token(session, user, f"{role} script").secret for role, user in users.items()
    }
    secrets["readonly"] = create_token(session, users["editor"], "dashboard", read_only=True).secret
    session.commit()
    return {role: {"Authorization": f"Bearer {secret}"} for role, secret in secrets.items()}


def test_a_script_files_a_claim_and_moves_it_through_review(client, tokens):
    created = check(
        client.post(
            "/api/v1/claims",
            headers=tokens["editor"],
            json={
                "text": "The Senate was not consulted.",
                "tags": ["senate"],
                "citations": [
                    {"document": "Senate record of 2 March", "speaker": "Dana Whitfield", "relation": "supports",
                     "quote": "we were not consulted", "locator": "p. 4"},
                ],
            },
        ),
        201,
        declared("/api/v1/claims", "post", 201),
    )["data"]  # fmt: skip
    claim_id, citation_id = created["id"], created["citations"][0]["id"]
    assert created["citations"][0]["speaker"]["name"] == "Dana Whitfield"

    moved = check(
        client.post(f"/api/v1/claims/{claim_id}/status", headers=tokens["editor"], json={"version": created["version"], "status": "in_review"}),
        201,
        declared("/api/v1/claims/{claim_id}/status", "post", 201),
    )["data"]  # fmt: skip
    assert moved["to_status"] == "in_review"
    # The editor who filed it may not judge it; a reviewer may, with a note and evidence.
    version = client.get(f"/api/v1/claims/{claim_id}", headers=tokens["editor"]).get_json()["data"][
        "version"
    ]
    refused = check(
        client.post(f"/api/v1/claims/{claim_id}/status", headers=tokens["editor"],
                    json={"version": version, "status": "true", "note": "n", "evidence": [citation_id]}),
        403, ERROR,
    )  # fmt: skip
    assert "reviewer" in refused["message"]
    missing_note = check(
        client.post(f"/api/v1/claims/{claim_id}/status", headers=tokens["reviewer"], json={"version": version, "status": "true"}),
        422, ERROR,
    )  # fmt: skip
    assert set(missing_note["fields"]) == {"note", "evidence"}
    check(
        client.post(f"/api/v1/claims/{claim_id}/status", headers=tokens["reviewer"],
                    json={"version": version, "status": "true", "note": "The minutes agree.", "evidence": [citation_id]}),
        201, declared("/api/v1/claims/{claim_id}/status", "post", 201),
    )  # fmt: skip
    history = check(client.get(f"/api/v1/claims/{claim_id}/history", headers=tokens["viewer"]), 200,
                    declared("/api/v1/claims/{claim_id}/history", "get", 200))["data"]  # fmt: skip
    assert [c["to_status"] for c in history["status_changes"]] == ["in_review", "true"]
    assert history["status_changes"][1]["evidence"] == [citation_id]


def test_stale_update_answers_409_with_the_current_record(client, tokens, make, session):
    claim = make.claim(make.user(Role.EDITOR), "Original")
    first = client.patch(
        f"/api/v1/claims/{claim.id}",
        headers=tokens["editor"],
        json={"version": claim.version, "text": "First"},
    )
    check(first, 200, declared("/api/v1/claims/{claim_id}", "patch", 200))
    stale = check(
        client.patch(
            f"/api/v1/claims/{claim.id}",
            headers=tokens["editor"],
            json={"version": claim.version, "text": "Second"},
        ),
        409,
        ERROR,
    )
    assert stale["current"]["text"] == "First"
    assert (
        client.get(f"/api/v1/claims/{claim.id}", headers=tokens["viewer"]).get_json()["data"][
            "text"
        ]
        == "First"
    )


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"text": ""}, 422, "text"),
        ({"text": 5}, 422, "text"),
        ({"text": "x", "tags": "not a list"}, 422, "tags"),
        ({"text": "x", "tags": [1, 2]}, 422, "tags"),
        ({"text": "x", "citations": [{"document": True}]}, 422, "citations[0].document"),
        ({"text": "x", "citations": [{"document": 999999}]}, 422, "citations[0].document"),
        (
            {"text": "x", "citations": [{"document": "D", "relation": "maybe"}]},
            422,
            "citations[0].relation",
        ),
        ({"text": "x", "citations": ["nope"]}, 422, "citations[0]"),
        (
            {"text": "x", "citations": [{"document": "D"}, {"document": "D", "quote_type": "?"}]},
            422,
            "citations[1].quote_type",
        ),
        ({"text": "x", "colour": "red"}, 422, "colour"),
        ({"text": "x\x00y" * 300_000}, 422, "text"),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_changes_nothing(client, tokens, body, status, field):
    response = check(
        client.post("/api/v1/claims", headers=tokens["editor"], json=body), status, ERROR
    )
    assert field in response["fields"]
    assert client.get("/api/v1/claims", headers=tokens["viewer"]).get_json()["meta"]["total"] == 0


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"text": 5, "citations": "x", "tags": {"a": 1}}, {"text", "citations", "tags"}),
        ({"text": "", "citations": ["nope", {"document": True}]},
         {"text", "citations[0]", "citations[1].document"}),
    ],
)  # fmt: skip
def test_every_bad_field_is_named_at_once_not_only_the_first(client, tokens, body, fields):
    response = check(client.post("/api/v1/claims", headers=tokens["editor"], json=body), 422, ERROR)
    assert set(response["fields"]) == fields
    assert client.get("/api/v1/claims", headers=tokens["viewer"]).get_json()["meta"]["total"] == 0


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"\xff\xfe\x00", b'"just a string"'])
def test_bodies_that_are_not_json_objects(client, tokens, raw):
    response = client.post(
        "/api/v1/claims", headers={**tokens["editor"], "Content-Type": "application/json"}, data=raw
    )
    body = check(response, 400, ERROR)
    assert body["code"] == "not_json"


def test_tokens_roles_and_revocation(client, tokens, auth, make):
    check(client.post("/api/v1/claims", headers=tokens["viewer"], json={"text": "x"}), 403, ERROR)
    read_only = check(
        client.post("/api/v1/claims", headers=tokens["readonly"], json={"text": "x"}), 403, ERROR
    )
    assert read_only["code"] == "read_only_token"
    check(
        client.get("/api/v1/claims", headers=tokens["readonly"]),
        200,
        declared("/api/v1/claims", "get", 200),
    )
    assert (
        check(
            client.get("/api/v1/claims", headers={"Authorization": "Bearer fdb_wrong"}), 401, ERROR
        )["code"]
        == "invalid_token"
    )
    assert check(client.get("/api/v1/claims"), 401, ERROR)["code"] == "login_required"

    # Tokens are made and revoked on the profile page; the secret is shown once, stored hashed.
    auth.login("editor@example.org")
    page = auth.post("/profile/tokens", {"name": "CMS"})
    assert page.status_code == 201
    secret = re.search(r'id="new-token">(fdb_[^<]+)<', page.get_data(as_text=True)).group(1)
    headers = {"Authorization": f"Bearer {secret}"}
    check(client.get("/api/v1/claims", headers=headers), 200)
    listing = client.get("/profile/").get_data(as_text=True)
    assert secret not in listing and secret[:12] in listing
    token_id = re.findall(r"/profile/tokens/(\d+)/revoke", listing)[0]
    assert auth.post(f"/profile/tokens/{token_id}/revoke").status_code == 302
    assert (
        check(client.get("/api/v1/claims", headers=headers), 401, ERROR)["code"] == "invalid_token"
    )


def test_sources_documents_citations_audit_and_export(client, tokens):
    parent = check(client.post("/api/v1/sources", headers=tokens["editor"], json={"name": "Senate", "kind": "government"}), 201,
                   declared("/api/v1/sources", "post", 201))["data"]  # fmt: skip
    source = check(client.post("/api/v1/sources", headers=tokens["editor"],
                               json={"name": "Dana Whitfield", "kind": "person", "parent_id": parent["id"], "aliases": ["Senator Whitfield"]}),
                   201, declared("/api/v1/sources", "post", 201))["data"]  # fmt: skip
    assert source["aliases"] == ["Senator Whitfield"] and source["family_name"] == "Whitfield"
    document = check(client.post("/api/v1/documents", headers=tokens["editor"],
                                 json={"title": "Minutes", "doc_type": "report", "authors": [parent['id']], "url": "https://senate.example/m",
                                       "published": "2026-03", "full_text": "The committee was consulted on 2 March."}),
                     201, declared("/api/v1/documents", "post", 201))["data"]  # fmt: skip
    assert document["authors"][0]["name"] == "Senate" and document["has_text"]
    claim = check(client.post("/api/v1/claims", headers=tokens["editor"], json={"text": "Consulted", "citations": [
        {"document": document["id"], "speaker": source["id"], "quote": "was consulted on 3 March"}]}), 201)["data"]  # fmt: skip
    added = check(client.post(f"/api/v1/claims/{claim['id']}/citations", headers=tokens["editor"],
                              json={"document": document["id"], "relation": "supports"}), 201,
                  declared("/api/v1/claims/{claim_id}/citations", "post", 201))["data"]  # fmt: skip
    patched = check(client.patch(f"/api/v1/citations/{added['id']}", headers=tokens["editor"],
                                 json={"version": added["version"], "document": document["id"], "relation": "disputes"}),
                    200, declared("/api/v1/citations/{citation_id}", "patch", 200))["data"]  # fmt: skip
    assert patched["relation"] == "disputes"
    check(
        client.patch(
            f"/api/v1/sources/{source['id']}",
            headers=tokens["editor"],
            json={"version": source["version"] + 7, "role": "x"},
        ),
        409,
        ERROR,
    )
    check(client.patch(f"/api/v1/documents/{document['id']}", headers=tokens["editor"], json={"version": document["version"], "language": "en"}),
          200, declared("/api/v1/documents/{document_id}", "patch", 200))  # fmt: skip
    findings = check(client.get(f"/api/v1/audit?document={document['id']}", headers=tokens["viewer"]), 200,
                     declared("/api/v1/audit", "get", 200))["data"]  # fmt: skip
    assert "QUOTE_ALTERED" in {f["rule"] for f in findings}
    bib = client.get(f"/api/v1/export?format=bibtex&claim={claim['id']}", headers=tokens["viewer"])
    assert bib.status_code == 200 and "@techreport" in bib.get_data(as_text=True)
    for path in ("/api/v1/sources", "/api/v1/documents"):
        check(client.get(path, headers=tokens["viewer"]), 200, declared(path, "get", 200))
    check(
        client.get(f"/api/v1/sources/{source['id']}", headers=tokens["viewer"]),
        200,
        declared("/api/v1/sources/{source_id}", "get", 200),
    )
    check(
        client.get(f"/api/v1/documents/{document['id']}", headers=tokens["viewer"]),
        200,
        declared("/api/v1/documents/{document_id}", "get", 200),
    )
    check(
        client.get(f"/api/v1/citations/{added['id']}", headers=tokens["viewer"]),
        200,
        declared("/api/v1/citations/{citation_id}", "get", 200),
    )
    listing = check(
        client.get(f"/api/v1/claims?source={source['id']}&per_page=5", headers=tokens["viewer"]),
        200,
        declared("/api/v1/claims", "get", 200),
    )
    assert [c["id"] for c in listing["data"]] == [claim["id"]] and listing["meta"]["per_page"] == 5
    check(client.get("/api/v1/claims?status=bogus", headers=tokens["viewer"]), 422, ERROR)
    check(client.get("/api/v1/claims?per_page=100000", headers=tokens["viewer"]), 422, ERROR)
    check(client.get("/api/v1/claims/99999", headers=tokens["viewer"]), 404, ERROR)


def test_openapi_document_is_valid_and_covers_every_route(app, client):
    from openapi_spec_validator import validate

    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    documented = {
        (path.removeprefix("/api/v1"), method.upper())
        for path, ops in spec["paths"].items()
        for method in ops
    }
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint not in (
            "api.openapi",
            "api.reference",
        ):
            path = re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule.rule).removeprefix("/api/v1")
            routed |= {(path, method) for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}}
    assert documented == routed
    assert "GET /api/v1/claims" in client.get("/api/v1/").get_data(as_text=True)


def test_pages_offer_their_json_twin(client, auth, make):
    make.user(Role.VIEWER, email="v@example.org")
    auth.login("v@example.org")
    response = client.get("/?status=true&tag=x")
    assert (
        response.headers["Link"]
        == '</api/v1/claims?status=true&tag=x>; rel="alternate"; type="application/json"'
    )
    assert "This page as JSON" in response.get_data(as_text=True)
    twin = client.get("/api/v1/claims?status=true&tag=x")
    assert twin.status_code == 200 and twin.get_json()["meta"]["total"] == 0


def test_login_is_rate_limited_per_account_without_revealing_accounts(client, auth, make):
    make.user(Role.EDITOR, email="target@example.org")
    for _ in range(5):
        assert (
            auth.post(
                "/login", {"email": "target@example.org", "password": "wrong guess"}
            ).status_code
            == 401
        )
    blocked = auth.post(
        "/login", {"email": "target@example.org", "password": "correct horse battery"}
    )
    assert blocked.status_code == 429 and "Too many failed log-ins" in blocked.get_data(
        as_text=True
    )
    for _ in range(5):
        auth.post("/login", {"email": "nobody@example.org", "password": "wrong guess"})
    ghost = auth.post("/login", {"email": "nobody@example.org", "password": "x" * 9})
    assert ghost.status_code == 429  # the same answer whether the account exists or not


def test_session_cookie_flags(client, make):
    make.user(Role.VIEWER, email="c@example.org")
    page = client.get("/login", base_url="https://factdb.example")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post(
        "/login",
        base_url="https://factdb.example",
        headers={"Referer": "https://factdb.example/login"},  # Flask-WTF checks it over HTTPS
        data={"email": "c@example.org", "password": "correct horse battery", "csrf_token": token},
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


@pytest.mark.parametrize(
    "typed", ["https://port.example/statement/", "harbour STATEMENT", "Harbour statement."]
)
def test_a_citation_names_a_recorded_document_however_its_title_or_address_is_typed(
    client, tokens, make, session, typed
):
    """A trailing slash or another case must not make a second copy of a recorded document."""
    recorded = make.document("Harbour statement", url="https://port.example/statement")
    created = check(
        client.post(
            "/api/v1/claims",
            headers=tokens["editor"],
            json={"text": "The harbour reopens in March.", "citations": [{"document": typed}]},
        ),
        201,
    )["data"]
    assert created["citations"][0]["document"]["id"] == recorded.id
    from factdb.models import Document

    assert session.query(Document).count() == 1


def test_a_citation_gives_a_new_documents_type_authors_and_address(client, tokens, session):
    """A script records a speech with its speaker as author in one call, as the claim form can."""
    created = check(
        client.post(
            "/api/v1/claims",
            headers=tokens["editor"],
            json={"text": "The port will close in winter.", "citations": [{
                "document": {"title": "Address to the harbour board", "doc_type": "speech",
                             "authors": ["Mira Oduya"], "url": "https://port.example/speech",
                             "published": "2026-03-02"},
                "speaker": "Mira Oduya", "quote": "we close the port in winter"}]},
        ),
        201,
    )["data"]  # fmt: skip
    document = check(
        client.get(
            f"/api/v1/documents/{created['citations'][0]['document']['id']}",
            headers=tokens["editor"],
        ),
        200,
    )["data"]
    assert document["title"] == "Address to the harbour board"
    assert document["doc_type"] == "speech" and document["url"] == "https://port.example/speech"
    assert [author["name"] for author in document["authors"]] == ["Mira Oduya"]
    # The same document given again, by its address, is the recorded one, not a copy.
    again = check(
        client.post(
            "/api/v1/claims",
            headers=tokens["editor"],
            json={"text": "The port reopens in March.", "citations": [{
                "document": {"title": "Speech on the port", "url": "https://port.example/speech/"}}]},
        ),
        201,
    )["data"]  # fmt: skip
    assert again["citations"][0]["document"]["id"] == document["id"]


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"doc_type": "speech"}, "citations[0].document.title"),
        ({"title": "Minutes", "doc_type": "poem"}, "citations[0].document.doc_type"),
        ({"title": "Minutes", "colour": "red"}, "citations[0].document.colour"),
        ({"title": "Minutes", "url": "not an address"}, "citations[0].document.url"),
    ],
)
def test_a_new_documents_bad_field_is_named_and_nothing_is_written(
    client, tokens, session, document, field
):
    answer = check(
        client.post(
            "/api/v1/claims",
            headers=tokens["editor"],
            json={"text": "The port closes.", "citations": [{"document": document}]},
        ),
        422,
    )
    assert field in answer["fields"], answer
    from factdb.models import Claim, Document

    assert session.query(Document).count() == 0 and session.query(Claim).count() == 0


def test_a_viewers_token_is_listed_with_what_the_role_allows(client, auth, make):
    """A token does what its owner's role allows: a viewer's writes nothing shared."""
    make.user(Role.VIEWER, email="reader@example.org")
    make.commit()
    auth.login("reader@example.org")
    auth.post("/profile/tokens", {"name": "dashboard"})
    listing = client.get("/profile/").get_data(as_text=True)
    assert "read and write" not in listing
    assert "reads, and your own saved views (as a viewer)" in listing
    assert "Tick “Read only” to keep it reading whatever your role becomes." in listing


def _claim_citing(client, tokens, citations) -> dict:
    """A claim of the same words each time: `?different=true` says each is meant as another."""
    return check(
        client.post(
            "/api/v1/claims?different=true",
            headers=tokens["editor"],
            json={"text": "The port closes in winter.", "citations": citations},
        ),
        201,
    )["data"]


def test_a_new_document_at_another_address_is_not_a_recorded_namesake(client, tokens, session):
    """Same title, different address: two reports, not one, and the new one keeps its details."""
    from factdb.models import Document

    first = _claim_citing(client, tokens, [{"document": {"title": "Annual report", "url": "https://harbour.example/report"}}])  # fmt: skip
    second = _claim_citing(client, tokens, [{"document": {"title": "Annual report", "url": "https://rail.example/report", "published": "2025-01-01"}}])  # fmt: skip
    assert second["citations"][0]["document"]["id"] != first["citations"][0]["document"]["id"]
    made = _claim_citing(client, tokens, [{"document": {"title": "Minutes", "url": "https://a.example/m"}},
                                          {"document": {"title": "Minutes", "url": "https://b.example/m"}}])  # fmt: skip
    assert len({citation["document"]["id"] for citation in made["citations"]}) == 2
    assert session.query(Document).count() == 4


def test_a_viewers_read_only_token_stays_read_only_after_a_promotion(client, auth, make, session):
    viewer = make.user(Role.VIEWER, email="reader@example.org")
    make.commit()
    auth.login("reader@example.org")
    page = auth.post("/profile/tokens", {"name": "dashboard", "read_only": "y"})
    secret = re.search(r"fdb_[\w-]+", page.get_data(as_text=True)).group(0)
    viewer.role = Role.EDITOR
    session.commit()
    answer = client.post(
        "/api/v1/claims",
        headers={"Authorization": f"Bearer {secret}"},
        json={"text": "The pier reopens in May."},
    )
    assert answer.status_code == 403
