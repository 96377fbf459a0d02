"""Capture a web page as a document: fetch, read, keep the evidence, fill the document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from factdb.capture.extract import Extracted, extract
from factdb.capture.fetch import Fetched, FetchError, FetchPolicy, fetch
from factdb.capture.warc import build_warc, sha256
from factdb.documents import DocumentInput
from factdb.errors import NotFound
from factdb.models import Capture, Document, User, utcnow

#: Largest WARC kept in the database when no WARC folder is set (bytes, gzipped).
DEFAULT_WARC_MAX_BYTES = 10 * 1024 * 1024


@dataclass
class CaptureResult:
    page: Fetched
    extracted: Extracted
    body_sha256: str
    text_sha256: str
    warc: bytes


def capture_url(url: str, settings: Mapping[str, Any]) -> CaptureResult:
    """Fetch `url` and read it; raise FetchError when it cannot be had."""
    page = fetch(url, FetchPolicy.from_settings(settings))
    if not page.ok:
        raise FetchError(
            f"The server answered {page.status} {page.reason}".strip()
            + " instead of the page; check the address.",
            gone=page.status in (404, 410),
        )
    extracted = extract(page)
    return CaptureResult(
        page=page,
        extracted=extracted,
        body_sha256=sha256(page.body),
        text_sha256=sha256(extracted.text),
        warc=build_warc(page, extracted.text, extracted.to_json()),
    )


def citation_url(result: CaptureResult) -> str:
    """The address to cite: the page's canonical URL when it is on the same site, else the final one."""
    canonical = result.extracted.canonical_url
    final = result.page.final_url
    if canonical.startswith(("http://", "https://")):
        same_site = urlsplit(canonical).hostname == urlsplit(final).hostname
        if same_site:
            return canonical
    return final


def document_input(
    metadata: Mapping[str, Any], text: str, url: str, fetched: date
) -> DocumentInput:
    """A document filled from what a capture read, for the user to review."""
    from factdb.vocab import DocumentType

    language = str(metadata.get("language", ""))
    return DocumentInput(
        title=str(metadata.get("title") or url)[:1000],
        doc_type=DocumentType(metadata.get("doc_type", DocumentType.WEB_PAGE.value)),
        container_title=str(metadata.get("container_title", ""))[:500],
        publisher=str(metadata.get("publisher", ""))[:500],
        published=str(metadata.get("published", "")),
        url=url[:2000],
        accessed=fetched,
        language=language.split("-")[0].lower()[:35] if language else "",
        full_text=text,
        authors=[str(name)[:300] for name in metadata.get("authors", [])][:50],
    )


def store_capture(
    session: Session,
    result: CaptureResult,
    settings: Mapping[str, Any],
    *,
    user_id: int | None,
    document_id: int | None = None,
) -> Capture:
    """Keep a capture and its WARC (in the database, or in the WARC folder when one is set)."""
    metadata = result.extracted.to_json()
    metadata["citation_url"] = citation_url(result)
    capture = Capture(
        document_id=document_id,
        requested_url=result.page.requested_url[:2000],
        final_url=result.page.final_url[:2000],
        http_status=result.page.status,
        content_type=result.page.content_type[:200],
        fetched_at=result.page.fetched_at,
        body_sha256=result.body_sha256,
        text_sha256=result.text_sha256,
        body_size=len(result.page.body),
        text=result.extracted.text,
        page_metadata=metadata,
        redirects=[[status, url] for status, url in result.page.redirects],
        warc_size=len(result.warc),
        created_by_id=user_id,
    )
    folder = str(settings.get("WARC_DIR") or "")
    limit = int(settings.get("WARC_MAX_BYTES") or DEFAULT_WARC_MAX_BYTES)
    if folder:
        name = f"{result.page.fetched_at:%Y/%m}/{result.body_sha256[:20]}-{result.page.fetched_at:%Y%m%d%H%M%S}.warc.gz"
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(result.warc)
        capture.warc_path = name
    elif len(result.warc) <= limit:
        capture.warc = result.warc
    else:
        capture.warc_note = (
            f"The WARC ({len(result.warc) / 1024 / 1024:.1f} MB) is larger than the "
            f"{limit / 1024 / 1024:.0f} MB kept in the database; set FACTDB_WARC_DIR to keep such files."
        )
    session.add(capture)
    session.flush()
    return capture


#: A capture nobody saved as a document is dropped after this long (its WARC with it).
PENDING_KEPT = timedelta(days=2)


def prune_pending(session: Session) -> int:
    """Drop captures made from "paste a link" whose document was never saved; return how many."""
    result = session.execute(
        delete(Capture).where(
            Capture.document_id.is_(None), Capture.fetched_at < utcnow() - PENDING_KEPT
        )
    )
    return result.rowcount or 0


def get_capture(session: Session, capture_id: int) -> Capture:
    capture = session.get(Capture, capture_id)
    if capture is None:
        raise NotFound(f"There is no capture {capture_id}.")
    return capture


def warc_bytes(capture: Capture, settings: Mapping[str, Any]) -> bytes | None:
    """The capture's WARC file, wherever it is kept; None when none was kept."""
    if capture.warc_path:
        folder = Path(str(settings.get("WARC_DIR") or ""))
        path = (folder / capture.warc_path).resolve()
        if folder and path.is_relative_to(folder.resolve()) and path.is_file():
            return path.read_bytes()
        return None
    return capture.warc


def captures_of(session: Session, document_id: int) -> list[Capture]:
    """A document's captures, newest first (without their WARC or text)."""
    return list(
        session.scalars(
            select(Capture)
            .where(Capture.document_id == document_id)
            .order_by(Capture.fetched_at.desc(), Capture.id.desc())
        )
    )


def attach(session: Session, capture: Capture, document: Document) -> None:
    """Make a pending capture (from the "paste a link" form) evidence for the saved document."""
    capture.document_id = document.id


def _captured_input(capture: Capture, accessed: date | None = None) -> DocumentInput:
    return document_input(
        capture.page_metadata,
        capture.text,
        str(capture.page_metadata.get("citation_url") or capture.final_url),
        accessed or capture.fetched_at.date(),
    )


def recorded_document(session: Session, capture: Capture) -> Document | None:
    """The recorded document a capture is of: same DOI, address (however linked), or title and year.

    The same look-up as an import's and the intake's, so that capturing an article again,
    or from a mirror, adds evidence to the recorded document instead of a second copy.
    """
    from factdb.importer.matching import find_same_document

    return find_same_document(session, _captured_input(capture))[0]


def create_from_capture(
    session: Session, user: User | None, capture: Capture, *, accessed: date | None = None
) -> Document:
    """Record a document as the capture read it, unless it is recorded already (no form)."""
    from factdb.documents import create_document

    document = recorded_document(session, capture) or create_document(
        session, user, _captured_input(capture, accessed)
    )
    attach(session, capture, document)
    return document
