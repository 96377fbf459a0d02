"""Working as a team: assignment, queues, notes, saved views, bulk actions, notifications."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import select

from factdb.errors import NotAllowed, StaleEdit, ValidationFailed
from factdb.models import Change, Notification
from factdb.review import ReviewPolicy
from factdb.team import bulk, notes
from factdb.team.assignment import (
    assign,
    assignable_users,
    assignment_and_assignable,
    assignment_of,
)
from factdb.team.notifications import mentioned_users
from factdb.team.queue import nav_counts, queue_counts
from factdb.vocab import Relation, Role, Status

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def team(make):
    return {
        "jonas": make.user(Role.EDITOR, email="jonas@example.org", name="Jonas Weber"),
        "li": make.user(Role.REVIEWER, email="li@example.org", name="Li Wei"),
        "ana": make.user(Role.REVIEWER, email="ana.b@example.org", name="Ana Brandt"),
        "vic": make.user(Role.VIEWER, email="vic@example.org", name="Vic Viewer"),
    }


@pytest.fixture
def claim(make, team):
    document = make.document("Senate record", url="https://senate.example/1")
    speaker = make.source("Dana Whitfield")
    return make.claim(
        team["jonas"], "The Senate was not consulted.", document=document, speaker=speaker,
        relation=Relation.SUPPORTS, quote="we were not consulted",
    )  # fmt: skip


def _notifications(session, user):
    session.expire_all()
    return list(
        session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


def test_assigning_notifies_the_new_people_and_keeps_history(session, team, claim):
    assign(session, team["jonas"], claim.id, editor_id=team["jonas"].id, reviewer_id=team["li"].id)
    session.commit()
    view = assignment_of(session, claim.id)
    assert (view.editor_name, view.reviewer_name) == ("Jonas Weber", "Li Wei")
    # Jonas assigned himself: nobody is told about what they did themselves.
    assert _notifications(session, team["jonas"]) == []
    [told] = _notifications(session, team["li"])
    assert told.kind == "assigned" and "asked you to review claim" in told.message
    change = session.scalars(select(Change).where(Change.action == "assigned")).one()
    assert change.fields == {"editor": ["", "Jonas Weber"], "reviewer": ["", "Li Wei"]}
    assert queue_counts(session, team["li"].id)["review"] == 0  # unverified: not yet to review
    assert queue_counts(session, team["jonas"].id) == {
        "research": 1, "returned": 0, "review": 0, "coming": 0, "total": 1,
    }  # fmt: skip


def test_assignment_rules(session, team, claim):
    with pytest.raises(ValidationFailed, match="not a reviewer"):
        assign(session, team["li"], claim.id, reviewer_id=team["jonas"].id)
    session.rollback()
    with pytest.raises(ValidationFailed, match="is not an editor"):
        assign(session, team["li"], claim.id, editor_id=team["vic"].id)
    session.rollback()
    own = claim.created_by_id
    assert own == team["jonas"].id
    reviewer_claim_maker = team["li"]
    # A reviewer who recorded the claim cannot be its reviewer (four-eyes).
    from factdb.claims import ClaimInput, save_claim

    mine = save_claim(session, reviewer_claim_maker, ClaimInput(text="Li's own claim")).claim
    session.commit()
    with pytest.raises(ValidationFailed, match="four-eyes"):
        assign(session, team["jonas"], mine.id, reviewer_id=team["li"].id)
    session.rollback()
    # Someone assigned meanwhile: refused, not overwritten.
    assign(session, team["jonas"], claim.id, reviewer_id=team["li"].id)
    session.commit()
    with pytest.raises(StaleEdit):
        assign(session, team["jonas"], claim.id, reviewer_id=team["ana"].id, expected=(None, None))


def test_a_returned_claim_comes_back_to_its_editor(session, make, team, claim):
    assign(session, team["jonas"], claim.id, editor_id=team["jonas"].id, reviewer_id=team["li"].id)
    session.commit()
    make.set_status(claim, team["jonas"], Status.IN_REVIEW)
    assert queue_counts(session, team["li"].id)["review"] == 1
    assert nav_counts(session, team["li"].id).queue == 1
    make.set_status(claim, team["li"], Status.UNVERIFIED, note="Find the minutes first.")
    counts = queue_counts(session, team["jonas"].id)
    assert counts["returned"] == 1 and counts["research"] == 0
    returned = [n for n in _notifications(session, team["jonas"]) if n.kind == "returned"]
    assert len(returned) == 1 and "Li Wei returned claim" in returned[0].message
    make.set_status(claim, team["jonas"], Status.IN_REVIEW)
    make.set_status(claim, team["li"], Status.TRUE, note="The minutes show it.")
    verdicts = [n for n in _notifications(session, team["jonas"]) if n.kind == "verdict"]
    assert (
        len(verdicts) == 1
        and "rated claim" in verdicts[0].message
        and "true" in verdicts[0].message
    )
    assert queue_counts(session, team["jonas"].id)["total"] == 0


def test_notes_mention_colleagues_and_keep_their_edits(session, team, claim):
    assert [u.name for u in mentioned_users(session, "ask @li and @ana.b. not me@x.org")] == [
        "Li Wei",
        "Ana Brandt",
    ]
    note = notes.add_note(session, team["jonas"], claim.id, "@li can you check the minutes?")
    session.commit()
    [told] = _notifications(session, team["li"])
    assert told.kind == "mention" and "can you check the minutes" in told.message
    notes.edit_note(session, team["jonas"], note.id, "@li @ana.b can you check the minutes?",
                    expected_version=1)  # fmt: skip
    session.commit()
    assert len(_notifications(session, team["li"])) == 1  # Li was already told
    assert len(_notifications(session, team["ana"])) == 1  # Ana is new in the edit
    history = session.scalars(select(Change).where(Change.entity == "note")).all()
    assert [c.action for c in history] == ["created", "updated"]
    assert history[1].fields["text"][0] == "@li can you check the minutes?"
    [shown] = notes.notes_for(session, claim.id)
    assert shown.edited and shown.author_name == "Jonas Weber"
    with pytest.raises(NotAllowed):
        notes.edit_note(session, team["li"], note.id, "hijacked", expected_version=2)
    with pytest.raises(StaleEdit):
        notes.edit_note(session, team["jonas"], note.id, "late", expected_version=1)
    with pytest.raises(NotAllowed):
        notes.add_note(session, team["vic"], claim.id, "viewers read only")
    with pytest.raises(ValidationFailed):
        notes.add_note(session, team["jonas"], claim.id, "   ")


def test_bulk_actions_go_through_the_single_claim_rules(session, make, team, claim):
    other = make.claim(team["jonas"], "Second claim")
    judged = make.claim(team["jonas"], "Judged", document=make.document("Doc"),
                        relation=Relation.SUPPORTS, quote="judged")  # fmt: skip
    make.set_status(judged, team["li"], Status.TRUE, note="ok")
    policy = ReviewPolicy()
    result = bulk.bulk_status(
        session, team["jonas"], [claim.id, other.id, judged.id], Status.IN_REVIEW, policy
    )
    session.commit()
    assert result.done == [claim.id, other.id]
    assert result.skipped == {judged.id: "it has a verdict (true)"}
    assert "2 claims moved" in result.summary("moved") and f"#{judged.id}" in result.summary("x")
    with pytest.raises(ValidationFailed, match="one by one"):
        bulk.bulk_status(session, team["li"], [claim.id], Status.TRUE, policy)
    tagged = bulk.bulk_tag(session, team["jonas"], [claim.id, other.id], "budget, senate")
    session.commit()
    assert tagged.done == [claim.id, other.id]
    again = bulk.bulk_tag(session, team["jonas"], [claim.id], "budget")
    assert again.skipped == {claim.id: "it already has the tag"}
    assigned = bulk.bulk_assign(
        session, team["jonas"], [claim.id, other.id], reviewer_id=team["li"].id
    )
    session.commit()
    assert assigned.done == [claim.id, other.id]
    assert queue_counts(session, team["li"].id)["review"] == 2
    with pytest.raises(NotAllowed):
        bulk.bulk_tag(session, team["vic"], [claim.id], "x")
    with pytest.raises(ValidationFailed, match="no claim"):
        bulk.bulk_tag(session, team["jonas"], [999999], "x")


# -- in the browser's pages ---------------------------------------------------------------


def test_queue_and_notifications_in_the_navigation(client, auth, session, make, team, claim):
    assign(session, team["jonas"], claim.id, reviewer_id=team["li"].id)
    session.commit()
    make.set_status(claim, team["jonas"], Status.IN_REVIEW)
    auth.login("li@example.org")
    page = client.get("/").get_data(as_text=True)
    assert re.search(r"My queue <span class=\"count\"[^>]*>1</span>", page)
    assert re.search(r"Notifications <span class=\"count unread\"[^>]*>1</span>", page)
    queue = client.get("/queue").get_data(as_text=True)
    assert "To review" in queue and "The Senate was not consulted." in queue
    listing = client.get("/notifications").get_data(as_text=True)
    assert "asked you to review claim" in listing
    auth.post("/notifications/read")
    assert "count unread" not in client.get("/").get_data(as_text=True)


def test_claim_page_assigns_and_discusses(client, auth, session, team, claim):
    auth.login("jonas@example.org")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Who works on it" in page and "Notes" in page
    response = auth.post(
        f"/claims/{claim.id}/assign",
        {"editor": str(team["jonas"].id), "reviewer": str(team["li"].id), "was_editor": "", "was_reviewer": ""},
    )  # fmt: skip
    assert response.status_code == 302
    refused = auth.post(
        f"/claims/{claim.id}/assign",
        {"editor": "", "reviewer": str(team["ana"].id), "was_editor": "", "was_reviewer": ""},
    )  # fmt: skip
    assert refused.status_code == 409 and "Someone assigned this claim" in refused.get_data(
        as_text=True
    )
    empty = auth.post(f"/claims/{claim.id}/notes", {"text": "  "})
    assert empty.status_code == 422 and "Write the note." in empty.get_data(as_text=True)
    auth.post(f"/claims/{claim.id}/notes", {"text": "Minutes <b>requested</b> @li"})
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Minutes &lt;b&gt;requested&lt;/b&gt; @li" in page
    assert "Li Wei" in page and re.search(r"Jonas Weber</strong>\s+assigned claim", page)
    auth.login("vic@example.org")
    assert auth.post(f"/claims/{claim.id}/notes", {"text": "hi"}).status_code == 403


def test_bulk_form_on_the_list(client, auth, session, make, team, claim):
    other = make.claim(team["jonas"], "Another claim")
    auth.login("jonas@example.org")
    listing = client.get("/").get_data(as_text=True)
    assert 'form="bulk-form"' in listing and "Apply to ticked claims" in listing
    response = auth.post(
        "/claims/bulk", {"claim": [str(claim.id), str(other.id)], "action": "in_review", "back": "/"},
        follow_redirects=True,
    )  # fmt: skip
    assert "2 claims moved to in review." in response.get_data(as_text=True)
    exported = auth.post(
        "/claims/bulk", {"claim": [str(claim.id)], "action": "export", "format": "ris", "back": "/"}
    )
    assert exported.status_code == 303 and f"claim={claim.id}" in exported.location
    assert "format=ris" in exported.location


def test_saved_views_shared_in_the_navigation_and_as_a_feed(client, auth, session, team, claim):
    auth.login("jonas@example.org")
    response = auth.post(
        "/views/", {"name": "Senate claims", "query": "q=senate&page=3", "shared": "1"}
    )
    assert response.status_code == 302
    opened = client.get(response.location)
    assert (
        opened.status_code == 302
        and "q=senate" in opened.location
        and "page" not in opened.location
    )
    auth.post("/views/", {"name": "Mine only", "query": "status=unverified"})
    auth.login("li@example.org")
    nav = client.get("/").get_data(as_text=True)
    assert "Senate claims" in nav and "Mine only" not in nav
    views = client.get("/views/").get_data(as_text=True)
    key = re.search(r"feed\.atom\?key=([\w-]+)", views).group(1)
    client.post("/logout", data={"csrf_token": auth.csrf_token()})
    feed = client.get(f"/views/1/feed.atom?key={key}")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    root = ET.fromstring(feed.data)  # noqa: S314 (factdb's own output)
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles == [f"#{claim.id} Unverified: The Senate was not consulted."]
    assert client.get("/views/1/feed.atom").status_code == 302  # no key, no log-in
    assert client.get("/views/1/feed.atom?key=wrong").status_code == 302
    auth.login("li@example.org")
    assert auth.post("/views/1/delete").status_code == 403  # Jonas's view


# -- e-mail -------------------------------------------------------------------------------


class _Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, _server, _session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_inbox():
    """A real SMTP server (aiosmtpd) on a free local port."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.url = f"smtp://127.0.0.1:{port}"
    yield inbox
    controller.stop()


