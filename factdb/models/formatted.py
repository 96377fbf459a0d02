"""Formatted references kept between exports, so that an export formats only what changed."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from factdb.models.base import Base


class FormattedReference(Base):
    """One document's entry (and, for a claim report, its citation) in one style and output.

    `digest` covers everything the text can depend on: the document's CSL-JSON, that of
    every work whose first author shares its family name (disambiguation relates only
    those), the style, the locale, pandoc and factdb's own formatting; a row whose digest
    differs is stale and formatted again. `batch` and `rank` keep the document's place in
    the style's order of the last list it was in, reused while that list is unchanged.
    No foreign key: a stale row is never used, and is replaced when its document is next
    formatted.
    """

    __tablename__ = "formatted_reference"

    document_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    style: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: text, markdown, html; report-markdown, report-html for the claim report's runs.
    form: Mapped[str] = mapped_column(String(24), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    #: The bibliography entry; empty when the style prints nothing for the document.
    entry: Mapped[str] = mapped_column(Text, nullable=False)
    #: The note or in-text citation (claim reports only).
    citation: Mapped[str] = mapped_column(Text, nullable=False, default="")
    batch: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    rank: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: Where the document stands, as [its CSL-JSON's digest, its sort key] (kept.Place):
    #: what lets the job that keeps references find the batches a write changed without
    #: reading every document. Empty: not known (read the document again).
    place: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")


class ReferencePending(Base):
    """A document whose formatted references may be stale; filled by triggers (migrations 0034, 0036).

    A write of the document, its authors or an author's name notes it, on every path
    (forms, API, import, SQL by hand); the job that keeps references reads only these
    documents and the batches they stand in, and removes the notes it has handled. One
    note a document: a write of a document already noted counts up `noted` instead, so the
    job removes a note only if it is still the one it read.
    """

    __tablename__ = "reference_pending"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True, unique=True)
    noted: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
