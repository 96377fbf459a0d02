"""`GET /api/v1/audit` limited to a claim, document or source that does not exist says so
with 404, as `factdb audit` does: a script's check must not pass on a mistyped id."""

from __future__ import annotations

import pytest

from factdb.access import create_token
from factdb.vocab import Role


@pytest.fixture
def headers(session, make):
    secret = create_token(session, make.user(Role.EDITOR), "script").secret
    session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.parametrize(
    ("query", "said"),
    [("claim=9999", "No claim #9999"), ("document=99999", "No document #99999"),
     ("source=88888", "No source #88888")],
)  # fmt: skip
def test_a_missing_id_is_named_with_404(client, headers, query, said):
    response = client.get(f"/api/v1/audit?{query}", headers=headers)
    assert response.status_code == 404
    assert said in response.get_data(as_text=True)


def test_an_existing_claim_is_audited(client, headers, session, make):
    claim = make.claim(make.user(Role.EDITOR), "The ferry to Olvenholm runs twice a day")
    response = client.get(f"/api/v1/audit?claim={claim.id}", headers=headers)
    assert response.status_code == 200
    assert "UNSOURCED" in [finding["rule"] for finding in response.get_json()["data"]]
