"""The factdb command line: init, demo, user add."""

from __future__ import annotations

import socket
from contextlib import contextmanager

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.cli import main
from factdb.db import make_engine, make_session_factory
from factdb.models import Claim, StatusChange, User
from factdb.users import authenticate


@pytest.fixture
def run(empty_database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def _count(url: str, model) -> int:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return session.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


def test_init_creates_then_reports_up_to_date(run):
    first = run("init")
    assert first.exit_code == 0
    assert "upgraded from empty to revision" in first.output
    second = run("init")
    assert "up to date" in second.output


def test_demo_loads_once(run, empty_database_url):
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "amira@demo.factdb.org" in result.output and "factdb-demo" in result.output
    assert _count(empty_database_url, Claim) == 12
    assert _count(empty_database_url, StatusChange) >= 10
    again = run("demo")
    assert again.exit_code == 1
    assert "already has records" in again.output


def test_user_add_reads_password_from_stdin(run, empty_database_url):
    result = run(
        "user",
        "add",
        "Editor@Example.org",
        "--role",
        "reviewer",
        "--name",
        "Ed",
        input="long password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Added editor@example.org as reviewer." in result.output
    engine = make_engine(empty_database_url)
    with make_session_factory(engine)() as session:
        user = authenticate(session, "editor@example.org", "long password")
        assert user is not None and user.role.value == "reviewer"
    engine.dispose()


def test_user_add_refuses_short_password_and_duplicates(run, empty_database_url):
    short = run("user", "add", "a@example.org", input="short\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    run("user", "add", "a@example.org", input="long enough\n")
    again = run("user", "add", "a@example.org", input="long enough\n")
    assert again.exit_code == 1 and "already an account" in again.output
    assert _count(empty_database_url, User) == 1


def test_serve_on_a_port_in_use_says_so_in_one_line_and_starts_nothing(run, monkeypatch):
    """The report: it announced itself and started job workers, then died with a traceback."""
    started = []

    @contextmanager
    def consumer(app):
        started.append(app)
        yield

    monkeypatch.setattr("factdb.cli.serve.embedded_consumer", consumer)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert f"Port {port}" in lines[0] and "in use" in lines[0] and "--port" in lines[0]
    assert started == []


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["--port", "99999"], "1<=x<=65535"),
        (["--port", "0"], "1<=x<=65535"),
        (["--threads", "0"], "1<=x<=256"),
    ],
)
def test_serve_with_a_number_out_of_range_names_the_range_without_a_traceback(run, args, told):
    """The report: `serve --port 99999` died with an OverflowError traceback."""
    result = run("serve", *args)
    assert result.exit_code == 2
    assert told in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("key", "weak"),
    [("x", True), ("k" * 40, True), ("short-but-varied-1", True), (None, False),
     ("3f9c0a51d7e24b8f96a1c5e0b7d2f4a8", False)],
)  # fmt: skip
def test_a_weak_secret_key_is_warned_about(key, weak, tmp_path, caplog):
    from factdb import create_app

    with caplog.at_level("WARNING"):
        create_app({"SECRET_KEY": key, "DATA_DIR": str(tmp_path), "TESTING": True})
    assert ("FACTDB_SECRET_KEY is weak" in caplog.text) is weak


@pytest.mark.parametrize(("host", "warned"), [("0.0.0.0", True), ("192.0.2.7", True),  # noqa: S104
                                             ("127.0.0.1", False), ("localhost", False),
                                             ("::1", False)])  # fmt: skip
def test_the_demo_served_beyond_this_machine_is_warned_about(host, warned):
    from factdb.cli.serve import _is_loopback

    assert _is_loopback(host) is not warned
