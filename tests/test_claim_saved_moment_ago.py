"""A claim saved a moment ago is not saved again by the same person unless they say so.

Back then Save fetches the form again with a fresh one-time token and the browser puts the
typed text back into it: the token cannot tell that second save from a new claim.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from factdb.access import create_token
from factdb.models import Claim, utcnow
from factdb.vocab import Role
from tests.test_resubmit import CLAIM_FORM, _once_token


@pytest.fixture
def editor(make):
    return make.user(Role.EDITOR, email="editor@example.org")


def _count(session) -> int:
    session.rollback()  # a fresh read, not the snapshot of an earlier one
    return session.scalar(select(func.count()).select_from(Claim))


def test_back_and_save_again_creates_one_claim(client, auth, editor, session):
    auth.login("editor@example.org")
    before = _count(session)
    first = auth.post(
        "/claims/new", {**CLAIM_FORM, "once_token": _once_token(client, "/claims/new")}
    )
    assert first.status_code == 302
    claim_id = int(first.location.rstrip("/").rsplit("/", 1)[-1])
    # Back: a fresh form and token, the browser's restored text, spaced and cased otherwise.
    again = {
        **CLAIM_FORM,
        "text": "  norvania will deliver 40\nair-defence  systems. ",
        "once_token": _once_token(client, "/claims/new"),
    }
    second = auth.post("/claims/new", again)
    assert second.status_code == 422
    page = second.get_data(as_text=True)
    assert "You saved this claim a moment ago as" in page
    assert f'href="/claims/{claim_id}">#{claim_id} \u201c' in page
    assert "norvania will deliver 40" in page  # the text is kept
    assert "Save it again as a new claim" in page
    assert _count(session) == before + 1


def test_a_claim_saved_a_moment_ago_is_said_once_with_no_error_banner(client, auth, editor):
    # Nothing in the form is wrong: a red "correct the marked fields; nothing was saved yet"
    # beside "you saved this claim a moment ago" contradicted itself.
    auth.login("editor@example.org")
    auth.post("/claims/new", {**CLAIM_FORM, "once_token": _once_token(client, "/claims/new")})
    again = {**CLAIM_FORM, "once_token": _once_token(client, "/claims/new")}
    page = auth.post("/claims/new", again).get_data(as_text=True)
    assert "Saved already?" in page
    assert "Please correct the marked fields" not in page
    assert "nothing was saved yet" not in page
    assert page.count("You saved this claim a moment ago") == 1
    assert 'aria-invalid="true"' not in page


def test_the_box_saves_it_again_as_a_new_claim(client, auth, editor, session):
    auth.login("editor@example.org")
    before = _count(session)
    for again in ({}, {"again": "1"}):
        token = _once_token(client, "/claims/new")
        assert (
            auth.post("/claims/new", {**CLAIM_FORM, **again, "once_token": token}).status_code
            == 302
        )
    assert _count(session) == before + 2


def test_the_same_words_later_or_by_someone_else_are_saved(client, auth, editor, make, session):
    make.user(Role.EDITOR, email="other@example.org")
    auth.login("editor@example.org")
    before = _count(session)
    auth.post("/claims/new", {**CLAIM_FORM, "once_token": _once_token(client, "/claims/new")})
    session.rollback()  # a fresh transaction, so that it may write
    session.execute(update(Claim).values(created_at=utcnow() - timedelta(minutes=11)))
    session.commit()
    form = {**CLAIM_FORM, "once_token": _once_token(client, "/claims/new")}
    assert auth.post("/claims/new", form).status_code == 302
    auth.post("/logout")
    auth.login("other@example.org")
    form = {**CLAIM_FORM, "once_token": _once_token(client, "/claims/new")}
    assert auth.post("/claims/new", form).status_code == 302
    assert _count(session) == before + 3


def test_the_api_answers_409_naming_the_claim_and_saves_it_when_told(client, editor, session):
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    body = {"text": "The harbour toll doubled in 2024."}
    first = client.post("/api/v1/claims", json=body, headers=headers)
    assert first.status_code == 201
    claim_id = first.get_json()["data"]["id"]
    second = client.post(
        "/api/v1/claims", json={"text": "the harbour  toll doubled in 2024."}, headers=headers
    )
    assert second.status_code == 409
    answer = second.get_json()
    assert answer["code"] == "already_recorded"
    assert answer["current"]["id"] == claim_id
    assert f"#{claim_id}" in answer["message"]
    third = client.post("/api/v1/claims?different=true", json=body, headers=headers)
    assert third.status_code == 201
    assert third.get_json()["data"]["id"] != claim_id
