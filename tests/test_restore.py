"""Restoring a backup never silently discards work: refused while anything has the database open."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb import migrate
from factdb.backup import backup, restore
from factdb.cli import main
from factdb.db import make_engine, make_session_factory
from factdb.devtools import loadtest
from factdb.errors import ValidationFailed
from factdb.models import Claim
from factdb.users import create_user
from factdb.vocab import Role
from tests.factories import PASSWORD

EMAIL = "editor@example.org"


@pytest.fixture
def live_database(tmp_path: Path) -> tuple[str, Path]:
    """A SQLite database with one editor, and a backup of it taken before any claim."""
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine, write=True)() as session, session.begin():
        create_user(session, email=EMAIL, name="Editor", role=Role.EDITOR, password=PASSWORD)
    backup(engine, tmp_path / "backup.sqlite")
    engine.dispose()
    return url, tmp_path / "backup.sqlite"


def _claims(url: str) -> int:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return session.scalar(select(func.count(Claim.id))) or 0
    finally:
        engine.dispose()


def _restore_command(url: str, backup_file: Path, monkeypatch):
    monkeypatch.setenv("FACTDB_DATABASE_URL", url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "restore-test")
    return CliRunner().invoke(main, ["restore", str(backup_file), "--yes"])


def test_restore_is_refused_while_a_server_is_serving_the_database(live_database, monkeypatch):
    url, backup_file = live_database
    port = loadtest.free_port()
    server = loadtest.start_server(url, port, workers=1)
    try:
        browser = loadtest.Client(port, EMAIL, PASSWORD)
        status, _ = browser.request(
            "POST",
            "/claims/new",
            {"text": "Acknowledged while the server runs.", "csrf_token": browser.token,
             "save": "Save claim", "citations-0-relation": "asserts",
             "citations-0-quote_type": "direct", "citations-0-new_document_type": "news_article"},
        )  # fmt: skip
        assert status == 302
        refused = _restore_command(url, backup_file, monkeypatch)
        assert refused.exit_code == 1
        assert "is in use: process" in refused.output and "nothing was changed" in refused.output
        assert _claims(url) == 1, "the acknowledged claim is still there"
    finally:
        loadtest.stop_server(server)

    restored = _restore_command(url, backup_file, monkeypatch)
    assert restored.exit_code == 0, restored.output
    assert _claims(url) == 0


def test_restore_is_refused_while_a_connection_of_this_program_is_open(live_database):
    url, backup_file = live_database
    holder = make_engine(url)
    restorer = make_engine(url)
    try:
        with holder.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM claim").scalar()
            with pytest.raises(ValidationFailed, match="another connection of this program"):
                restore(restorer, backup_file)
        holder.dispose()
        restore(restorer, backup_file)  # nobody else has it open now
    finally:
        holder.dispose()
        restorer.dispose()
