"""JSON bodies that broke the server: nested 10,000 deep, and half a surrogate pair."""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.vocab import Role
from tests.factories import Factory


@pytest.fixture
def headers(make: Factory, session) -> dict[str, str]:
    user = make.user(Role.EDITOR)
    secret = create_token(session, user, "script").secret
    session.commit()
    return {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}


@pytest.mark.parametrize("depth", [40, 10_000, 100_000])
def test_deeply_nested_json_is_a_400_that_says_so(client, headers, depth):
    body = '{"text": "A claim", "tags": ' + "[" * depth + "]" * depth + "}"
    response = client.post("/api/v1/claims", headers=headers, data=body)
    assert response.status_code == 400
    assert "nested too deeply" in response.get_json()["message"]


@pytest.mark.parametrize("escaped", ["\\ud800", "\\udfff", "a\\ud800b", "\\ud800\\ud800"])
def test_half_a_surrogate_pair_is_a_400_that_says_so(client, headers, escaped, session):
    response = client.post("/api/v1/claims", headers=headers, data=f'{{"text": "{escaped}"}}')
    assert response.status_code == 400
    assert "not valid Unicode" in response.get_json()["message"]


def test_a_whole_surrogate_pair_is_a_character_like_any_other(client, headers):
    response = client.post(
        "/api/v1/claims", headers=headers, data='{"text": "Emoji \\ud83d\\ude00 ok"}'
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["data"]["text"] == "Emoji \U0001f600 ok"


def test_a_number_of_thousands_of_digits_is_a_400_that_says_so(client, headers):
    """Python reads no integer of more than 4,300 digits: the body was answered as no JSON
    object at all ("The body must be a JSON object"), which it is."""
    body = '{"text": "A claim", "version": ' + "9" * 5000 + "}"
    response = client.patch("/api/v1/claims/1", headers=headers, data=body)
    assert response.status_code == 400
    assert "digits" in response.get_json()["message"]
