"""Capture of compressed pages: read as the server meant them, the size limit held in memory too."""

from __future__ import annotations

import tracemalloc

import pytest

from factdb.capture.fetch import FetchError, FetchPolicy, fetch
from factdb.capture.service import capture_url
from tests.capture_site import big_article, start_site

LOOPBACK = {"CAPTURE_ALLOW_PRIVATE": True, "CAPTURE_TIMEOUT": 5}
#: A small limit, so that a bomb's 200 MB are far beyond it.
LIMIT = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def site():
    running = start_site()
    yield running
    running.stop()


@pytest.mark.parametrize(
    "path", ["/gzipped.html", "/deflated.html", "/raw-deflated.html", "/gzipped-twice.html"]
)
def test_a_compressed_page_is_read_as_written(site, path):
    result = capture_url(site.url(path), LOOPBACK)
    assert result.page.body == big_article().encode()  # the whole article, decoded once
    assert "northern channel" in result.extracted.text


@pytest.mark.parametrize("path", ["/gzip-bomb.html", "/gzip-twice-bomb.html"])
def test_a_compression_bomb_is_refused_without_inflating_it(site, path):
    """200 MB of zeros sent as a few kilobytes: refused at the limit, never held in memory."""
    policy = FetchPolicy(allow_private=True, timeout=5, max_bytes=LIMIT)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than 2 MB"):
            fetch(site.url(path), policy)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * LIMIT


def test_more_than_three_layers_of_compression_are_refused(site):
    with pytest.raises(FetchError, match="compressed 4 times over"):
        capture_url(site.url("/gzip-four-times.html"), LOOPBACK)


def test_a_damaged_compressed_body_is_an_error_that_says_so(site):
    with pytest.raises(FetchError, match="gzip compression is damaged"):
        capture_url(site.url("/damaged-gzip.html"), LOOPBACK)


def test_only_the_codings_factdb_decodes_are_asked_for(site, monkeypatch):
    """With brotli installed httpx would ask for br too, which factdb would keep undecoded."""
    import httpx._client

    monkeypatch.setattr(httpx._client, "ACCEPT_ENCODING", "gzip, deflate, br, zstd")
    result = capture_url(site.url("/gzipped.html"), LOOPBACK)
    sent = {name.lower(): value for name, value in result.page.request_headers}
    assert sent["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("coding", ["br", "zstd", "gzip, br", "compress"])
def test_a_coding_factdb_cannot_read_is_refused_not_kept_as_text(coding):
    """A server may send what was not asked for; its bytes read as text would be gibberish."""
    from factdb.capture.decoding import DecodingError, decoded

    with pytest.raises(DecodingError, match="does not read"):
        list(decoded([b"\x8b\x02\x80compressed"], coding))
    assert list(decoded([b"plain"], "identity")) == [b"plain"]
    assert list(decoded([b"plain"], "")) == [b"plain"]
