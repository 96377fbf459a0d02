"""Merging sources through the pages, the API and the command line, and who may."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.access import create_token
from factdb.models import Citation
from factdb.vocab import Role


@pytest.fixture
def two(make, session):
    """One speaker recorded twice; the short record cited once."""
    editor = make.user(Role.EDITOR, email="ed@example.org", name="Rhea Tamsin")
    make.user(Role.VIEWER, email="view@example.org")
    kept = make.source("Joseph Santorin", role="Harbour master")
    short = make.source("Joe Santorin")
    claim = make.claim(editor, "The quay was rebuilt twice.", document=make.document("Memo"), speaker=short)  # fmt: skip
    return editor, kept, short, claim


def _speaker(session, claim) -> int:
    session.rollback()  # end the read begun before the request wrote
    return session.scalar(select(Citation.speaker_id).where(Citation.claim_id == claim.id))


def test_the_page_shows_what_will_move_and_merges_on_confirmation(client, auth, session, two):
    _, kept, short, claim = two
    auth.login("ed@example.org")
    detail = client.get(f"/sources/{short.id}").get_data(as_text=True)
    assert f'href="/sources/{short.id}/merge"' in detail
    chosen = client.get(f"/sources/{short.id}/merge?into=joseph+santorin")
    page = chosen.get_data(as_text=True)
    assert chosen.status_code == 200
    assert "1 citation of 1 claim will name Joseph Santorin as the speaker" in page
    assert "will also be known as Joe Santorin" in page
    done = auth.post(f"/sources/{short.id}/merge", {"into_id": kept.id, "version": short.version})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/sources/{kept.id}")
    assert _speaker(session, claim) == kept.id
    # The old address leads to the source kept.
    old = client.get(f"/sources/{short.id}")
    assert old.status_code == 301 and old.headers["Location"].endswith(f"/sources/{kept.id}")
    history = client.get(f"/sources/{kept.id}").get_data(as_text=True)
    assert "merged source" in history and f"Joe Santorin (#{short.id})" in history
    # The claim's timeline says its citation's speaker changed, and by which merge.
    timeline = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Rhea Tamsin</strong>\n  updated citation" in timeline
    assert "<del>Joe Santorin</del>" in timeline and "<ins>Joseph Santorin</ins>" in timeline
    assert f"<ins>Joe Santorin (#{short.id})</ins>" in timeline


def test_the_page_refuses_a_merge_into_itself_and_a_stale_version(client, auth, session, two):
    _, kept, short, claim = two
    auth.login("ed@example.org")
    itself = client.get(f"/sources/{short.id}/merge?into_id={short.id}")
    assert itself.status_code == 422 and "cannot be merged into itself" in itself.get_data(
        as_text=True
    )
    stale = auth.post(
        f"/sources/{short.id}/merge", {"into_id": kept.id, "version": short.version - 1}
    )
    assert stale.status_code == 409 and "was changed after you opened it" in stale.get_data(
        as_text=True
    )
    assert _speaker(session, claim) == short.id
    unsent = client.post(
        f"/sources/{short.id}/merge", data={"into_id": kept.id, "version": short.version}
    )
    assert (
        unsent.status_code in (400, 422) and _speaker(session, claim) == short.id
    )  # no CSRF token


def test_viewers_may_not_merge(client, auth, session, two):
    _, kept, short, claim = two
    auth.login("view@example.org")
    assert client.get(f"/sources/{short.id}/merge").status_code == 403
    refused = auth.post(
        f"/sources/{short.id}/merge", {"into_id": kept.id, "version": short.version}
    )
    assert refused.status_code == 403 and _speaker(session, claim) == short.id


def test_the_api_merges_redirects_and_answers_conflicts(client, session, make, two):
    editor, kept, short, claim = two
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    stale = client.post(f"/api/v1/sources/{short.id}/merge", json={"into": kept.id, "version": 99}, headers=headers)  # fmt: skip
    assert stale.status_code == 409 and stale.get_json()["current"]["name"] == "Joe Santorin"
    itself = client.post(f"/api/v1/sources/{short.id}/merge", json={"into": short.id}, headers=headers)  # fmt: skip
    assert itself.status_code == 422 and "into" in itself.get_json()["fields"]
    done = client.post(f"/api/v1/sources/{short.id}/merge", json={"into": kept.id}, headers=headers)  # fmt: skip
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["data"]["aliases"] == ["Joe Santorin"]
    assert _speaker(session, claim) == kept.id
    old = client.get(f"/api/v1/sources/{short.id}", headers=headers)
    assert old.status_code == 301 and old.headers["Location"].endswith(f"/api/v1/sources/{kept.id}")


def test_the_api_refuses_a_viewer(client, session, make, two):
    _, kept, short, claim = two
    viewer = make.user(Role.VIEWER)
    headers = {"Authorization": f"Bearer {create_token(session, viewer, 'read').secret}"}
    session.commit()
    refused = client.post(f"/api/v1/sources/{short.id}/merge", json={"into": kept.id}, headers=headers)  # fmt: skip
    assert refused.status_code == 403 and _speaker(session, claim) == short.id


def test_the_command_prints_what_moves_and_merges(monkeypatch, database_url, session, two):
    from click.testing import CliRunner

    from factdb.cli import main

    _, kept, short, claim = two
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    args = ["source", "merge", str(short.id), "--into", str(kept.id), "--as", "ed@example.org"]
    declined = CliRunner().invoke(main, args, input="n\n")
    assert declined.exit_code == 1 and "1 citation of 1 claim" in declined.output
    assert _speaker(session, claim) == short.id
    refused = CliRunner().invoke(main, ["source", "merge", str(short.id), "--into", str(short.id)])
    assert refused.exit_code == 1 and "cannot be merged into itself" in refused.output
    done = CliRunner().invoke(main, [*args, "--yes"])
    assert done.exit_code == 0, done.output
    assert f"Merged Joe Santorin into Joseph Santorin (#{kept.id})." in done.output
    assert _speaker(session, claim) == kept.id


HUGE = "9" * 20  # no database column holds it


def test_ids_and_versions_no_column_holds_are_refused_not_errors(client, auth, session, make, two):
    editor, kept, short, claim = two
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    auth.login("ed@example.org")
    assert client.get(f"/sources/{HUGE}").status_code == 404
    assert client.get(f"/sources/{short.id}/merge?into_id={HUGE}").status_code == 422
    for into, version in ((HUGE, short.version), (kept.id, HUGE), (kept.id, "x")):
        sent = auth.post(f"/sources/{short.id}/merge", {"into_id": into, "version": version})
        assert sent.status_code in (409, 422), (into, version, sent.status_code)
    api = f"/api/v1/sources/{short.id}/merge"
    assert client.get(f"/api/v1/sources/{HUGE}", headers=headers).status_code == 404
    assert client.post(api, json={"into": int(HUGE)}, headers=headers).status_code == 422
    stale = client.post(api, json={"into": kept.id, "version": int(HUGE)}, headers=headers)
    assert stale.status_code == 409
    assert _speaker(session, claim) == short.id


def test_the_page_and_the_api_refuse_notes_too_long_together(client, auth, session, make, two):
    editor, kept, short, claim = two
    for source, words in ((kept, "Harbour master since 2009. "), (short, "Quoted as Joe. ")):
        source.notes = words * (12_000 // len(words))
    session.commit()
    auth.login("ed@example.org")
    page = auth.post(f"/sources/{short.id}/merge", {"into_id": str(kept.id), "version": str(short.version)})  # fmt: skip
    assert page.status_code == 422 and "at most 20,000" in page.get_data(as_text=True)
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    api = client.post(f"/api/v1/sources/{short.id}/merge", json={"into": kept.id}, headers=headers)  # fmt: skip
    assert api.status_code == 422 and "at most 20,000" in api.get_json()["fields"]["into"]
    assert _speaker(session, claim) == short.id


def test_a_merge_confirmed_twice_leads_to_the_source_kept_not_an_error(client, auth, session, two):
    """A double click, a second tab or a replayed form: the second finds the merge made."""
    _, kept, short, claim = two
    auth.login("ed@example.org")
    form = {"into_id": kept.id, "version": short.version}
    assert auth.post(f"/sources/{short.id}/merge", form).status_code == 302
    again = auth.post(f"/sources/{short.id}/merge", form)
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/sources/{kept.id}")
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Joe Santorin was already merged into Joseph Santorin" in page
    assert _speaker(session, claim) == kept.id
