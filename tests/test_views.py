"""The browser pages: guards, forms that keep what was typed, conflicts, errors, headers."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from factdb.claims import get_claim
from factdb.models import Claim, Source, StatusChange
from factdb.vocab import Relation, Role, SourceKind, Status
from tests.factories import Factory


@pytest.fixture
def team(make: Factory):
    return {
        "viewer": make.user(Role.VIEWER, email="viewer@example.org"),
        "editor": make.user(Role.EDITOR, email="editor@example.org", name="Jonas Weber"),
        "reviewer": make.user(Role.REVIEWER, email="reviewer@example.org", name="Li Wei"),
        "admin": make.user(Role.ADMIN, email="admin@example.org"),
    }


@pytest.fixture
def claim(make: Factory, team):
    document = make.document("Ministry statement", url="https://mfa.example/1")
    speaker = make.source("Maria Zakharova")
    return make.claim(
        team["editor"],
        "Exports rose 4%.",
        document=document,
        speaker=speaker,
        relation=Relation.SUPPORTS,
    )


WRITE_ROUTES = [
    "/claims/new",
    "/claims/{claim}/edit",
    "/claims/{claim}/status",
    "/sources/new",
    "/sources/{source}/edit",
    "/documents/new",
    "/documents/{document}/edit",
    "/users/new",
    "/users/{user}",
]


def _fill(route: str, claim) -> str:
    citation = claim.citations[0]
    return route.format(
        claim=claim.id,
        source=citation.speaker_id,
        document=citation.document_id,
        user=claim.created_by_id,
    )


@pytest.mark.parametrize("route", WRITE_ROUTES)
def test_write_routes_refuse_anonymous_users(client, claim, route, session):
    before = session.scalar(select(func.count(Claim.id)))
    response = client.post(_fill(route, claim), data={"text": "x"})
    assert response.status_code in (400, 401)
    assert session.scalar(select(func.count(Claim.id))) == before


@pytest.mark.parametrize("route", WRITE_ROUTES)
def test_write_routes_refuse_requests_without_csrf_token(client, auth, claim, route):
    auth.login("admin@example.org")
    response = client.post(
        _fill(route, claim), data={"text": "Sneaky", "name": "Sneaky", "title": "Sneaky"}
    )
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


@pytest.mark.parametrize("route", [r for r in WRITE_ROUTES if not r.startswith("/users")])
def test_viewers_cannot_write(client, auth, claim, route):
    auth.login("viewer@example.org")
    assert auth.post(_fill(route, claim), {"text": "x"}).status_code == 403


def test_a_list_filtered_by_a_source_and_a_document_names_them(client, auth, claim):
    auth.login("viewer@example.org")
    citation = claim.citations[0]
    page = client.get(f"/?source={citation.speaker_id}&document={citation.document_id}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert citation.speaker.name in body and citation.document.title in body
    missing = client.get("/?source=999999&document=999998").get_data(as_text=True)
    assert "#999999 (not found)" in missing and "#999998 (not found)" in missing


@pytest.mark.parametrize("route", ["/users/", "/users/new"])
def test_only_admins_manage_users(client, auth, team, route):
    auth.login("reviewer@example.org")
    assert client.get(route).status_code == 403


def test_pages_need_log_in(client, claim):
    response = client.get(f"/claims/{claim.id}")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=/claims/")


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"],
)
def test_login_does_not_redirect_off_site(client, auth, team, target):
    response = client.post(
        f"/login?next={target}",
        data={
            "email": "editor@example.org",
            "password": "correct horse battery",
            "csrf_token": auth.csrf_token(),
        },
    )
    assert response.status_code == 302
    assert response.location == "/"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "/\\/evil.example"],
)
def test_a_bulk_action_does_not_go_back_off_site(client, auth, team, target):
    """Browsers read `/\\host` as `//host`: the way back is checked like the log-in's `next`."""
    auth.login("editor@example.org")
    response = auth.post("/claims/bulk", {"action": "", "back": target})
    assert response.status_code == 302
    assert response.location == "/"


def test_login_failure_does_not_say_which_part_was_wrong(client, auth, team):
    wrong_password = auth.post("/login", {"email": "editor@example.org", "password": "nope nope"})
    no_account = auth.post("/login", {"email": "nobody@example.org", "password": "nope nope"})
    assert wrong_password.status_code == no_account.status_code == 401
    message = "That e-mail and password do not match an active account."
    assert message in wrong_password.get_data(as_text=True)
    assert message in no_account.get_data(as_text=True)


