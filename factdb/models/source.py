"""Sources: the people and bodies that claims are attributed to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factdb.declarations.source import SOURCE
from factdb.models.base import Base, Tracked, owned, utcnow
from factdb.vocab import Reliability, SourceKind

#: The columns of the declared fields, one per field, as the declaration types and limits them.
SourceFields = type("SourceFields", (), SOURCE.columns())


class Source(SourceFields, Tracked, Base):
    __tablename__ = "source"

    #: The declared fields (factdb.declarations.source) are columns of SourceFields.
    name: Mapped[str]
    kind: Mapped[SourceKind]
    role: Mapped[str]
    family_name: Mapped[str]
    given_name: Mapped[str]
    parent_id: Mapped[int | None]
    homepage: Mapped[str]
    reliability: Mapped[Reliability]
    notes: Mapped[str]

    #: Case- and space-folded name, for matching what people type.
    name_key: Mapped[str] = mapped_column(String(300), nullable=False, index=True)

    parent: Mapped[Source | None] = relationship(
        remote_side="Source.id", lazy="raise_on_sql", back_populates="children"
    )
    children: Mapped[list[Source]] = relationship(
        back_populates="parent", lazy="raise_on_sql", order_by="Source.name"
    )
    aliases: Mapped[list[SourceAlias]] = owned("source", "SourceAlias.name")

    def __repr__(self) -> str:
        return f"<Source {self.id} {self.name!r}>"


class SourceAlias(Base):
    """Another name for a source; each alias resolves to exactly one source."""

    __tablename__ = "source_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    name_key: Mapped[str] = mapped_column(String(300), nullable=False, unique=True)

    source: Mapped[Source] = relationship(back_populates="aliases", lazy="raise_on_sql")


class SourceRedirect(Base):
    """A source merged into another: its old address leads to the one it became.

    Kept so that links, bookmarks and API clients holding the old id still arrive; a
    source merged in turn carries the redirects to it along (factdb.source_merge).
    """

    __tablename__ = "source_redirect"

    #: The merged source's id (no longer a source's, unless SQLite hands it out again).
    source_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    into_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), nullable=False, index=True
    )
    #: The merged source's name, to say what became of it.
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    merged_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    merged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), nullable=True
    )


Index("ix_source_kind_name", Source.kind, Source.name_key)
