"""Fetch one URL as evidence: limits on time, size and redirects, and only the types we read."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from factdb import __version__
from factdb.capture.decoding import ACCEPT_ENCODING, DecodingError, decoded
from factdb.capture.guard import AddressRefused, GuardedTransport
from factdb.models import utcnow

USER_AGENT = f"factdb/{__version__} (fact-checking evidence capture; +https://github.com/factdb)"
#: Media types factdb can read text from.
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf")
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """The URL could not be fetched; `message` says why, in words for people.

    `gone` marks failures that mean the page is not there (the server answers 404 or 410),
    as opposed to trouble that may pass (a time-out, a refused connection, a host name that
    does not resolve: on a laptop without a network every name fails to resolve).
    """

    def __init__(self, message: str, *, gone: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.gone = gone


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    #: Seconds for each of connect, each read, and each write.
    timeout: float = 10.0
    #: Seconds for the whole fetch, redirects and body included (a page that drips slowly).
    deadline: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> FetchPolicy:
        return cls(
            allow_private=bool(settings.get("CAPTURE_ALLOW_PRIVATE", False)),
            timeout=float(settings.get("CAPTURE_TIMEOUT", 10)),
            deadline=3 * float(settings.get("CAPTURE_TIMEOUT", 10)),
            max_bytes=int(settings.get("CAPTURE_MAX_BYTES", 20 * 1024 * 1024)),
        )


@dataclass
class Fetched:
    requested_url: str
    final_url: str
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    request_headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    elapsed: float
    redirects: list[tuple[int, str]] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return ""

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip('"').lower()
        return ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def check_url(url: str) -> str:
    """Return the URL if it is an absolute http(s) address, else raise FetchError.

    An address the HTTP client cannot parse (an octal host, `0177.0.0.1`; a bracket left
    open) is refused here too, as a fetch error: raised by the client, it stopped a whole
    recheck as an unexpected error.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        if parts.scheme in ("http", "https") and hostname:
            httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as error:
        raise FetchError(f"The address cannot be fetched: {error}.") from error
    if parts.scheme not in ("http", "https") or not hostname:
        raise FetchError("Give a web address starting with http:// or https://.")
    return url


def make_client(policy: FetchPolicy, *, connections: int = 10) -> httpx.Client:
    """An httpx client that connects only where `policy` allows, and follows no redirect itself."""
    return httpx.Client(
        transport=GuardedTransport(allow_private=policy.allow_private, max_connections=connections),
        timeout=httpx.Timeout(policy.timeout),
        follow_redirects=False,
        headers={
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1",
            # Only what factdb.capture.decoding reads, whatever httpx could decode itself.
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )


def fetch(url: str, policy: FetchPolicy, client: httpx.Client | None = None) -> Fetched:
    """GET `url`, following redirects one by one (each through the address guard)."""
    own_client = client is None
    client = client or make_client(policy)
    started = time.monotonic()
    redirects: list[tuple[int, str]] = []
    current = check_url(url)
    try:
        while True:
            response = _get(client, current, policy, started)
            if response.status in REDIRECT_CODES:
                location = dict((k.lower(), v) for k, v in response.headers).get("location")
                if not location:
                    return _done(response, url, redirects)
                if len(redirects) >= policy.max_redirects:
                    raise FetchError(
                        f"More than {policy.max_redirects} redirects; the page could not be reached."
                    )
                redirects.append((response.status, current))
                current = check_url(urljoin(current, location))
                continue
            return _done(response, url, redirects)
    finally:
        if own_client:
            client.close()


def _done(response: Fetched, url: str, redirects: list[tuple[int, str]]) -> Fetched:
    response.requested_url = url
    response.redirects = redirects
    return response


def _get(client: httpx.Client, url: str, policy: FetchPolicy, started: float) -> Fetched:
    fetched_at = utcnow()
    try:
        with client.stream("GET", url) as response:
            body = b""
            if not response.is_redirect:
                _check_type(response, policy)
                body = _read_limited(response, policy, started)
            return Fetched(
                requested_url=url,
                final_url=str(response.url),
                status=response.status_code,
                reason=response.reason_phrase,
                http_version=response.http_version,
                headers=list(response.headers.multi_items()),
                request_headers=list(response.request.headers.multi_items()),
                body=body,
                fetched_at=fetched_at,
                elapsed=time.monotonic() - started,
            )
    except AddressRefused as error:
        raise FetchError(str(error)) from error
    except httpx.TimeoutException as error:
        raise FetchError(f"The server did not answer within {policy.timeout:.0f} s.") from error
    except httpx.ConnectError as error:
        raise FetchError(f"Could not connect: {error}") from error
    except httpx.HTTPError as error:
        raise FetchError(f"The fetch failed: {error}") from error


def _check_type(response: httpx.Response, policy: FetchPolicy) -> None:
    if not 200 <= response.status_code < 300:
        return  # an error page is read (to tell gone from moved), whatever its type
    media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media and media not in READABLE_TYPES:
        raise FetchError(
            f"The address gives {media}; factdb captures web pages (HTML), plain text and PDF."
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(_too_large(policy))


def _read_limited(response: httpx.Response, policy: FetchPolicy, started: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    # Decoded here, not by httpx, which inflates a whole chunk before anything can count it.
    try:
        pieces = decoded(response.iter_raw(), response.headers.get("content-encoding", ""))
        for chunk in pieces:
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchError(_too_large(policy))
            if time.monotonic() - started > policy.deadline:
                raise FetchError(f"The page took longer than {policy.deadline:.0f} s to arrive.")
            chunks.append(chunk)
    except DecodingError as error:
        raise FetchError(str(error)) from error
    return b"".join(chunks)


def _too_large(policy: FetchPolicy) -> str:
    return f"The page is larger than {policy.max_bytes / 1024 / 1024:.0f} MB, the capture limit."
