"""Documents: where statements appear, and what gets cited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship, validates

from factdb.declarations.document import DOCUMENT
from factdb.models.base import Base, Tracked, owned
from factdb.text import (
    BASE_KEY_LENGTH,
    KEY_WORD_LENGTH,
    TITLE_KEY_LENGTH,
    URL_KEY_LENGTH,
    key_stem,
    text_key,
    title_key,
    url_key,
)
from factdb.vocab import DocumentType

if TYPE_CHECKING:
    from factdb.models.source import Source


#: The columns of the declared fields, one per field, as the declaration types and limits them.
DocumentFields = type("DocumentFields", (), DOCUMENT.columns())


class Document(DocumentFields, Tracked, Base):
    __tablename__ = "document"

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        # text_key's server default is read when asked for, not returned by every INSERT.
        return {"version_id_col": cls.version, "eager_defaults": False}

    #: The declared fields (factdb.declarations.document) are columns of DocumentFields.
    title: Mapped[str]
    doc_type: Mapped[DocumentType]
    container_title: Mapped[str]
    publisher: Mapped[str]
    published: Mapped[str]
    undated: Mapped[bool]
    url: Mapped[str]
    doi: Mapped[str]
    accessed: Mapped[date | None]
    archive_url: Mapped[str]
    language: Mapped[str]
    full_text: Mapped[str]

    #: The title folded for matching (factdb.text.title_key), computed in Python so that
    #: SQLite and PostgreSQL match the same documents whatever the case or script.
    title_key: Mapped[str] = mapped_column(
        String(TITLE_KEY_LENGTH),
        nullable=False,
        index=True,
        default=lambda context: title_key(context.get_current_parameters().get("title", "")),
    )
    #: The URL folded for matching (factdb.text.url_key): scheme, "www.", tracking
    #: parameters and a trailing slash do not make another document.
    url_key: Mapped[str] = mapped_column(
        String(URL_KEY_LENGTH),
        nullable=False,
        index=True,
        default=lambda context: url_key(context.get_current_parameters().get("url", "") or ""),
    )
    #: Year + first significant title word (factdb.text.key_stem): only documents sharing it
    #: can share a citation key, so exports find them without reading every document.
    key_stem: Mapped[str] = mapped_column(
        String(KEY_WORD_LENGTH + 4),
        nullable=False,
        index=True,
        default=lambda context: key_stem(
            context.get_current_parameters().get("title", ""),
            context.get_current_parameters().get("published", "") or "",
        ),
    )
    #: SHA-256 of full_text, so that quote checks can be cached without reading the text.
    text_hash: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    #: The text with its white space folded, hashed (factdb.text.text_key): the same article
    #: read again under another title or without its address is found by its words.
    #: The server's default, not a Python one, and loaded only when asked for: a row read, or
    #: written without words, never names the column, so the models still work on a database
    #: upgraded only to an older revision (as the migrations' tests use them).
    text_key: Mapped[str] = mapped_column(
        String(64), nullable=False, server_default="", index=True, deferred=True
    )
    #: The citation key before any suffix, author word + key_stem (factdb.base_keys, which
    #: keeps it on every write): an export reads only the documents sharing a selected one's
    #: base, with their ids, from one index (ix_document_base_key_id) to tell their keys
    #: apart. Loaded only when asked for, like text_key.
    base_key: Mapped[str] = mapped_column(
        String(BASE_KEY_LENGTH), nullable=False, server_default="", deferred=True
    )

    authors: Mapped[list[DocumentAuthor]] = owned("document", "DocumentAuthor.position")

    @validates("url")
    def _keep_url_key(self, name: str, value: str) -> str:
        self.url_key = url_key(value or "")
        return value

    @validates("full_text")
    def _keep_text_key(self, name: str, value: str) -> str:
        key = text_key(value or "")
        if key or self.text_key:
            self.text_key = key
        return value

    @validates("title", "published")
    def _keep_keys(self, name: str, value: str) -> str:
        title = value if name == "title" else self.title or ""
        published = value if name == "published" else self.published or ""
        if name == "title":
            self.title_key = title_key(value)
        self.key_stem = key_stem(title, published or "")
        return value

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.title!r}>"


Index("ix_document_base_key_id", Document.base_key, Document.id)


class DocumentAuthor(Base):
    """One author of a document, in order; every author is a Source."""

    __tablename__ = "document_author"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    #: The name as this document writes it, when it differs from the source's own ("" when
    #: not): an entry exports its authors as its file, form or API call gave them.
    name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    family_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    given_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    document: Mapped[Document] = relationship(back_populates="authors", lazy="raise_on_sql")
    source: Mapped[Source] = relationship(lazy="raise_on_sql")

    @property
    def written_name(self) -> str:
        """The name this document gives its author (the source's own when it gives no other)."""
        return self.name or self.source.name
