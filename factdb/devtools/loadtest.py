"""Drive a real factdb server (gunicorn) from other processes on loopback, and report.

Bounded in requests and seconds: it only ever talks to 127.0.0.1, stops by itself,
and reports requests per second, latency percentiles, every non-2xx/3xx status,
and, for writes, whether each acknowledged claim is in the database afterwards.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(
    database_url: str, port: int, workers: int = 2, *, within: float = 120
) -> subprocess.Popen:
    """Start gunicorn on loopback with `workers` processes; returns once it answers."""
    env = dict(
        os.environ, FACTDB_DATABASE_URL=database_url, FACTDB_SECRET_KEY=secrets.token_hex(16)
    )
    process = subprocess.Popen(  # noqa: S603 (fixed command on loopback)
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"{HOST}:{port}",
         "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning", "factdb:create_app()"],
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection(HOST, port, timeout=2)
        try:
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    process.terminate()
    raise RuntimeError(f"gunicorn did not start within {within:.0f} s")


@dataclass
class WorkerMemory:
    """One gunicorn worker's memory, in bytes: resident now, and the most it has been."""

    pid: int
    rss: int
    peak: int


def worker_memory(master_pid: int) -> list[WorkerMemory]:
    """Read the resident and peak memory of the gunicorn master's workers (Linux's /proc).

    Taken right after the load, while the workers still hold what serving it grew them to.
    """
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    workers = []
    for pid in sorted(int(child) for child in children):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:  # a worker that ended (and was replaced) meanwhile
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        kilobytes = {key: int(fields[key].split()[0]) * 1024 for key in ("VmRSS", "VmHWM")}
        workers.append(WorkerMemory(pid, kilobytes["VmRSS"], kilobytes["VmHWM"]))
    return workers


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()  # reaped, or the Popen is left "still running" (a ResourceWarning)


class Client:
    """A logged-in browser-like client over one keep-alive connection (reconnects as needed)."""

    #: Seconds a request may take. Fifty clients log in at once, each paying for a real
    #: password hash, before anything is measured: on a busy machine that queue alone can
    #: pass 30 s, so log-ins get longer than the measured requests.
    LOG_IN_TIMEOUT, TIMEOUT = 120, 30

    def __init__(self, port: int, email: str, password: str) -> None:
        self.port = port
        self.cookie = ""
        self.connection: http.client.HTTPConnection | None = None
        self.timeout = self.LOG_IN_TIMEOUT
        page = self.request("GET", "/login")[1]
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)
        if not token:
            raise RuntimeError("no CSRF token on the log-in page")
        status, _ = self.request(
            "POST", "/login", {"email": email, "password": password, "csrf_token": token.group(1)}
        )
        if status != 302:
            raise RuntimeError(f"log-in failed with {status}")
        # Logging in starts a new session, and with it a new CSRF token.
        fresh = re.search(r'name="csrf-token" content="([^"]+)"', self.request("GET", "/search")[1])
        if not fresh:
            raise RuntimeError("no CSRF token after log-in")
        self.token = fresh.group(1)
        self.timeout = self.TIMEOUT
        if self.connection is not None:
            self.connection.timeout = self.TIMEOUT
            if self.connection.sock is not None:
                self.connection.sock.settimeout(self.TIMEOUT)

    def request(
        self, method: str, path: str, form: dict | None = None, *, bearer: str = ""
    ) -> tuple[int, str]:
        """Send one request with the session cookie, or with an API token instead."""
        body = urlencode(form) if form is not None else None
        if bearer:
            headers = {"Authorization": f"Bearer {bearer}"}
        else:
            headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(
                        HOST, self.port, timeout=self.timeout
                    )
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                cookie = response.getheader("Set-Cookie")
                if cookie:
                    self.cookie = cookie.split(";", 1)[0]
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, text
            except (http.client.HTTPException, OSError):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)


