"""The declarative base, its naming convention and the columns every record shares."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from factdb.declarations.base import MAX_ID as MAX_ID  # re-exported: the models' id range

if TYPE_CHECKING:
    from factdb.models.user import User

# Named constraints, so that migrations can drop and alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current time in UTC, without tzinfo (stored the same on every backend)."""
    return datetime.now(UTC).replace(tzinfo=None)


def enum_column(enum: type[StrEnum], name: str, length: int | None = None) -> Enum:
    """Store a StrEnum as its values in a VARCHAR with a CHECK constraint.

    `length` fixes the VARCHAR's length, so that new values can join a vocabulary
    without altering its column.
    """
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length or max(len(member.value) for member in enum) + 4,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """Who created and last changed a record and when, plus a version counter.

    The version counter is SQLAlchemy's optimistic lock: an UPDATE that finds a
    different version raises StaleDataError instead of overwriting someone's work.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, onupdate=utcnow
    )

    @declared_attr
    def created_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)

    @declared_attr
    def updated_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("user.id", ondelete="SET NULL"), nullable=True)

    @declared_attr
    def created_by(cls) -> Mapped[User | None]:
        return relationship(
            "User", foreign_keys=f"{cls.__name__}.created_by_id", lazy="raise_on_sql"
        )

    @declared_attr
    def updated_by(cls) -> Mapped[User | None]:
        return relationship(
            "User", foreign_keys=f"{cls.__name__}.updated_by_id", lazy="raise_on_sql"
        )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}


def owned(back_populates: str, order_by: str) -> Any:
    """The parts of a record, which live and die with it and load only when asked for."""
    return relationship(
        back_populates=back_populates,
        lazy="raise_on_sql",
        cascade="all, delete-orphan",
        order_by=order_by,
    )
