"""`factdb bench` times pages through the WSGI app: every answer read whole, then closed."""

from __future__ import annotations

from factdb.devtools.bench import time_requests
from factdb.devtools.synthetic import BENCH_EMAIL, BENCH_PASSWORD
from factdb.users import create_user
from factdb.vocab import Relation, Role
from factdb.web.database import database


def test_streamed_exports_are_timed_whole_and_leave_no_request_context_behind(app, session, make):
    # A streamed download keeps its request context until the answer is closed; an
    # answer left open was popped later, out of order ("Popped wrong request context").
    create_user(session, email=BENCH_EMAIL, name="Bench", role=Role.ADMIN, password=BENCH_PASSWORD)
    session.commit()
    editor = make.user(Role.EDITOR)
    document = make.document("Statement", full_text="We did it.", publisher="Wire")
    for number in range(3):
        make.claim(editor, f"Claim {number}", document=document, relation=Relation.SUPPORTS)
    urls = [f"/export/download?format=bibtex&claim={n}&claim={n % 3 + 1}" for n in (1, 2, 3)]
    [timing] = time_requests(app, database(app).engine, [("export", urls)], warmup=2)
    assert len(timing.latencies_ms) == 3
    # The body is written as it is read: its queries are part of what is timed.
    assert min(timing.statements) >= 2


def test_a_failed_export_is_told_on_its_line_instead_of_stopping_the_bench(database_url):
    """A timed export that fails (pandoc over its time limit, say) used to leave the bench
    waiting for an answer forever, every line measured before it lost."""
    import multiprocessing

    from factdb.devtools.bench_jobs import _probe_export

    context = multiprocessing.get_context("spawn")
    line = _probe_export(context, database_url, "no-such-format", [], [], "")
    assert line.startswith("failed (ValidationFailed: Unknown format 'no-such-format'"), line