@pytest.fixture
def mail_app(database_url, tmp_path, smtp_inbox):
    from factdb import create_app
    from factdb.web.database import database

    app = create_app({
        "TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key",
        "QUEUE_URL": "immediate", "SMTP_URL": smtp_inbox.url, "MAIL_FROM": "desk@newsroom.example",
        "BASE_URL": "https://factdb.newsroom.example",
    })  # fmt: skip
    app.instance_path = str(tmp_path / "instance")
    yield app
    database(app).engine.dispose()


def test_notifications_are_emailed_once_the_change_is_saved(
    mail_app, smtp_inbox, make, team, claim
):
    from tests.conftest import Auth

    client = mail_app.test_client()
    auth = Auth(client)
    auth.login("jonas@example.org")
    response = auth.post(
        f"/claims/{claim.id}/assign",
        {"reviewer": str(team["li"].id), "editor": "", "was_editor": "", "was_reviewer": ""},
    )
    assert response.status_code == 302
    [mail] = smtp_inbox.messages
    assert mail.rcpt_tos == ["li@example.org"] and mail.mail_from == "desk@newsroom.example"
    body = mail.content.decode()
    assert f"Subject: [factdb] Assigned to you: claim #{claim.id}" in body
    assert f"https://factdb.newsroom.example/claims/{claim.id}" in body
    # A refused change makes no notification, so no e-mail either.
    auth.post(f"/claims/{claim.id}/notes", {"text": " "})
    assert len(smtp_inbox.messages) == 1
    auth.post(f"/claims/{claim.id}/notes", {"text": "@li @ana.b see the minutes"})
    assert sorted(m.rcpt_tos[0] for m in smtp_inbox.messages[1:]) == [
        "ana.b@example.org",
        "li@example.org",
    ]


