"""The load test: wrk's result line read right, and many mixed clients served without a 5xx."""

from __future__ import annotations

import os
import re

import pytest
from sqlalchemy import select

from factdb.access import create_token
from factdb.db import make_engine
from factdb.devtools import loadrun, loadtest
from factdb.devtools.loadtest import parse_wrk_result
from factdb.devtools.synthetic import build
from factdb.models import Claim
from factdb.vocab import Role
from tests.factories import PASSWORD, Factory

#: Seconds of load in the test suite; the README's figures come from `factdb loadtest`.
LOAD_SECONDS = float(os.environ.get("FACTDB_LOAD_SECONDS", "3"))


def test_a_clean_run_counts_every_request_as_200():
    output = "Running 15s test @ http://127.0.0.1:8000\nfactdb 7982 15012345 0 0 7412 8234 11456\n"
    outcome, seconds, percentiles = parse_wrk_result(output)
    assert outcome.statuses == {200: 7982}
    assert outcome.errors == []
    assert seconds == pytest.approx(15.012345)
    assert percentiles == pytest.approx({"p50": 7.412, "p95": 8.234, "p99": 11.456})


def test_answers_other_than_200_and_socket_errors_are_failures():
    outcome, _, _ = parse_wrk_result("factdb 100 1000000 7 3 1000 2000 3000")
    assert outcome.statuses == {200: 93, 0: 7}
    assert outcome.errors == ["3 socket errors"]


def test_output_without_the_result_line_is_an_error():
    with pytest.raises(RuntimeError, match="no result"):
        parse_wrk_result("unable to connect to 127.0.0.1:8000 Connection refused")


def test_fifty_mixed_clients_reading_and_writing_get_no_server_error(
    database_url, make: Factory, session
):
    """Pages, searches, token reads through the API and new claims at once: every answer < 500."""
    editor = make.user(Role.EDITOR)
    claim_ids = [make.claim(editor, f"The budget grew by {n} per cent.").id for n in range(20)]
    reader = make.user(Role.VIEWER)
    api_token = create_token(session, reader, "dashboard", read_only=True).secret
    session.commit()
    port = loadtest.free_port()
    server = loadtest.start_server(database_url, port, workers=2)
    try:
        outcome, _wall = loadtest.run(
            port, editor.email, PASSWORD, clients=50, seconds=LOAD_SECONDS, max_requests=5000,
            claim_ids=claim_ids, mode="mixed", api_token=api_token,
        )  # fmt: skip
    finally:
        loadtest.stop_server(server)
    assert outcome.errors == []
    assert {status for status in outcome.statuses if status >= 500} == set()
    assert outcome.statuses.get(200, 0) > 50 and outcome.created
    session.rollback()
    written = session.scalars(
        select(Claim.text).where(Claim.text.like("Claim written under load (%"))
    )
    assert {text[text.index("(") + 1 : -1] for text in written} == set(outcome.created)


def test_the_load_test_reports_each_workers_memory_after_the_load(database_url, capsys):
    """Issue 15 holds a web worker to 200 MB after the load: the report must give the figure."""
    engine = make_engine(database_url)
    build(engine, 40, seed=3)
    engine.dispose()
    loadrun.run(database_url, loadrun.LoadPlan("read", 2, 2, "python", 1.0, 200))
    output = capsys.readouterr().out
    line = next(line for line in output.splitlines() if line.startswith("worker memory"))
    figures = [
        (int(rss), int(peak)) for rss, peak in re.findall(r"(\d+) resident, peak (\d+)", line)
    ]
    assert len(figures) == 2, line
    assert all(10 < rss <= peak < 1000 for rss, peak in figures), line