def test_every_page_renders_for_a_viewer(client, auth, claim):
    auth.login("viewer@example.org")
    citation = claim.citations[0]
    for url in [
        "/",
        "/?status=unverified&sort=updated&tag=x&q=exports",
        f"/?source={citation.speaker_id}&document={citation.document_id}",
        f"/claims/{claim.id}",
        "/sources/",
        "/sources/?kind=person&reliability=F&q=mar",
        f"/sources/{citation.speaker_id}",
        "/documents/",
        "/documents/?type=news_article&q=min",
        f"/documents/{citation.document_id}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    body = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Exports rose 4%." in body and "Maria Zakharova" in body and "Ministry statement" in body
    assert "Edit claim" not in body  # a viewer gets no write actions


def test_new_claim_form_keeps_text_and_names_problems(client, auth, team):
    auth.login("editor@example.org")
    response = auth.post(
        "/claims/new",
        {
            "text": "Кремль заявил — “nothing”",
            "citations-0-document": "Some report",
            "citations-0-new_document_url": "javascript:alert(1)",
            "citations-0-speaker": "Dmitry Peskov",
            "citations-0-quote": "a quote I typed",
            "citations-0-relation": "asserts",
            "citations-0-quote_type": "direct",
            "citations-0-new_document_type": "news_article",
            "save": "Save claim",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Кремль заявил — “nothing”" in body
    assert "a quote I typed" in body and "Dmitry Peskov" in body
    assert "Give a full web address starting with http:// or https://." in body


def test_add_another_citation_keeps_what_was_typed(client, auth, team):
    auth.login("editor@example.org")
    response = auth.post(
        "/claims/new",
        {
            "text": "Half-typed claim",
            "citations-0-quote": "first quote",
            "add_citation": "Add another citation",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Half-typed claim" in body and "first quote" in body
    assert 'name="citations-1-document"' in body


def test_create_claim_with_new_source_and_document(client, auth, team, session):
    auth.login("editor@example.org")
    response = auth.post(
        "/claims/new",
        {
            "text": "Norvania will deliver 40 air-defence systems.",
            "tags": "military aid, kestria",
            "citations-0-document": "Statement by the Office of the President",
            "citations-0-new_document_type": "press_release",
            "citations-0-new_document_url": "https://president.example/s",
            "citations-0-new_document_published": "2026-03-10",
            "citations-0-speaker": "Office of the President",
            "citations-0-new_speaker_kind": "government",
            "citations-0-relation": "asserts",
            "citations-0-quote": "will deliver 40 air-defence systems",
            "citations-0-quote_type": "direct",
            "save": "Save claim",
        },
    )
    assert response.status_code == 302
    claim = session.scalar(select(Claim).where(Claim.text.like("Norvania%")))
    claim = get_claim(session, claim.id)
    assert claim.citations[0].speaker.kind.value == "government"
    assert claim.citations[0].document.doc_type.value == "press_release"
    page = client.get(response.location).get_data(as_text=True)
    assert "New records created" in page and "will deliver 40 air-defence systems" in page


def test_concurrent_edit_is_refused_with_the_other_version_shown(
    client, auth, app, claim, team, session
):
    auth.login("editor@example.org")
    form = {
        "version": str(claim.version),
        "text": "Alice's edit",
        "citations-0-id": str(claim.citations[0].id),
        "citations-0-version": str(claim.citations[0].version),
        "citations-0-document": "Ministry statement",
        "citations-0-document_id": str(claim.citations[0].document_id),
        "citations-0-relation": "supports",
        "citations-0-quote_type": "direct",
        "save": "Save claim",
    }
    other = app.test_client()
    from tests.conftest import Auth

    other_auth = Auth(other)
    other_auth.login("reviewer@example.org")
    first = other_auth.post(f"/claims/{claim.id}/edit", {**form, "text": "Bob's edit"})
    assert first.status_code == 302
    second = auth.post(f"/claims/{claim.id}/edit", form)
    body = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Bob&#39;s edit" in body  # their version is shown
    assert "Alice&#39;s edit" in body  # our text is kept
    session.rollback()  # end the snapshot: see what the app wrote
    assert get_claim(session, claim.id).text == "Bob's edit"


def test_verdict_over_http_by_a_second_user(client, auth, claim, session):
    auth.login("reviewer@example.org")
    response = auth.post(
        f"/claims/{claim.id}/status",
        {
            "version": str(claim.version),
            "status": "true",
            "note": "Matches the customs data.",
            "evidence": str(claim.citations[0].id),
        },
    )
    assert response.status_code == 302
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Matches the customs data." in page and "Li Wei" in page
    session.rollback()  # end the snapshot: see what the app wrote
    assert session.scalar(select(func.count(StatusChange.id))) == 1


def test_verdict_without_evidence_is_explained(client, auth, claim, session):
    auth.login("reviewer@example.org")
    response = auth.post(
        f"/claims/{claim.id}/status",
        {"version": str(claim.version), "status": "false", "note": "my reasons"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tick at least one citation" in body and "my reasons" in body
    session.rollback()  # end the snapshot: see what the app wrote
    assert get_claim(session, claim.id).status is Status.UNVERIFIED


def test_refused_verdict_keeps_the_chosen_status_and_ticked_evidence(client, auth, claim):
    auth.login("reviewer@example.org")
    evidence = claim.citations[0].id
    response = auth.post(
        f"/claims/{claim.id}/status",
        {
            "version": str(claim.version),
            "status": "mostly_false",
            "note": " ",
            "evidence": str(evidence),
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<option value="mostly_false" selected>' in body
    assert f'value="{evidence}" checked>' in body
    assert 'aria-invalid="true"' in body  # the field in error is marked for screen readers


def test_review_note_is_escaped_when_the_form_comes_back(client, auth, claim):
    auth.login("reviewer@example.org")
    response = auth.post(
        f"/claims/{claim.id}/status",
        {"version": str(claim.version), "status": "false", "note": "<script>alert(1)</script>"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_creator_cannot_give_verdict_over_http(client, auth, claim):
    auth.login("editor@example.org")
    response = auth.post(
        f"/claims/{claim.id}/status",
        {
            "version": str(claim.version),
            "status": "true",
            "note": "n",
            "evidence": str(claim.citations[0].id),
        },
    )
    assert response.status_code == 422  # "true" is not among an editor's choices


def test_source_form_keeps_input_and_names_unknown_parent(client, auth, team, session):
    auth.login("editor@example.org")
    response = auth.post(
        "/sources/new",
        {
            "name": "Dana Whitfield",
            "kind": "person",
            "reliability": "B",
            "parent": "No Such Senate",
            "role": "Senator",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (
        "No Such Senate" in body and "Dana Whitfield" in body and "No source has that name" in body
    )
    assert session.scalar(select(func.count(Source.id))) == 0


def test_admin_adds_a_user(client, auth, team):
    auth.login("admin@example.org")
    response = auth.post(
        "/users/new",
        {
            "email": "new@example.org",
            "name": "New Person",
            "role": "reviewer",
            "password": "long enough",
        },
    )
    assert response.status_code == 302
    assert "new@example.org" in client.get("/users/").get_data(as_text=True)


def test_friendly_404_and_security_headers(client, auth, team):
    auth.login("viewer@example.org")
    response = client.get("/claims/999999")
    assert response.status_code == 404
    assert "There is no claim 999999." in response.get_data(as_text=True)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_script_in_claim_text_is_rendered_inert(client, auth, make, team):
    make.claim(team["editor"], '<script>alert("x")</script><img src=x onerror=alert(1)>')
    auth.login("viewer@example.org")
    body = client.get("/").get_data(as_text=True)
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body


def test_500_page_is_friendly(app, client, auth, team, monkeypatch):
    import factdb.claims as claims

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(claims, "list_claims", broken)
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    auth.login("viewer@example.org")
    response = client.get("/")
    assert response.status_code == 500
    assert "Nothing you typed was saved" in response.get_data(as_text=True)


def test_claim_page_when_the_speaker_also_wrote_the_document(client, auth, make, team):
    """Regression: a source loaded as an author first once hid its parent from the speaker card."""
    ministry = make.source("Ministry of Trade", kind=SourceKind.GOVERNMENT)
    spokesperson = make.source("Anna Berg", parent_id=ministry.id)
    document = make.document("Press conference", authors=[spokesperson.id])
    claim = make.claim(team["editor"], "Exports rose.", document=document, speaker=spokesperson)
    auth.login("viewer@example.org")
    response = client.get(f"/claims/{claim.id}")
    assert response.status_code == 200
    assert "Ministry of Trade" in response.get_data(as_text=True)


def test_the_claim_page_shows_every_change_however_it_was_made(
    client, auth, claim, session, make, team
):
    auth.login("viewer@example.org")
    assert "Exports rose 4%." in client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Exports rose 4%." in client.get(f"/claims/{claim.id}").get_data(as_text=True)
    session.rollback()
    session.execute(text("UPDATE source SET name = 'M. Zakharova' WHERE name = 'Maria Zakharova'"))
    session.commit()  # a write outside the app
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert (
        ">M. Zakharova</a>" in page and ">Maria Zakharova</a>" not in page
    )  # history keeps the old name
    make.set_status(claim, team["reviewer"], Status.IN_REVIEW)
    assert "In review" in client.get(f"/claims/{claim.id}").get_data(as_text=True)


def test_the_claim_page_shows_each_viewer_their_own_controls(app, client, auth, claim):
    from tests.conftest import Auth

    auth.login("viewer@example.org")
    as_viewer = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    other = app.test_client()
    Auth(other).login("reviewer@example.org")
    as_reviewer = other.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Change status" not in as_viewer and "Edit claim" not in as_viewer
    assert "Change status" in as_reviewer and "Edit claim" in as_reviewer
    assert "Li Wei" in as_reviewer  # the header names who is looking


def test_a_verdict_that_lost_the_race_says_so_at_the_top_of_the_page(app, auth, claim):
    from tests.conftest import Auth

    first = Auth(app.test_client())
    first.login("admin@example.org")
    verdict = {"version": str(claim.version), "note": "Matches the customs data.",
               "evidence": str(claim.citations[0].id)}  # fmt: skip
    assert (
        first.post(f"/claims/{claim.id}/status", {**verdict, "status": "true"}).status_code == 302
    )
    auth.login("reviewer@example.org")
    late = auth.post(f"/claims/{claim.id}/status", {**verdict, "status": "false"})
    assert late.status_code == 409
    body = late.get_data(as_text=True)
    top = body[body.index('<main id="main">') : body.index("<h1")]
    assert 'class="flash flash-error"' in top
    assert "changed this claim after you opened it" in top and "Your verdict was not saved" in top
    assert 'href="#review-heading"' in top


def test_an_added_citation_row_left_untouched_is_not_saved(client, auth, team, session):
    from tests.test_conflicts import form_values

    auth.login("editor@example.org")
    typed = {
        "text": "The port handled 4 million tonnes.",
        "citations-0-document": "Harbour yearbook",
        "citations-0-relation": "supports",
        "citations-0-quote": "4 million tonnes",
        "citations-0-quote_type": "direct",
    }
    more = auth.post("/claims/new", {**typed, "add_citation": "Add another citation"})
    assert more.status_code == 200
    form = form_values(more.get_data(as_text=True))
    # The new row carries the document and relation over, and nobody types into it.
    assert form["citations-1-document"] == "Harbour yearbook"
    assert form["citations-1-relation"] == "supports" and not form["citations-1-quote"]
    saved = auth.post("/claims/new", {**form, "save": "Save claim"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    session.rollback()
    claim = session.scalar(select(Claim).order_by(Claim.id.desc()))
    assert [(c.quote, c.relation.value) for c in get_claim(session, claim.id).citations] == [
        ("4 million tonnes", "supports")
    ]


def _top(answer) -> str:
    body = answer.get_data(as_text=True)
    return body[body.index('<main id="main">') : body.index("<h1")]


def test_a_refused_status_move_says_what_was_not_saved_and_why(app, auth, claim):
    # A move to review is no verdict, and a form without its version was changed by nobody.
    auth.login("reviewer@example.org")
    unversioned = auth.post(f"/claims/{claim.id}/status", {"status": "in_review"})
    assert unversioned.status_code == 409
    top = _top(unversioned)
    assert "Your status change was not saved" in top
    assert "verdict" not in top
    assert "another tab" not in top and "changed this claim" not in top
    assert "did not say which version of the claim it was opened at" in top
    # Stale for real: named as a status change, and as the person's own change elsewhere.
    opened = {"version": str(claim.version)}
    moved = auth.post(f"/claims/{claim.id}/status", {**opened, "status": "in_review"})
    assert moved.status_code == 302
    stale = auth.post(f"/claims/{claim.id}/status", {**opened, "status": "unverified"})
    assert stale.status_code == 409
    top = _top(stale)
    assert "Your status change was not saved" in top and "Your verdict" not in top
    assert "You changed this claim in another tab or window" in top