def test_a_bad_smtp_address_stops_the_app_at_start(database_url):
    from factdb import create_app

    with pytest.raises(ValueError, match="FACTDB_SMTP_URL"):
        create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x", "SMTP_URL": "mail.example:25"})


def test_a_mistyped_smtp_address_is_named_without_its_password(database_url):
    """The message goes to the server's log, and a job's error to everyone's jobs page."""
    from factdb import create_app

    with pytest.raises(ValueError, match="FACTDB_SMTP_URL") as caught:
        create_app(
            {"DATABASE_URL": database_url, "SECRET_KEY": "x",
             "SMTP_URL": "smpt://mailer:s3cret-Pass@mail.example:587"}
        )  # fmt: skip
    assert "s3cret-Pass" not in str(caught.value)
    assert "smpt://mailer:***@mail.example:587" in str(caught.value)


@pytest.mark.parametrize(
    "typed",
    ["smtp//mailer:s3cret-Pass@mail.example:587", "smtp:/mailer:s3cret-Pass@mail.example",
     "mailer:s3cret-Pass@mail.example:587"],
)  # fmt: skip
def test_an_smtp_address_without_its_scheme_is_named_without_its_password(typed):
    """Without `//` nothing parses as the user and password, and they were shown whole."""
    from factdb.team.mail import SmtpServer

    with pytest.raises(ValueError, match="FACTDB_SMTP_URL") as caught:
        SmtpServer.from_url(typed)
    assert "s3cret-Pass" not in str(caught.value)
    assert "***@mail.example" in str(caught.value)


