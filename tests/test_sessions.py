"""Log-ins end when they should: log-out, a new password and disabling end every copy of a cookie."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from factdb.access import create_token
from factdb.vocab import Role
from tests.conftest import Auth
from tests.factories import PASSWORD, Factory


def _browser(app: Flask, email: str) -> tuple[FlaskClient, Auth]:
    client = app.test_client()
    auth = Auth(client)
    auth.login(email)
    return client, auth


def _copy_of(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of `client`'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _logged_in(client: FlaskClient) -> bool:
    response = client.get("/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


@pytest.mark.parametrize(
    "spelling",
    [
        "TARGET@example.org",
        "target@ＥＸＡＭＰＬＥ.org",
        "ｔａｒｇｅｔ@example.org",
        " Target@Example.ORG ",
    ],
)
def test_failed_log_ins_count_against_the_account_however_its_address_is_written(
    client, auth, make: Factory, spelling
):
    make.user(Role.EDITOR, email="target@example.org")
    others = [
        "target@example.org",
        "Target@example.org",
        "target@ｅｘａｍｐｌｅ.org",
        "TARGET@EXAMPLE.ORG",
    ]
    for written in [*others, spelling]:
        failed = auth.post("/login", {"email": written, "password": "wrong guess"})
        assert failed.status_code == 401
    blocked = auth.post("/login", {"email": "target@example.org", "password": PASSWORD})
    assert blocked.status_code == 429, "five failures in five spellings are five failures"


def test_full_width_letters_reach_the_same_account_not_a_look_alike(client, auth, make: Factory):
    make.user(Role.EDITOR, email="jonas@example.org")
    response = auth.post("/login", {"email": "ｊｏｎａｓ@ｅｘａｍｐｌｅ.org", "password": PASSWORD})
    assert response.status_code == 302


def test_logging_out_ends_every_copy_of_the_cookie(app, make: Factory):
    user = make.user(Role.VIEWER)
    browser, auth = _browser(app, user.email)
    thief = _copy_of(app, browser)
    assert _logged_in(thief), "a copied cookie is as good as the original until log-out"
    assert auth.post("/logout").status_code == 302
    assert not _logged_in(browser)
    assert not _logged_in(thief)
    assert thief.get("/api/v1/claims").status_code == 401
    _browser(app, user.email)  # logging in again works, with a new cookie


def test_a_new_password_from_an_admin_ends_the_accounts_log_ins_and_may_revoke_tokens(
    app, make: Factory, session
):
    admin = make.user(Role.ADMIN)
    user = make.user(Role.EDITOR)
    kept = create_token(session, user, "cms").secret
    session.commit()
    browser, _ = _browser(app, user.email)
    _, admin_auth = _browser(app, admin.email)

    edit = {"name": user.name, "role": "editor", "active": "y", "password": "a whole new secret"}
    assert admin_auth.post(f"/users/{user.id}", edit).status_code == 302
    assert not _logged_in(browser)
    bearer = {"Authorization": f"Bearer {kept}"}
    assert browser.get("/api/v1/claims", headers=bearer).status_code == 200, (
        "tokens are revoked only when asked"
    )

    fresh = Auth(app.test_client())  # the old password no longer works
    refused = fresh.post("/login", {"email": user.email, "password": PASSWORD})
    assert refused.status_code == 401
    edit = {**edit, "password": "and another secret", "revoke_tokens": "y"}
    assert admin_auth.post(f"/users/{user.id}", edit).status_code == 302
    assert browser.get("/api/v1/claims", headers=bearer).status_code == 401


def test_the_user_form_offers_to_revoke_tokens(app, make: Factory):
    admin = make.user(Role.ADMIN)
    user = make.user(Role.EDITOR)
    browser, _ = _browser(app, admin.email)
    page = browser.get(f"/users/{user.id}").get_data(as_text=True)
    checkbox = re.search(r'<input[^>]*name="revoke_tokens"[^>]*>', page)
    assert checkbox and 'type="checkbox"' in checkbox.group(0)
    assert "Also revoke the account&#39;s API tokens" in page


def test_a_disabled_account_stays_logged_out_when_enabled_again(app, make: Factory):
    admin = make.user(Role.ADMIN)
    user = make.user(Role.EDITOR)
    browser, _ = _browser(app, user.email)
    untouched = _copy_of(app, browser)  # not used while the account is disabled
    _, admin_auth = _browser(app, admin.email)
    edit = {"name": user.name, "role": "editor"}
    assert admin_auth.post(f"/users/{user.id}", edit).status_code == 302  # disabled
    assert not _logged_in(browser)
    assert admin_auth.post(f"/users/{user.id}", {**edit, "active": "y"}).status_code == 302
    assert not _logged_in(untouched), "enabling an account again does not revive its old cookies"
    _browser(app, user.email)


def test_an_admin_changing_their_own_password_stays_logged_in_here_only(app, make: Factory):
    admin = make.user(Role.ADMIN)
    here, auth = _browser(app, admin.email)
    elsewhere, _ = _browser(app, admin.email)
    edit = {"name": admin.name, "role": "admin", "active": "y", "password": "my new secret!"}
    assert auth.post(f"/users/{admin.id}", edit).status_code == 302
    assert _logged_in(here)
    assert not _logged_in(elsewhere)


def test_the_page_that_shows_a_new_token_is_never_cached(app, make: Factory):
    user = make.user(Role.VIEWER)
    browser, auth = _browser(app, user.email)
    created = auth.post("/profile/tokens", {"name": "dashboard"})
    assert created.status_code == 201 and "fdb_" in created.get_data(as_text=True)
    assert created.headers["Cache-Control"] == "no-store"
    assert browser.get("/profile/").headers["Cache-Control"] == "no-store"


def test_a_log_in_ends_31_days_after_it_was_made_however_often_it_is_used(
    app, make: Factory, monkeypatch
):
    """Each message shown re-signs the cookie; that must not start the 31 days again."""
    import time

    user = make.user(Role.VIEWER)
    browser, auth = _browser(app, user.email)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 20 * 86400)
    assert auth.post("/notifications/read").status_code == 302  # "0 notifications marked read."
    assert _logged_in(browser)
    monkeypatch.setattr(time, "time", lambda: now + 32 * 86400)
    assert not _logged_in(browser)
