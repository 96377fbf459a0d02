"""No lost data: concurrent edits and writers, crashes during imports, backups, moves between databases."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb import migrate, transfer
from factdb.backup import backup, restore
from factdb.claims import ClaimInput, get_claim, save_claim, unchanged_citations
from factdb.cli import main
from factdb.db import make_engine, make_session_factory
from factdb.demo import load_demo
from factdb.devtools import stress
from factdb.errors import ValidationFailed
from factdb.models import Base, Claim, Document, Source, User
from factdb.users import authenticate
from factdb.vocab import Role, Status
from tests.conftest import Auth

STRESS_SECONDS = float(os.environ.get("FACTDB_STRESS_SECONDS", "3"))


def _dump(url: str, **kwargs) -> str:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            out = io.StringIO()
            transfer.dump(session, out, **kwargs)
            return out.getvalue()
    finally:
        engine.dispose()


def _load(url: str, text: str) -> None:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with make_session_factory(engine, write=True)() as session, session.begin():
            transfer.load(session, io.StringIO(text))
    finally:
        engine.dispose()


@pytest.fixture
def demo_url(database_url, session):
    load_demo(session)
    session.commit()
    return database_url


def test_dump_load_dump_gives_identical_files(demo_url, empty_database_url):
    first = _dump(demo_url)
    _load(empty_database_url, first)
    assert _dump(empty_database_url) == first
    data = json.loads(first)
    assert data["format"] == "factdb-dump" and data["version"] == 1
    assert len(data["tables"]["claim"]) == 12
    assert all(user["password_hash"] is None for user in data["tables"]["user"])


def test_loaded_accounts_need_new_passwords_unless_hashes_were_dumped(
    demo_url, empty_database_url, tmp_path
):
    _load(empty_database_url, _dump(demo_url))
    engine = make_engine(empty_database_url)
    with make_session_factory(engine)() as session:
        assert authenticate(session, "li@demo.factdb.org", "factdb-demo") is None
    engine.dispose()
    other = f"sqlite:///{tmp_path / 'with-passwords.sqlite'}"
    _load(other, _dump(demo_url, with_passwords=True))
    engine = make_engine(other)
    with make_session_factory(engine)() as session:
        assert authenticate(session, "li@demo.factdb.org", "factdb-demo") is not None
    engine.dispose()


def test_a_dump_from_an_older_schema_loads(demo_url, empty_database_url):
    data = json.loads(_dump(demo_url))
    data["schema"] = "0001"
    for row in data["tables"]["document"]:
        del row["text_hash"]  # revision 0002 added it
    _load(empty_database_url, json.dumps(data))
    engine = make_engine(empty_database_url)
    with make_session_factory(engine)() as session:
        hashes = session.scalars(select(Document.text_hash).where(Document.full_text != "")).all()
        assert hashes and all(len(value) == 64 for value in hashes)
    engine.dispose()


def test_load_refuses_a_non_empty_database_and_bad_files(demo_url):
    engine = make_engine(demo_url)
    with make_session_factory(engine, write=True)() as session:
        with pytest.raises(ValidationFailed, match="not empty"):
            transfer.load(session, io.StringIO(_dump(demo_url)))
        session.rollback()
        with pytest.raises(ValidationFailed, match="Not a factdb dump"):
            transfer.load(session, io.StringIO('{"tables": {}}'))
        with pytest.raises(ValidationFailed, match="line 1"):
            transfer.load(session, io.StringIO("{nope"))
    engine.dispose()


def test_every_table_loads_after_the_tables_it_refers_to():
    """A row can only point at rows already loaded; a table may point at itself (see below)."""
    for position, name in enumerate(transfer.TABLES):
        for key in Base.metadata.tables[name].foreign_keys:
            target = key.column.table.name
            assert target == name or transfer.TABLES.index(target) < position, (name, target)


def test_a_dump_with_a_superseded_verdict_loads_and_dumps_back_the_same(
    demo_url, session, empty_database_url
):
    """The report: a verdict's step back to review points at the edit that superseded it."""
    claim_id = session.scalar(select(func.min(Claim.id)).where(Claim.status == Status.TRUE))
    claim = get_claim(session, claim_id)
    editor = session.scalar(select(User).where(User.role == Role.EDITOR).order_by(User.id))
    data = ClaimInput(text=claim.text + " (reworded)", context=claim.context,
                      tags=[tag.name for tag in claim.tags], citations=unchanged_citations(claim))  # fmt: skip
    assert save_claim(session, editor, data, claim_id=claim.id).reopened is not None
    session.commit()
    first = _dump(demo_url)
    assert any(row["cause_change_id"] for row in json.loads(first)["tables"]["status_change"])
    _load(empty_database_url, first)
    assert _dump(empty_database_url) == first


def test_a_source_whose_parent_was_recorded_after_it_loads(demo_url, session, empty_database_url):
    first, later = session.scalars(select(Source).order_by(Source.id)).all()[:2]
    first.parent_id, later.parent_id = later.id, None
    session.commit()
    dumped = _dump(demo_url)
    _load(empty_database_url, dumped)
    assert _dump(empty_database_url) == dumped


def _broken(demo_url: str, table: str, change) -> str:
    data = json.loads(_dump(demo_url))
    change(data["tables"][table])
    return json.dumps(data)


