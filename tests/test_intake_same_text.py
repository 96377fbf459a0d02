"""The same article's text read again without its URL, under another title, is the document
recorded before: never a second copy."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.cli import main
from factdb.models import Document
from factdb.vocab import Role
from tests.test_intake import _form_defaults
from tests.test_intake_proposed_roles import ARTICLE

#: The same words with other white space: lines wrapped elsewhere, spaces doubled, a blank end.
REWRAPPED = ARTICLE.replace(" raised its", "\n raised  its").replace("\n\n", "\n \n") + "\n\n"


def _documents(session) -> int:
    session.rollback()
    return session.scalar(select(func.count(Document.id)))


def test_the_same_text_pasted_again_is_the_recorded_document(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    first = auth.post("/intake/", {"title": "Harbour fees rise again", "text": ARTICLE})
    assert (
        auth.post("/intake/confirm", _form_defaults(first.get_data(as_text=True))).status_code
        == 302
    )
    assert _documents(session) == 1
    again = auth.post("/intake/", {"title": "Mooring fees up", "text": REWRAPPED})
    page = again.get_data(as_text=True)
    assert "already recorded (same text)" in page
    form = _form_defaults(page)
    response = auth.post("/intake/confirm", {**form, "accept-2": "on"})
    assert response.status_code == 302
    assert _documents(session) == 1


def test_ingest_adds_the_same_text_to_the_recorded_document(
    empty_database_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(REWRAPPED, encoding="utf-8")
    recorded = runner.invoke(main, ["ingest", str(first), "--title", "Harbour fees rise again"])
    assert recorded.exit_code == 0, recorded.output
    dry = runner.invoke(main, ["ingest", str(second), "--title", "Mooring fees up", "--dry-run"])
    assert "Already recorded as document #1 (same text)." in dry.output
    again = runner.invoke(main, ["ingest", str(second), "--title", "Mooring fees up", "--all"])
    assert again.exit_code == 0, again.output
    assert (
        "Added to document #1 with 2 claims; 1 already recorded from it left out." in again.output
    )
    from factdb.db import make_engine, make_session_factory

    engine = make_engine(empty_database_url)
    with make_session_factory(engine)() as session:
        assert _documents(session) == 1
    engine.dispose()
