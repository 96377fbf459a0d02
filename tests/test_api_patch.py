"""PATCH changes only the fields it is sent: every other field stays as it was."""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.claims import get_claim
from factdb.vocab import Role, Status
from tests.factories import Factory

#: Fields a successful write always moves on.
BOOKKEEPING = {"version", "updated_at"}


@pytest.fixture
def headers(make: Factory, session) -> dict[str, str]:
    editor = make.user(Role.EDITOR, email="editor@example.org", name="Jonas")
    secret = create_token(session, editor, "script").secret
    session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def records(client, headers) -> dict[str, dict]:
    """One fully filled-in source, document, claim and citation, made through the API."""

    def post(path: str, body: dict) -> dict:
        response = client.post(path, headers=headers, json=body)
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["data"]

    source = post("/api/v1/sources", {"name": "Dana Whitfield", "kind": "person", "role": "Senator",
                                      "aliases": ["Senator Whitfield"], "wikidata": "Q42"})  # fmt: skip
    document = post("/api/v1/documents", {"title": "Minutes", "doc_type": "report", "url": "https://senate.example/m",
                                          "published": "2026-03", "language": "en", "authors": [source["id"]]})  # fmt: skip
    claim = post("/api/v1/claims", {"text": "The Senate was consulted.", "context": "Budget debate",
                                    "tags": ["senate", "budget"], "citations": [
        {"document": document["id"], "speaker": source["id"], "relation": "supports", "quote": "we were consulted",
         "quote_type": "paraphrase", "locator": "p. 4", "speaker_role": "Committee chair"}]})  # fmt: skip
    return {"source": source, "document": document, "claim": claim,
            "citation": claim["citations"][0]}  # fmt: skip


PATCHES = [
    ("citation", "/api/v1/citations/{id}", {"locator": "para. 7"}),
    ("citation", "/api/v1/citations/{id}", {"quote": "we were consulted twice"}),
    ("citation", "/api/v1/citations/{id}", {"relation": "disputes"}),
    ("citation", "/api/v1/citations/{id}", {"quote_type": "direct"}),
    ("citation", "/api/v1/citations/{id}", {"speaker_role": "Senator"}),
    ("citation", "/api/v1/citations/{id}", {"document": "Evening news"}),
    ("claim", "/api/v1/claims/{id}", {"text": "The Senate was not consulted."}),
    ("claim", "/api/v1/claims/{id}", {"context": "Second reading"}),
    ("claim", "/api/v1/claims/{id}", {"tags": ["parliament"]}),
    ("source", "/api/v1/sources/{id}", {"role": "Former senator"}),
    ("source", "/api/v1/sources/{id}", {"aliases": ["D. Whitfield"]}),
    ("document", "/api/v1/documents/{id}", {"language": "de"}),
    ("document", "/api/v1/documents/{id}", {"title": "Minutes of 2 March"}),
]


@pytest.mark.parametrize(("kind", "path", "change"), PATCHES,
                         ids=[f"{kind}-{next(iter(change))}" for kind, _p, change in PATCHES])  # fmt: skip
def test_a_patch_of_one_field_leaves_every_other_field_as_it_was(
    client, headers, records, kind, path, change
):
    record = records[kind]
    url = path.format(id=record["id"])
    before = client.get(url, headers=headers).get_json()["data"]
    response = client.patch(url, headers=headers, json={"version": before["version"], **change})
    assert response.status_code == 200, response.get_data(as_text=True)
    after = client.get(url, headers=headers).get_json()["data"]
    (name,) = change
    changed = {key for key in before if before[key] != after[key]} - BOOKKEEPING
    assert name in changed, f"{name} was sent but not changed"
    # A claim's citations and a document's authors are other records; only `name` may move.
    assert changed == {name}
    answered = response.get_json()["data"]
    assert answered == {key: after[key] for key in answered}


def test_patching_a_citations_locator_keeps_the_rest_and_names_only_the_locator(
    client, headers, records, make: Factory, session
):
    """The report: a PATCH of the locator blanked the quote and speaker of a judged citation."""
    citation, claim = records["citation"], records["claim"]
    reviewer = make.user(Role.REVIEWER, email="reviewer@example.org")
    make.set_status(get_claim(session, claim["id"]), reviewer, Status.TRUE, note="Minutes agree.")
    response = client.patch(f"/api/v1/citations/{citation['id']}", headers=headers,
                            json={"version": citation["version"], "locator": "para. 7"})  # fmt: skip
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()["data"]
    assert (data["quote"], data["speaker"]["name"], data["relation"], data["locator"]) == (
        "we were consulted",
        "Dana Whitfield",
        "supports",
        "para. 7",
    )
    history = client.get(f"/api/v1/claims/{claim['id']}/history", headers=headers).get_json()
    edits = [
        c
        for c in history["data"]["changes"]
        if c["entity"] == "citation" and c["action"] == "updated"
    ]
    assert [list(c["fields"]) for c in edits] == [["locator"]]  # fmt: skip


def test_a_null_speaker_in_a_citation_patch_says_the_document_asserts_it(client, headers, records):
    citation = records["citation"]
    response = client.patch(f"/api/v1/citations/{citation['id']}", headers=headers,
                            json={"version": citation["version"], "speaker": None})  # fmt: skip
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()["data"]
    assert data["speaker"] is None and data["quote"] == "we were consulted"


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("post", "/api/v1/claims/{claim}/citations", {"document": 999999}, "document"),
        (
            "post",
            "/api/v1/claims/{claim}/citations",
            {"document": "D", "relation": "?"},
            "relation",
        ),
        ("patch", "/api/v1/citations/{citation}", {"speaker": True}, "speaker"),
        ("patch", "/api/v1/citations/{citation}", {"quote_type": "?"}, "quote_type"),
    ],
)
def test_a_citation_bodys_errors_name_its_own_fields(
    client, headers, records, method, path, body, field
):
    """A citation sent on its own is the body: its fields are named as the body names them."""
    url = path.format(claim=records["claim"]["id"], citation=records["citation"]["id"])
    version = {"version": records["citation"]["version"]} if method == "patch" else {}
    response = getattr(client, method)(url, headers=headers, json=version | body)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert list(response.get_json()["fields"]) == [field]
