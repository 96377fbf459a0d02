"""People who log in, and what their role lets them do."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from factdb.declarations.user import USER
from factdb.models.base import Base, utcnow
from factdb.vocab import Role

#: The columns of the declared fields (factdb.declarations.user).
UserFields = type("UserFields", (), USER.columns())


class User(UserFields, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    name: Mapped[str]
    role: Mapped[Role]
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    #: Every log-in remembers the number it was made under; moving it on ends them all
    #: (log-out, a new password, a disabled account), wherever the cookie was copied.
    session_generation: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )

    def can(self, role: Role) -> bool:
        return self.active and self.role.at_least(role)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
