"""Documents: where statements appear, and what gets cited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from factdb.models.base import Base, Tracked, enum_column
from factdb.text import KEY_WORD_LENGTH, TITLE_KEY_LENGTH, key_stem, title_key
from factdb.vocab import DocumentType

if TYPE_CHECKING:
    from factdb.models.source import Source
    from factdb.models.user import User


class Document(Tracked, Base):
    __tablename__ = "document"

    title: Mapped[str] = mapped_column(String(1000), nullable=False)
    #: The title folded for matching (factdb.text.title_key), computed in Python so that
    #: SQLite and PostgreSQL match the same documents whatever the case or script.
    title_key: Mapped[str] = mapped_column(
        String(TITLE_KEY_LENGTH),
        nullable=False,
        index=True,
        default=lambda context: title_key(context.get_current_parameters().get("title", "")),
    )
    doc_type: Mapped[DocumentType] = mapped_column(
        enum_column(DocumentType, "doc_type"), nullable=False, index=True
    )
    #: The outlet or website the document appears in (CSL "container-title").
    container_title: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    publisher: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    #: ISO date, possibly partial: "2024", "2024-03" or "2024-03-09".
    published: Mapped[str] = mapped_column(String(10), nullable=False, default="", index=True)
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
    #: Set when the document is known to carry no date, so that a missing date is not an error.
    undated: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    url: Mapped[str] = mapped_column(String(2000), nullable=False, default="", index=True)
    doi: Mapped[str] = mapped_column(String(200), nullable=False, default="", index=True)
    accessed: Mapped[date | None] = mapped_column(Date, nullable=True)
    archive_url: Mapped[str] = mapped_column(String(2000), nullable=False, default="")
    language: Mapped[str] = mapped_column(String(35), nullable=False, default="")
    full_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: SHA-256 of full_text, so that quote checks can be cached without reading the text.
    text_hash: Mapped[str] = mapped_column(String(64), nullable=False, default="")

    authors: Mapped[list[DocumentAuthor]] = relationship(
        back_populates="document",
        lazy="raise_on_sql",
        cascade="all, delete-orphan",
        order_by="DocumentAuthor.position",
    )
    created_by: Mapped[User | None] = relationship(
        foreign_keys="Document.created_by_id", lazy="raise_on_sql"
    )
    updated_by: Mapped[User | None] = relationship(
        foreign_keys="Document.updated_by_id", lazy="raise_on_sql"
    )

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

    document: Mapped[Document] = relationship(back_populates="authors", lazy="raise_on_sql")
    source: Mapped[Source] = relationship(lazy="raise_on_sql")
