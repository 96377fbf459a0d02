"""One declaration of a claim's own fields: every entry point keeps the same rules."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.api.bodies import CLAIM_BODY, CLAIM_PATCH, STATUS_BODY
from factdb.claims import ClaimInput, save_claim
from factdb.declarations.claim import CLAIM
from factdb.errors import ValidationFailed
from factdb.models import Claim
from factdb.serializers import SCHEMAS
from factdb.vocab import Role, Status
from tests.test_api import tokens  # noqa: F401  (fixture)


def test_the_request_schemas_are_the_declarations():
    for schema in (CLAIM_BODY, CLAIM_PATCH):
        assert schema["properties"]["text"]["maxLength"] == CLAIM["text"].max_length == 5000
        assert schema["properties"]["context"]["maxLength"] == 20_000


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "t" * 5001, "Keep the claim under 5,000 characters."),
        ("context", "c" * 20_001, "Keep the context under 20,000 characters."),
        ("tags", "t" * 101, "Keep each tag under 100 characters."),
    ],
)
def test_a_rule_is_refused_with_one_message_on_form_api_and_domain(
    client,
    auth,
    make,
    session,
    tokens,  # noqa: F811
    field,
    value,
    message,
):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    values = {"text": "Exports fell.", field: value}
    refused = auth.post("/claims/new", {**values, "save": "Save claim"})
    assert refused.status_code == 422
    assert message in refused.get_data(as_text=True).split(f'name="{field}"', 1)[1]

    body = {**values, "tags": [values["tags"]]} if field == "tags" else values
    response = client.post("/api/v1/claims", json=body, headers=tokens["editor"])
    assert (response.status_code, response.json["fields"]) == (422, {field: message})

    data = ClaimInput(**{**body, "tags": body.get("tags", [])})
    with pytest.raises(ValidationFailed) as domain:
        save_claim(session, editor, data)
    assert domain.value.fields == {field: message}
    session.rollback()
    assert session.scalar(select(func.count(Claim.id))) == 0


def test_the_api_names_a_wrong_type_like_the_other_records(client, tokens):  # noqa: F811
    response = client.post(
        "/api/v1/claims", json={"text": 5, "tags": [1]}, headers=tokens["editor"]
    )
    assert (response.status_code, response.json["fields"]) == (
        422,
        {"text": "Expected text.", "tags": "Expected a list of text."},
    )


def test_status_and_verdict_are_declared_once_and_set_only_by_review(client, tokens):  # noqa: F811
    status = {"type": "string", "enum": [member.value for member in Status]}
    assert CLAIM["status"].json_schema() == status == STATUS_BODY["properties"]["status"]
    for schema in ("Claim", "ClaimSummary"):
        properties = SCHEMAS[schema]["properties"]
        assert properties["status"] == status and properties["verdict"] == {"type": "string"}
    assert Claim.__table__.c.status.default.arg == CLAIM["status"].initial == Status.UNVERIFIED
    for schema in (CLAIM_BODY, CLAIM_PATCH):
        assert not {"status", "verdict"} & set(schema["properties"])
    response = client.post(
        "/api/v1/claims", json={"text": "Exports fell.", "status": "true"}, headers=tokens["editor"]
    )
    assert (response.status_code, response.json["fields"]) == (
        422,
        {"status": "Not a field of this resource."},
    )
