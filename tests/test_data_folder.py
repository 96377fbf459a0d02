"""Where factdb keeps its files: never inside the virtual environment, said at every start."""

from __future__ import annotations

import os
import queue
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy.engine import make_url

import factdb
from factdb import create_app
from factdb.cli import main
from factdb.db import make_engine
from factdb.devtools.loadtest import free_port
from factdb.web.database import database

CHECKOUT = Path(factdb.__file__).resolve().parent.parent


def _database_file(app: Flask) -> Path:
    return Path(make_url(app.config["DATABASE_URL"]).database)


@pytest.fixture
def no_settings(monkeypatch, tmp_path) -> Path:
    """A user with no factdb settings at all, whose data folder (XDG) is under tmp_path."""
    for name in ("FACTDB_DATA_DIR", "FACTDB_DATABASE_URL", "FACTDB_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "factdb"


def test_the_default_database_and_key_live_in_the_users_data_folder(no_settings):
    app = create_app()
    try:
        path = _database_file(app)
        assert path == no_settings / "factdb.sqlite"
        assert not path.is_relative_to(sys.prefix), "deleting the venv must not delete the data"
        assert not path.is_relative_to(CHECKOUT)
        assert (no_settings / "secret_key").exists()
    finally:
        database(app).engine.dispose()


def test_factdb_data_dir_moves_the_database_key_and_queue(no_settings, monkeypatch, tmp_path):
    chosen = tmp_path / "newsroom data"
    monkeypatch.setenv("FACTDB_DATA_DIR", str(chosen))
    app = create_app()
    try:
        assert _database_file(app) == chosen / "factdb.sqlite"
        assert (chosen / "secret_key").exists()
        assert app.instance_path == str(chosen)
        assert not no_settings.exists()
    finally:
        database(app).engine.dispose()


@pytest.fixture
def factdb_command(no_settings):
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("folder", ["50% off", "données 2026", "%C3%A9 literally"])
def test_init_says_where_the_database_is_even_with_percent_signs_and_accents(
    factdb_command, monkeypatch, tmp_path, folder
):
    monkeypatch.setenv("FACTDB_DATA_DIR", str(tmp_path / folder))
    result = factdb_command("init")
    assert result.exit_code == 0, result.output
    expected = tmp_path / folder / "factdb.sqlite"
    assert f"Database: {expected} (SQLite)" in result.output
    assert "FACTDB_DATA_DIR" in result.output
    assert "upgraded from empty" in result.output
    assert expected.exists()
    assert "up to date" in factdb_command("init").output


def test_init_takes_a_url_with_an_encoded_password_or_path(
    factdb_command, monkeypatch, tmp_path, empty_database_url
):
    url = make_url(empty_database_url)
    if url.get_backend_name() == "sqlite":  # a folder named with a % and an accent
        url = url.set(database=str(tmp_path / "r%C3%A9sum%25é" / "factdb.sqlite"))
    else:  # any password with @ or % in it arrives URL-encoded
        url = url.set(password="p@ss%word")
    rendered = url.render_as_string(hide_password=False)
    assert "%40" in rendered or "%25" in rendered
    monkeypatch.setenv("FACTDB_DATABASE_URL", rendered)
    result = factdb_command("init")
    assert result.exit_code == 0, result.output
    assert "upgraded from empty" in result.output
    assert "p@ss" not in result.output
    engine = make_engine(rendered)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM claim").scalar() == 0
    finally:
        engine.dispose()


def test_a_missing_folder_is_named_not_a_crash(factdb_command, monkeypatch, tmp_path):
    missing = tmp_path / "nowhere" / "factdb.sqlite"
    monkeypatch.setenv("FACTDB_DATABASE_URL", f"sqlite:///{missing}")
    result = factdb_command("demo")
    assert result.exit_code == 1
    assert f"The folder {missing.parent} does not exist" in result.output
    assert factdb_command("init").exit_code == 0  # init creates it
    assert missing.exists()


def test_an_older_database_in_the_virtual_environment_is_pointed_out(
    factdb_command, monkeypatch, tmp_path
):
    old_place = tmp_path / "venv" / "var" / "factdb-instance"
    old_place.mkdir(parents=True)
    (old_place / "factdb.sqlite").write_bytes(b"")
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(old_place))
    result = factdb_command("init")
    assert result.exit_code == 0
    assert f"an older factdb database is at {old_place / 'factdb.sqlite'}" in result.output
    assert f"FACTDB_DATA_DIR={old_place}" in result.output


