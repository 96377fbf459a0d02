"""Tagging many claims at once keeps the limits every other path keeps.

The bulk tag action (the claims list's form and `POST /api/v1/claims/bulk`) cut a tag
longer than 100 characters to its first 100 without a word, and gave a claim any number of
tags: a claim tagged past 30 could then not be saved at all, not even its text, until
someone took tags off.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.access import create_token
from factdb.claims import MAX_TAGS
from factdb.declarations.claim import MAX_TAG_LENGTH
from factdb.errors import ValidationFailed
from factdb.models import Tag
from factdb.models.claim import claim_tag
from factdb.team import bulk
from factdb.vocab import Role

LONG_TAG = "harbour" * 15  # 105 characters
MANY = ", ".join(f"levy {number}" for number in range(MAX_TAGS))


@pytest.fixture
def claims(make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    tagged = make.claim(editor, "The ferry ran late all winter.")
    bare = make.claim(editor, "The quay was rebuilt twice.")
    return editor, tagged, bare


def _tags(session, claim) -> list[str]:
    session.rollback()  # end the read begun before the request wrote
    return list(
        session.scalars(
            select(Tag.name)
            .join(claim_tag, claim_tag.c.tag_id == Tag.id)
            .where(claim_tag.c.claim_id == claim.id)
            .order_by(Tag.name)
        )
    )


def test_a_tag_too_long_is_refused_not_cut(session, claims):
    editor, tagged, _bare = claims
    with pytest.raises(ValidationFailed) as refused:
        bulk.bulk_tag(session, editor, [tagged.id], f"ferries, {LONG_TAG}")
    assert f"under {MAX_TAG_LENGTH} characters" in refused.value.fields["tag"]
    assert _tags(session, tagged) == []


def test_a_claim_the_tags_would_take_past_the_limit_is_left_as_it_was(session, claims):
    editor, tagged, bare = claims
    bulk.bulk_tag(session, editor, [tagged.id], "ferries, winter")
    result = bulk.bulk_tag(session, editor, [tagged.id, bare.id], MANY)
    assert result.done == [bare.id]
    assert f"at most {MAX_TAGS} tags" in result.skipped[tagged.id]
    session.commit()
    assert _tags(session, tagged) == ["ferries", "winter"]
    assert len(_tags(session, bare)) == MAX_TAGS


def test_the_api_refuses_the_same(client, session, claims):
    editor, tagged, _bare = claims
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    long = client.post("/api/v1/claims/bulk", headers=headers,
                       json={"claims": [tagged.id], "action": "tag", "tag": LONG_TAG})  # fmt: skip
    assert long.status_code == 422 and "tag" in long.get_json()["fields"]
    ferries = client.post("/api/v1/claims/bulk", headers=headers,
                          json={"claims": [tagged.id], "action": "tag", "tag": "ferries"})  # fmt: skip
    assert ferries.get_json()["data"]["done"] == [tagged.id], ferries.get_json()
    many = client.post("/api/v1/claims/bulk", headers=headers,
                       json={"claims": [tagged.id], "action": "tag", "tag": MANY})  # fmt: skip
    assert many.status_code == 200 and many.get_json()["data"]["done"] == []
    assert f"at most {MAX_TAGS} tags" in many.get_json()["data"]["skipped"][str(tagged.id)]
    assert _tags(session, tagged) == ["ferries"]


def test_the_list_form_refuses_the_same(client, auth, session, claims):
    _editor, tagged, _bare = claims
    auth.login("ed@example.org")
    long = auth.post("/claims/bulk", {"claim": [str(tagged.id)], "action": "tag",
                                      "tag": LONG_TAG, "back": "/"})  # fmt: skip
    assert long.status_code == 302
    assert f"under {MAX_TAG_LENGTH} characters" in client.get("/").get_data(as_text=True)
    many = auth.post("/claims/bulk", {"claim": [str(tagged.id)], "action": "tag",
                                      "tag": MANY + ", ferries", "back": "/"})  # fmt: skip
    assert many.status_code == 302
    assert f"at most {MAX_TAGS} tags" in client.get("/").get_data(as_text=True)
    assert _tags(session, tagged) == []
    assert session.scalar(select(Tag.id).where(Tag.name == "ferries")) is None  # none kept
