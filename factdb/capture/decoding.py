"""Undo a response's Content-Encoding a piece at a time, so the size limit holds for what it gives.

A compressed body is small on the wire and large in memory: a few kilobytes of gzip
inside gzip stand for gigabytes of zeros. httpx decodes each chunk read from the network
whole, and each coding layer whole again, before the caller can count a byte, so a page
could take all the server's memory before the capture's size limit was checked. Here
every layer hands on at most `PIECE` bytes at a time, and the caller stops reading as soon
as the decoded bytes pass its limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator

#: Most bytes one layer hands on at a time.
PIECE = 64 * 1024
#: Most coding layers read; a real server sends one (two at most, by a misconfigured proxy).
MAX_LAYERS = 3


class DecodingError(ValueError):
    """The body cannot be decoded as its Content-Encoding says; the message says why."""


def _gzip() -> zlib._Decompress:
    return zlib.decompressobj(zlib.MAX_WBITS | 16)


def _deflate() -> zlib._Decompress:
    return zlib.decompressobj()


#: Codings read, by name; identity passes as it is, and any other is refused.
_DECOMPRESSORS: dict[str, Callable[[], zlib._Decompress]] = {
    "gzip": _gzip,
    "x-gzip": _gzip,
    "deflate": _deflate,
}


#: What a fetch asks servers for: the codings read here.
ACCEPT_ENCODING = "gzip, deflate"


def codings(content_encoding: str) -> list[str]:
    """The layers of a Content-Encoding header we decode, outermost first."""
    names = [name.strip().lower() for name in content_encoding.split(",")]
    unread = [name for name in names if name not in _DECOMPRESSORS and name not in ("", "identity")]
    if unread:  # sent though not asked for: its bytes kept as the page would be gibberish
        raise DecodingError(
            f"The page is compressed with {', '.join(unread)}, which factdb does not read."
        )
    layers = [name for name in names if name in _DECOMPRESSORS]
    if len(layers) > MAX_LAYERS:
        raise DecodingError(
            f"The page is compressed {len(layers)} times over; factdb reads at most {MAX_LAYERS}."
        )
    return list(reversed(layers))


def decoded(chunks: Iterable[bytes], content_encoding: str) -> Iterator[bytes]:
    """The body's bytes as the server meant them, in pieces of at most `PIECE` bytes."""
    pieces: Iterable[bytes] = chunks
    for coding in codings(content_encoding):
        pieces = _inflate(pieces, coding)
    return iter(pieces)


def _inflate(chunks: Iterable[bytes], coding: str) -> Iterator[bytes]:
    """Decompress one layer, never more than `PIECE` bytes at a time."""
    decompressor = _DECOMPRESSORS[coding]()
    first = True
    for chunk in chunks:
        data = chunk
        while data:
            try:
                out = decompressor.decompress(data, PIECE)
            except zlib.error as error:
                if coding == "deflate" and first:
                    # Many servers send raw deflate without the zlib header the name promises.
                    decompressor, first = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise DecodingError(
                    f"The page's {coding} compression is damaged ({error})."
                ) from error
            first = False
            data = decompressor.unconsumed_tail
            if out:
                yield out
        # Output held back at the limit comes out without more input.
        while not decompressor.eof:
            out = decompressor.decompress(b"", PIECE)
            if not out:
                break
            yield out
