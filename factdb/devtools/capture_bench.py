"""Time capture and recheck against a generated web site on loopback (nothing leaves the machine).

`factdb bench-capture` serves numbered articles from several loopback addresses
(127.0.0.1, 127.0.0.2, ...: one host each, as a recheck sees different sites), times
the capture of a 200 KB article (fetch, extraction, WARC), then records N documents as
captured and times rechecking all of them, first unchanged, then with a tenth edited.
"""

from __future__ import annotations

import secrets
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from factdb.capture.warc import sha256

_PARAGRAPH = (
    "The committee heard evidence from harbour pilots, ferry operators and the coast guard "
    "about the safety of the northern channel during winter storms, and about the cost of "
    "dredging it every year. "
)


def article(number: int, version: int = 1, size: int = 6_000) -> str:
    """An article page of about `size` bytes: navigation, the story, a sidebar and a footer."""
    body = [
        f"<p>Harbour report {number}, edition {version}: traffic rose by {number % 9 + 1} per cent.</p>"
    ]
    while sum(map(len, body)) < size:
        body.append(f"<p>{_PARAGRAPH}Item {len(body)} of report {number}.</p>")
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour report {number}</title>'
        f'<meta property="og:site_name" content="Harbour Bench"><meta name="author" content="Bench Writer">'
        f'<meta property="article:published_time" content="2024-01-{number % 28 + 1:02d}"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>'
        f"<h1>Harbour report {number}</h1>{''.join(body)}</article></main>"
        f"<aside><h2>Most read</h2><ul><li>Storm closes the port</li></ul></aside>"
        f"<footer>© Harbour Bench</footer></body></html>"
    )


@dataclass
class _State:
    versions: dict[int, int]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/big.html":
            page = article(0, size=200_000).encode()
        else:
            number = int(self.path.strip("/").removesuffix(".html") or 0)
            page = article(number, self.server.state.versions.get(number, 1)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, state: _State) -> None:
        super().__init__((host, 0), _Handler)
        self.state = state


def _median_max(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.3f} s, max {max(samples):.3f} s"


def run(
    documents: int = 1000,
    hosts: int = 4,
    connections: int = 8,
    per_host: int = 2,
    echo: Callable[[str], None] = print,
) -> dict[str, float]:
    """Run the benchmark on a throwaway SQLite database; return the figures."""
    from factdb import create_app
    from factdb.capture.recheck import recheck, select_targets
    from factdb.capture.service import capture_url
    from factdb.db import transaction
    from factdb.migrate import upgrade
    from factdb.models import Capture, Document
    from factdb.vocab import DocumentType
    from factdb.web.database import database

    state = _State(versions={})
    servers = [_Server(f"127.0.0.{index + 1}", state) for index in range(hosts)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite'}",
                          "SECRET_KEY": secrets.token_hex(32), "CAPTURE_ALLOW_PRIVATE": True,
                          "QUEUE_URL": "immediate"})  # fmt: skip
        handle = database(app)
        upgrade(handle.engine)
        try:
            big = f"http://127.0.0.1:{servers[0].server_address[1]}/big.html"
            capture_url(big, app.config)  # warm up: imports, first connection
            samples = []
            for _ in range(10):
                started = time.perf_counter()
                result = capture_url(big, app.config)
                samples.append(time.perf_counter() - started)
            figures["capture_200k_median"] = statistics.median(samples)
            figures["capture_200k_max"] = max(samples)
            echo(f"capture of a {len(result.page.body) / 1024:.0f} KB page (fetch, extraction, "
                 f"WARC), 10 runs: {_median_max(samples)}")  # fmt: skip

            def url(number: int) -> str:
                server = servers[number % hosts]
                return f"http://{server.server_address[0]}:{server.server_address[1]}/{number}.html"

            with transaction(handle.writer) as session:
                for number in range(1, documents + 1):
                    page = article(number).encode()
                    document = Document(title=f"Harbour report {number}", doc_type=DocumentType.WEB_PAGE,
                                        url=url(number), authors=[])  # fmt: skip
                    session.add(document)
                    session.flush()
                    session.add(Capture(document_id=document.id, requested_url=document.url,
                                        final_url=document.url, http_status=200, body_sha256=sha256(page),
                                        text=f"Harbour report {number}"))  # fmt: skip
            for label, edited in (("unchanged", 0), ("a tenth edited", documents // 10)):
                for number in range(1, edited + 1):
                    state.versions[number * 10 - 3] = 2
                with handle.reader() as session:
                    targets = select_targets(session)
                started = time.perf_counter()
                counts = recheck(handle.writer, targets, app.config, connections=connections,
                                 per_host=per_host)  # fmt: skip
                elapsed = time.perf_counter() - started
                figures[f"recheck_{edited}_edited"] = elapsed
                echo(f"recheck of {len(targets)} documents on {hosts} loopback hosts, {connections} "
                     f"connections, {per_host} per host, {label}: {elapsed:.1f} s "
                     f"({len(targets) / elapsed:.0f} documents/s; {dict(counts)})")  # fmt: skip
        finally:
            handle.engine.dispose()
            for server in servers:
                server.shutdown()
                server.server_close()
    return figures