def test_the_demo_shows_a_team_at_work(session):
    from factdb.demo import load_demo

    users = load_demo(session)
    session.commit()
    counts = queue_counts(session, users["jonas"].id)
    assert counts == {"research": 2, "returned": 1, "review": 0, "coming": 0, "total": 3}
    assert queue_counts(session, users["li"].id)["review"] == 2
    from factdb.team.queue import queue_for

    [returned] = queue_for(session, users["jonas"]).returned
    assert returned.last_note.startswith("“Officials” is all we have")


def test_team_pages_link_their_json_twins(client, auth, team):
    auth.login("li@example.org")
    for page, twin in (
        ("/queue", "/api/v1/queue"),
        ("/notifications", "/api/v1/notifications"),
        ("/views/", "/api/v1/views"),
    ):
        response = client.get(page)
        assert f"<{twin}>" in response.headers["Link"], page
        assert client.get(twin).status_code == 200  # reading works with the browser's session


def test_the_list_offers_its_tags_and_the_people_claims_can_go_to(
    client, auth, session, make, team, claim
):
    """The tag filter and the bulk assignment's people come from one statement; both stay right."""
    make.claim(team["jonas"], "A tagged claim", tags=["zoning", "budget"])
    gone = make.user(Role.EDITOR, email="gone@example.org", name="Aaron Gone")
    gone.active = False
    make.user(Role.ADMIN, email="boss@example.org", name="Zoe Admin")
    session.commit()
    auth.login("jonas@example.org")
    listing = client.get("/").get_data(as_text=True)

    def options(select_id: str) -> list[str]:
        block = re.search(rf'<select id="{select_id}".*?</select>', listing, re.S).group(0)
        return re.findall(r'<option value="\d+">([^<]+)</option>', block)

    assert options("bulk-editor") == ["Ana Brandt", "Jonas Weber", "Li Wei", "Zoe Admin"]
    assert options("bulk-reviewer") == ["Ana Brandt", "Li Wei", "Zoe Admin"]
    assert re.findall(r'<option value="(budget|zoning)"', listing) == ["budget", "zoning"]
    auth.login("vic@example.org")  # a viewer assigns nobody: no people read, the tags still shown
    listing = client.get("/").get_data(as_text=True)
    assert 'id="bulk-editor"' not in listing
    assert re.findall(r'<option value="(budget|zoning)"', listing) == ["budget", "zoning"]


def test_a_claim_s_assignment_and_its_people_read_together_match_the_two_reads(
    session, make, team, claim
):
    """One statement for the claim page's assignment and its form, with or without either."""
    other = make.claim(team["jonas"], "Nobody has this one")
    assign(session, team["jonas"], claim.id, editor_id=team["jonas"].id, reviewer_id=team["li"].id)
    session.commit()
    for claim_id in (claim.id, other.id):
        together = assignment_and_assignable(session, claim_id)
        assert together == (assignment_of(session, claim_id), assignable_users(session))
    assert together[0].editor_id is None and len(together[1]) == 3
    for user in (team["jonas"], team["li"], team["ana"]):
        user.active = False  # nobody left to assign: the assignment is still read
    session.commit()
    assert assignment_and_assignable(session, claim.id) == (assignment_of(session, claim.id), [])
    assert assignment_of(session, claim.id).reviewer_id == team["li"].id