def _serve_until_running(tmp_path: Path, *options: str) -> list[str]:
    """Start `factdb serve`, read what it says until it runs, stop it; return its lines."""
    environment = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "factdb.cli", "serve", "--port", str(free_port()), *options]
    server = subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(
        target=lambda: [lines.put(line) for line in server.stdout], daemon=True
    )
    reader.start()
    seen: list[str] = []
    try:
        while not any("factdb is running at" in line for line in seen):
            try:
                seen.append(lines.get(timeout=60))
            except queue.Empty:
                pytest.fail(f"factdb serve said nothing more for 60 s: {seen}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=10)
        server.stdout.close()
    return seen


def test_serve_prints_where_the_database_is_when_it_starts(no_settings, tmp_path):
    seen = _serve_until_running(tmp_path)
    assert f"Database: {no_settings / 'factdb.sqlite'} (SQLite)\n" in seen


CLAIMS = "SELECT count(*) FROM claim"
DEMO_ACCOUNTS = "SELECT count(*) FROM user WHERE email LIKE '%@demo.factdb.org'"


def _count(path: Path, query: str) -> int:
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return int(connection.exec_driver_sql(query).scalar())
    finally:
        engine.dispose()


def test_serve_demo_keeps_the_demo_apart_from_the_default_database(
    no_settings, tmp_path, factdb_command
):
    seen = "".join(_serve_until_running(tmp_path, "--demo"))
    demo, real = no_settings / "demo.sqlite", no_settings / "factdb.sqlite"
    assert f"Database: {demo} (SQLite)" in seen
    assert f"your own is {real} (SQLite), untouched" in seen
    assert "factdb user add EMAIL --role admin" in seen and "li@demo.factdb.org" in seen
    assert _count(demo, CLAIMS) > 0
    # What the user starts for real afterwards has none of the demo, and no demo account.
    assert factdb_command("init").exit_code == 0
    assert _count(real, CLAIMS) == 0
    assert _count(real, DEMO_ACCOUNTS) == 0


def test_factdb_demo_loads_into_the_demo_file_unless_a_database_is_named(
    no_settings, factdb_command, monkeypatch, tmp_path
):
    result = factdb_command("demo")
    assert result.exit_code == 0, result.output
    assert f"Database: {no_settings / 'demo.sqlite'} (SQLite)" in result.output
    assert _count(no_settings / "demo.sqlite", CLAIMS) > 0
    assert not (no_settings / "factdb.sqlite").exists()
    named = tmp_path / "named" / "trial.sqlite"
    named.parent.mkdir()
    monkeypatch.setenv("FACTDB_DATABASE_URL", f"sqlite:///{named}")
    assert factdb_command("demo").exit_code == 0
    assert _count(named, CLAIMS) > 0


def test_a_data_folder_factdb_makes_is_its_owners_alone(no_settings):
    """It holds the database (password hashes, every claim) and the captured pages."""
    old = os.umask(0o022)
    try:
        app = create_app()
    finally:
        os.umask(old)
    try:
        assert stat.S_IMODE(no_settings.stat().st_mode) == 0o700
    finally:
        database(app).engine.dispose()


def test_the_job_queue_makes_the_data_folder_its_owners_alone_too(tmp_path):
    """With the database elsewhere and the key set, the queue is the first to make the folder."""
    from factdb.jobs.queue import build_huey

    folder = tmp_path / "data"
    old = os.umask(0o022)
    try:
        build_huey("", "postgresql+psycopg://factdb@db.example/factdb", folder)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