BROKEN_DUMPS = {
    "missing document": ("citation", lambda rows: rows[0].update(document_id=99999),
                         r"citation row with id 1 .*document"),
    "same id twice": ("claim", lambda rows: rows.append(dict(rows[0])), r"claim row with id 1 "),
    "unknown status": ("claim", lambda rows: rows[2].update(status="maybe"),
                       r"claim row with id 3 .*status.*'maybe'"),
    "not a date": ("claim", lambda rows: rows[1].update(created_at="yesterday"),
                   r"claim row with id 2 .*created_at.*'yesterday'"),
    "not a record": ("tag", lambda rows: rows.insert(0, 7), r"tag row 1 .*not an object"),
    # The form and the API refuse a claim over 5,000 characters; a hand-edited dump may not
    # bring one in either (its column is TEXT, so no database would refuse it).
    "claim too long": ("claim", lambda rows: rows[0].update(text="x" * 6000),
                       r"claim row with id 1 .*text.*6,000 characters.*5,000"),
    "publisher too long": ("document", lambda rows: rows[0].update(publisher="p" * 501),
                           r"document row with id 1 .*publisher.*501 characters.*500"),
}  # fmt: skip


@pytest.mark.parametrize(("table", "change", "names"), BROKEN_DUMPS.values(), ids=BROKEN_DUMPS)
def test_a_dump_that_cannot_load_says_which_record_in_one_line(
    demo_url, empty_database_url, tmp_path, monkeypatch, table, change, names
):
    dumped = tmp_path / "broken.json"
    dumped.write_text(_broken(demo_url, table, change), encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "load-test")
    result = CliRunner().invoke(main, ["load", str(dumped)], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert re.search(names, lines[0]), lines[0]
    assert _count_claims(empty_database_url) == 0, "nothing of a refused dump is kept"


def _count_claims(url: str) -> int:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return session.scalar(select(func.count()).select_from(Claim))
    finally:
        engine.dispose()


def _sqlite_database(tmp_path: Path, name: str) -> str:
    url = f"sqlite:///{tmp_path / name}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


def test_backup_is_consistent_while_writes_go_on(tmp_path):
    url = _sqlite_database(tmp_path, "live.sqlite")
    stop = threading.Event()

    def keep_writing() -> None:
        stress.run_threads(url, threads=1, seconds=2, tag="bk")
        stop.set()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    time.sleep(0.5)
    engine = make_engine(url)
    target = tmp_path / "copy.sqlite"
    backup(engine, target)
    writer.join()
    copy = make_engine(f"sqlite:///{target}")
    with copy.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("SELECT count(*) FROM claim").scalar() > 0
    copy.dispose()

    restore(engine, target)
    with make_session_factory(engine)() as session:
        restored = session.scalar(select(func.count(Claim.id)))
    assert restored is not None and restored > 0
    with pytest.raises(ValidationFailed, match=r"not a SQLite database|not a factdb backup"):
        junk = tmp_path / "junk.sqlite"
        junk.write_bytes(b"not a database at all" * 100)
        restore(engine, junk)
    engine.dispose()


def test_concurrent_writers_lose_nothing(database_url):
    """8 threads here and 2 processes, creating claims, adding citations and reviewing at once."""
    report, lost = stress.run(database_url, threads=8, processes=2, seconds=STRESS_SECONDS)
    assert report.errors == []
    assert lost == {"lost_claims": 0, "lost_citations": 0, "lost_reviews": 0}
    assert report.writers == 8 + 2 * 2, "every thread of every process saved claims"
    assert len(report.claims) >= report.writers


def test_killing_an_import_midway_leaves_nothing_and_a_rerun_imports_once(database_url, tmp_path):
    items = [
        {"id": f"item{n}", "type": "webpage", "title": f"Crash test page {n}", "URL": f"https://crash.example/{n}",
         "author": [{"family": f"Writer{n % 50}", "given": "Test"}]}
        for n in range(4000)
    ]  # fmt: skip
    path = tmp_path / "big.json"
    path.write_text(json.dumps(items))
    env = dict(os.environ, FACTDB_DATABASE_URL=database_url, FACTDB_SECRET_KEY="x")
    process = subprocess.Popen(
        [sys.executable, "-m", "factdb.cli", "import", str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.0)
    assert process.poll() is None, (
        "the import finished before it could be interrupted; make the file bigger"
    )
    process.send_signal(signal.SIGKILL)
    process.wait()

    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count(Document.id))) == 0
    done = subprocess.run(
        [sys.executable, "-m", "factdb.cli", "import", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    again = subprocess.run(
        [sys.executable, "-m", "factdb.cli", "import", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "created 0, 4,000 already present" in again.stdout
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count(Document.id))) == 4000
    engine.dispose()


@pytest.mark.parametrize("kind", ["source", "document"])
def test_concurrent_edits_of_sources_and_documents_are_refused(app, client, make, session, kind):
    make.user(Role.EDITOR, email="alice@example.org", name="Alice")
    make.user(Role.EDITOR, email="bob@example.org", name="Bob")
    if kind == "source":
        record = make.source("Dana Whitfield")
        url = f"/sources/{record.id}/edit"
        form = {
            "version": str(record.version),
            "name": "Alice's name",
            "kind": "person",
            "reliability": "F",
        }
        field = "name"
    else:
        record = make.document("Hearing transcript")
        url = f"/documents/{record.id}/edit"
        form = {
            "version": str(record.version),
            "title": "Alice's title",
            "doc_type": "news_article",
        }
        field = "title"
    alice, bob = Auth(client), Auth(app.test_client())
    alice.login("alice@example.org")
    bob.login("bob@example.org")
    assert bob.post(url, {**form, field: "Bob's version"}).status_code == 302
    refused = alice.post(url, form)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Bob saved this" in body and "Bob&#39;s version" in body and "Alice&#39;s" in body


def test_the_stress_run_migrates_a_new_database_first(tmp_path):
    """Pointed at a database no one has initialised, it creates the tables instead of failing."""
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    report, lost = stress.run(url, threads=1, processes=0, seconds=0.5)
    assert report.claims and not report.errors and not any(lost.values())
