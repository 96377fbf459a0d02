"""No request holds the server hostage: while each heavy request runs, others answer within 1 s.

A real server (gunicorn, 2 worker processes) serves the app; one client sends a heavy
request (the largest article intake reads, a source with 20,000 aliases, a claim form with
60 citations, a CSL-JSON file of 32,000 references without ids, JSON nested 10,000 deep);
meanwhile another client keeps reading a claim and writing claims through the API, and each
of its answers must come within 1 s. On SQLite a heavy request that took the write lock
for its whole run (any form post took it at its first statement) made every other write
wait, then fail.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from factdb.access import create_token
from factdb.devtools.loadtest import free_port, start_server, stop_server
from factdb.vocab import Role
from tests.factories import PASSWORD

LIMIT_SECONDS = 1.0
#: Every claim written meanwhile has words of its own: the same words from the same account
#: within minutes are refused as a form sent twice (409), which is not what this test measures.
_WRITTEN = itertools.count(1)


@pytest.fixture
def server(database_url) -> Iterator[str]:
    """gunicorn with 2 worker processes, as factdb is served, on this test's database."""
    port = free_port()
    process = start_server(database_url, port, workers=2, within=120)  # a busy machine is slow
    yield f"http://127.0.0.1:{port}"
    stop_server(process)


@pytest.fixture
def clients(server, make, session) -> Iterator[dict]:
    editor = make.user(Role.EDITOR, email="heavy@example.org")
    other = make.user(Role.EDITOR, email="other@example.org")
    document = make.document("Heavy document", full_text="Words to quote here.")
    claim = make.claim(other, "A claim to read meanwhile", document=document)
    tokens = {
        name: create_token(session, user, name).secret
        for name, user in (("heavy", editor), ("other", other))
    }
    session.commit()
    browser = httpx.Client(base_url=server, timeout=120, follow_redirects=False)
    login = browser.get("/login").text
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', login).group(1)
    answer = browser.post(
        "/login", data={"email": "heavy@example.org", "password": PASSWORD, "csrf_token": csrf}
    )
    assert answer.status_code == 302
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', browser.get("/").text).group(1)
    api = httpx.Client(
        base_url=server, timeout=120, headers={"Authorization": f"Bearer {tokens['heavy']}"}
    )
    meanwhile = httpx.Client(
        base_url=server, timeout=30, headers={"Authorization": f"Bearer {tokens['other']}"}
    )
    yield {"browser": browser, "csrf": csrf, "api": api, "meanwhile": meanwhile,
           "claim": claim.id, "document": document.id}  # fmt: skip
    for client in (browser, api, meanwhile):
        client.close()


def _while(heavy: Callable[[], httpx.Response], meanwhile: httpx.Client, claim_id: int):
    """Run `heavy`; meanwhile read and write as another user. Return its answer and their times."""
    answer: dict[str, httpx.Response] = {}
    worker = threading.Thread(target=lambda: answer.setdefault("heavy", heavy()))
    worker.start()
    time.sleep(0.05)  # let the heavy request reach the server first
    times: list[tuple[str, int, float]] = []
    while worker.is_alive() or not times:
        number = next(_WRITTEN)
        started = time.perf_counter()
        read = meanwhile.get(f"/api/v1/claims/{claim_id}")
        times.append(("read", read.status_code, time.perf_counter() - started))
        started = time.perf_counter()
        written = meanwhile.post("/api/v1/claims", json={"text": f"Written meanwhile {number}"})
        times.append(("write", written.status_code, time.perf_counter() - started))
        time.sleep(0.05)
    worker.join()
    return answer["heavy"], times


def _csl(count: int) -> bytes:
    items = [
        {"type": "article-journal", "title": f"Reference number {n} on levies"}
        for n in range(count)
    ]
    return json.dumps(items).encode()


HEAVY = {
    "intake of the longest article": lambda c: c["browser"].post(
        "/intake/", data={"csrf_token": c["csrf"], "title": "Long", "doc_type": "news_article",
                          "text": ("The minister said: “We will not raise the levy.” " * 40_000)[:2_000_000]}),
    "source with 20,000 aliases": lambda c: c["api"].post(
        "/api/v1/sources", json={"name": "Many Names", "kind": "person",
                                 "aliases": [f"Alias number {n}" for n in range(20_000)]}),
    "claim form with 60 citations": lambda c: c["browser"].post(
        "/claims/new", data={"csrf_token": c["csrf"], "text": "Sixty citations",
                             **{f"citations-{i}-{k}": v for i in range(60) for k, v in
                                (("document", "Heavy document"), ("document_id", str(c['document'])), ("relation", "asserts"),
                                 ("quote_type", "direct"), ("quote", f"quote {i}"))}}),
    "CSL-JSON import preview of 32,000 references": lambda c: c["browser"].post(
        "/import", data={"csrf_token": c["csrf"], "format": "csl-json"},
        files={"file": ("refs.json", _csl(32_000), "application/json")}),
    "JSON nested 10,000 deep": lambda c: c["api"].post(
        "/api/v1/claims", content=b"[" * 10_000 + b"]" * 10_000, headers={"Content-Type": "application/json"}),
}  # fmt: skip


def test_others_are_answered_within_a_second_while_a_heavy_request_runs(clients):
    """One server for every case (gunicorn takes seconds to start on a busy machine)."""
    report = {}
    for name, send in HEAVY.items():
        heavy, times = _while(
            lambda send=send: send(clients), clients["meanwhile"], clients["claim"]
        )
        assert heavy.status_code < 500, (name, heavy.text[:500])
        assert all(status in (200, 201) for _kind, status, _seconds in times), (name, times)
        slowest = max(seconds for _kind, _status, seconds in times)
        report[name] = (heavy.status_code, len(times), round(slowest, 3))
    print(report)
    assert all(slowest < LIMIT_SECONDS for _code, _count, slowest in report.values()), report
