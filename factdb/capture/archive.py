"""Ask a public web archive for a copy: the Internet Archive's Save Page Now (SPN2) API.

POST {base}/save with the URL (JSON answer: a job id), then GET
{base}/save/status/{job_id} until the status is "success" (with the snapshot's
timestamp) or "error". The archive limits how often one may ask: a 429 answer is
waited out (Retry-After) a few times before the request is recorded as failed,
and this process sends one request at a time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from factdb.capture.fetch import USER_AGENT

DEFAULT_ARCHIVE_URL = "https://web.archive.org"
#: Seconds between two looks at a pending capture, and how long to wait for it in all.
POLL_SECONDS = 5.0
TIMEOUT_SECONDS = 300.0
#: How many times a "too many requests" answer is waited out.
RATE_LIMIT_RETRIES = 3

_one_at_a_time = threading.Lock()


class ArchiveFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ArchiveCopy:
    url: str
    timestamp: str


@dataclass(frozen=True)
class ArchiveSettings:
    base: str
    access_key: str
    secret_key: str
    poll_seconds: float = POLL_SECONDS
    timeout_seconds: float = TIMEOUT_SECONDS

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ArchiveSettings:
        return cls(
            base=str(settings.get("ARCHIVE_URL") or DEFAULT_ARCHIVE_URL).rstrip("/"),
            access_key=str(settings.get("ARCHIVE_ACCESS_KEY") or ""),
            secret_key=str(settings.get("ARCHIVE_SECRET_KEY") or ""),
            poll_seconds=float(settings.get("ARCHIVE_POLL_SECONDS") or POLL_SECONDS),
        )


def archiving_enabled(settings: Mapping[str, Any]) -> bool:
    return str(settings.get("ARCHIVE") or "").lower() == "wayback"


def _headers(config: ArchiveSettings) -> dict[str, str]:
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if config.access_key:
        headers["Authorization"] = f"LOW {config.access_key}:{config.secret_key}"
    return headers


def _send(
    client: httpx.Client, method: str, url: str, sleep: Callable[[float], None], **kwargs: Any
) -> dict[str, Any]:
    for attempt in range(RATE_LIMIT_RETRIES + 1):
        try:
            response = client.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            raise ArchiveFailed(f"The archive could not be reached: {error}") from error
        if response.status_code == 429 and attempt < RATE_LIMIT_RETRIES:
            wait = response.headers.get("retry-after", "")
            sleep(min(float(wait) if wait.isdigit() else 20.0, 120.0))
            continue
        if response.status_code == 429:
            raise ArchiveFailed("The archive is limiting requests; try again later.")
        if response.status_code >= 400:
            raise ArchiveFailed(f"The archive answered {response.status_code}.")
        try:
            body = response.json()
        except ValueError as error:
            raise ArchiveFailed("The archive's answer was not JSON.") from error
        if not isinstance(body, dict):
            raise ArchiveFailed("The archive's answer was not a JSON object.")
        return body
    raise ArchiveFailed("The archive is limiting requests; try again later.")  # pragma: no cover


def save_page_now(
    url: str, config: ArchiveSettings, *, sleep: Callable[[float], None] = time.sleep
) -> ArchiveCopy:
    """Ask the archive to capture `url` and wait for its snapshot; raise ArchiveFailed."""
    with (
        _one_at_a_time,
        httpx.Client(
            timeout=httpx.Timeout(30.0), trust_env=False, headers=_headers(config)
        ) as client,
    ):
        started = _send(client, "POST", f"{config.base}/save", sleep, data={"url": url})
        job_id = started.get("job_id")
        if not job_id:
            raise ArchiveFailed(str(started.get("message") or "The archive refused the request."))
        deadline = time.monotonic() + config.timeout_seconds
        while True:
            status = _send(client, "GET", f"{config.base}/save/status/{job_id}", sleep)
            state = status.get("status")
            if state == "success" and status.get("timestamp"):
                original = str(status.get("original_url") or url)
                timestamp = str(status["timestamp"])
                return ArchiveCopy(f"{config.base}/web/{timestamp}/{original}", timestamp)
            if state == "error":
                raise ArchiveFailed(
                    str(status.get("message") or status.get("status_ext") or "The archive failed.")
                )
            if time.monotonic() > deadline:
                raise ArchiveFailed(
                    f"The archive had not finished after {config.timeout_seconds:.0f} s."
                )
            sleep(config.poll_seconds)