def worker(args: tuple) -> Outcome:
    """One client process: reads (and, in mixed mode, writes) until the time or count runs out."""
    port, email, password, seconds, max_requests, claim_ids, mode, seed, api_token = args
    rng = random.Random(seed)  # noqa: S311 (chooses pages, not secrets)
    outcome = Outcome()
    try:
        client = Client(port, email, password)
    except (RuntimeError, OSError) as exc:
        outcome.errors.append(f"log-in: {exc}")
        return outcome
    deadline = time.monotonic() + seconds
    sent = 0
    while time.monotonic() < deadline and sent < max_requests:
        sent += 1
        roll = rng.random()
        started = time.perf_counter()
        try:
            if mode == "mixed" and roll < 0.2:
                marker = f"load {seed}-{sent}-{rng.getrandbits(32):08x}"
                status, _ = client.request(
                    "POST",
                    "/claims/new",
                    {"text": f"Claim written under load ({marker})", "csrf_token": client.token, "save": "Save claim",
                     "citations-0-relation": "asserts", "citations-0-quote_type": "direct",
                     "citations-0-new_document_type": "news_article"},
                )  # fmt: skip
                if status == 302:
                    outcome.created.append(marker)
            elif mode == "mixed" and roll < 0.35:
                status, _ = client.request("GET", f"/?q=budget&page={rng.randint(1, 20)}")
            elif mode == "mixed" and api_token and roll < 0.6:
                # Programs reading through the API with a token, as a newsroom's CMS would.
                path = (
                    f"/api/v1/claims/{rng.choice(claim_ids)}"
                    if roll < 0.5
                    else f"/api/v1/claims?per_page=10&page={rng.randint(1, 20)}"
                )
                status, _ = client.request("GET", path, bearer=api_token)
            else:
                status, _ = client.request("GET", f"/claims/{rng.choice(claim_ids)}")
        except (OSError, http.client.HTTPException) as exc:
            outcome.errors.append(str(exc))
            continue
        outcome.latencies.append((time.perf_counter() - started) * 1000)
        outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
    return outcome


def _merge(results: list[Outcome]) -> Outcome:
    merged = Outcome()
    for result in results:
        merged.latencies += result.latencies
        merged.errors += result.errors
        merged.created += result.created
        for status, count in result.statuses.items():
            merged.statuses[status] = merged.statuses.get(status, 0) + count
    return merged


def process_worker(jobs: list[tuple]) -> Outcome:
    """One client process running several client threads, each its own logged-in client."""
    results: list[Outcome] = [Outcome() for _ in jobs]

    def run_one(index: int) -> None:
        results[index] = worker(jobs[index])

    threads = [threading.Thread(target=run_one, args=(index,)) for index in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _merge(results)


def run(port: int, email: str, password: str, *, clients: int, seconds: float, max_requests: int,
        claim_ids: list[int], mode: str, processes: int = 4, api_token: str = "") -> tuple[Outcome, float]:  # fmt: skip
    """Run `clients` concurrent clients spread over a few processes; returns the outcome and wall time.

    In mixed mode with an `api_token`, a quarter of the requests are API reads with that token.
    """
    jobs = [
        (port, email, password, seconds, max_requests // clients + 1, claim_ids, mode, n, api_token)
        for n in range(clients)
    ]
    processes = max(1, min(processes, clients))
    groups = [jobs[index::processes] for index in range(processes)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.map(process_worker, groups)
    return _merge(results), time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


#: wrk's Lua hooks: pick a random claim page per request, count every answer that is not 200.
_WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body) if status ~= 200 then not_ok = not_ok + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  local e = summary.errors
  io.write(string.format("factdb %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    bad, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def wrk_path() -> str | None:
    """wrk (Debian's package), the C load generator, if it is installed."""
    return shutil.which("wrk")


def run_wrk(
    port: int, email: str, password: str, *, connections: int, seconds: float, claim_ids: list[int]
) -> tuple[Outcome, float, dict[str, float]]:
    """Load claim pages with wrk, logged in; returns the outcome, wall time and percentiles.

    wrk spends a fraction of the CPU a Python client does, so on a small machine the
    figure measures the server rather than the client.
    """
    cookie = Client(port, email, password).cookie
    paths = ",".join(f'"/claims/{claim_id}"' for claim_id in claim_ids)
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "claims.lua"
        script.write_text(_WRK_SCRIPT % {"paths": paths}, encoding="utf-8")
        command = [wrk_path() or "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                   "-s", str(script), "-H", f"Cookie: {cookie}", f"http://{HOST}:{port}"]  # fmt: skip
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return parse_wrk_result(output)


def parse_wrk_result(output: str) -> tuple[Outcome, float, dict[str, float]]:
    """Read the line the Lua `done` hook prints: requests, µs, not-200s, socket errors, p50/95/99 µs."""
    line = next((line for line in output.splitlines() if line.startswith("factdb ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    requests, duration_us, not_ok, socket_errors, p50, p95, p99 = (int(v) for v in line.split()[1:])
    outcome = Outcome(statuses={200: requests - not_ok})
    if not_ok:
        outcome.statuses[0] = not_ok  # wrk does not say which statuses; 0 marks "not 200"
    outcome.errors = [f"{socket_errors} socket errors"] if socket_errors else []
    percentiles = {"p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000}
    return outcome, duration_us / 1_000_000, percentiles
