"""The evidence file: a fetch written as WARC (ISO 28500), the web archives' own format.

One gzipped WARC per capture: a warcinfo record, the request, the response (the
body as received, after content decoding), a metadata record (redirects, SHA-256
of body and text) and a conversion record holding the extracted text. Any WARC
reader (warcio, pywb, ReplayWeb.page) can open it.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from factdb import __version__
from factdb.capture.fetch import Fetched

#: Headers describing an encoding of the body that the stored body no longer has.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _warc_date(page: Fetched) -> str:
    return page.fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def build_warc(page: Fetched, text: str, metadata: dict[str, Any]) -> bytes:
    """The whole capture as one gzipped WARC file, in memory."""
    buffer = io.BytesIO()
    # Every record's length is given, so that warcio need not buffer it in a temporary file.
    writer = WARCWriter(buffer, gzip=True)
    date = _warc_date(page)
    info = writer.create_warcinfo_record(
        f"factdb-capture-{page.fetched_at:%Y%m%d%H%M%S}.warc.gz",
        {"software": f"factdb/{__version__}", "format": "WARC File Format 1.1",
         "description": "A web page captured as evidence for a fact-check"},
    )  # fmt: skip
    writer.write_record(info)

    parts = urlsplit(page.final_url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = writer.create_warc_record(
        page.final_url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(
            f"GET {target} HTTP/1.1",
            [("Host", parts.netloc), *page.request_headers],
            is_http_request=True,
        ),
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(request)

    headers = [(k, v) for k, v in page.headers if k.lower() not in _TRANSFER_HEADERS]
    headers.append(("Content-Length", str(len(page.body))))
    response = writer.create_warc_record(
        page.final_url,
        "response",
        payload=io.BytesIO(page.body),
        length=len(page.body),
        http_headers=StatusAndHeaders(
            f"{page.status} {page.reason}".strip(), headers, protocol="HTTP/1.1"
        ),
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": request.rec_headers.get_header("WARC-Record-ID")},
    )  # fmt: skip
    writer.write_record(response)
    record_id = response.rec_headers.get_header("WARC-Record-ID")

    details = {
        "requested_url": page.requested_url,
        "final_url": page.final_url,
        "redirects": [[status, url] for status, url in page.redirects],
        "body_sha256": sha256(page.body),
        "text_sha256": sha256(text),
        "extracted": metadata,
    }
    encoded = json.dumps(details, ensure_ascii=False, indent=1).encode()
    writer.write_record(
        writer.create_warc_record(
            page.final_url,
            "metadata",
            payload=io.BytesIO(encoded),
            length=len(encoded),
            warc_content_type="application/json",
            warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": record_id},
        )
    )
    writer.write_record(
        writer.create_warc_record(
            page.final_url,
            "conversion",
            payload=io.BytesIO(text.encode("utf-8")),
            length=len(text.encode("utf-8")),
            warc_content_type="text/plain; charset=utf-8",
            warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": record_id},
        )
    )
    return buffer.getvalue()


def read_records(warc: bytes) -> Iterator[tuple[str, str, bytes]]:
    """(record type, target URI, content) of every record in a WARC file."""
    for record in ArchiveIterator(io.BytesIO(warc)):
        yield (
            record.rec_type,
            record.rec_headers.get_header("WARC-Target-URI") or "",
            record.content_stream().read(),
        )
