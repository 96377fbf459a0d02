"""A stand-in for the Internet Archive's Save Page Now (SPN2) API, on loopback, for the tests.

POST /save answers {"url", "job_id"}; GET /save/status/<job_id> answers "pending" a
few times, then "success" with a timestamp, or "error". It can limit the rate
(429 with Retry-After) and records every request it was sent.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class ArchiveState:
    pending_polls: int = 1
    #: How many requests to answer 429 first.
    rate_limited: int = 0
    fail_with: str = ""
    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    polls: dict[str, int] = field(default_factory=dict)
    jobs: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def _json(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _limited(self) -> bool:
        state = self.server.state
        with state.lock:
            if state.rate_limited > 0:
                state.rate_limited -= 1
                return True
        return False

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        with state.lock:
            state.requests.append(("POST", self.path, {"form": form, "auth": self.headers.get("Authorization", ""),
                                                       "accept": self.headers.get("Accept", "")}))  # fmt: skip
        if self._limited():
            return self._json(429, {"message": "Too many requests"}, {"Retry-After": "0"})
        if self.path != "/save" or "url" not in form:
            return self._json(400, {"message": "bad request"})
        url = form["url"][0]
        with state.lock:
            job_id = f"spn2-{len(state.jobs) + 1:04d}"
            state.jobs[job_id] = url
        return self._json(200, {"url": url, "job_id": job_id})

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append(("GET", self.path, {}))
        if self._limited():
            return self._json(429, {"message": "Too many requests"}, {"Retry-After": "0"})
        prefix = "/save/status/"
        job_id = self.path[len(prefix) :] if self.path.startswith(prefix) else ""
        if job_id not in state.jobs:
            return self._json(404, {"message": "no such job"})
        with state.lock:
            state.polls[job_id] = state.polls.get(job_id, 0) + 1
            polls = state.polls[job_id]
        if polls <= state.pending_polls:
            return self._json(200, {"status": "pending", "job_id": job_id})
        if state.fail_with:
            return self._json(200, {"status": "error", "status_ext": "error:blocked-url",
                                    "message": state.fail_with, "job_id": job_id})  # fmt: skip
        return self._json(200, {"status": "success", "job_id": job_id, "timestamp": "20240305101500",
                                "original_url": state.jobs[job_id]})  # fmt: skip


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: ArchiveState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


@dataclass
class FakeArchive:
    base: str
    state: ArchiveState
    server: _Server

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_fake_archive() -> FakeArchive:
    state = ArchiveState()
    server = _Server(state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return FakeArchive(f"http://127.0.0.1:{server.server_address[1]}", state, server)
