"""Personal API tokens, and the limit on failed log-ins."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from factdb.errors import NotFound, ValidationFailed
from factdb.models import ApiToken, LoginAttempt, User, utcnow
from factdb.text import clean

TOKEN_PREFIX = "fdb_"  # noqa: S105 (a label, not a secret)
#: Failed log-ins allowed in the window, per account and per address.
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)


def _digest(token: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough (unlike passwords).
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    #: The secret itself: shown once, never stored.
    secret: str


def create_token(session: Session, user: User, name: str, *, read_only: bool = False) -> NewToken:
    name = clean(name)[:100]
    if not name:
        raise ValidationFailed(
            "Name the token after where it is used.", {"name": "Name the token."}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=_digest(secret),
        prefix=secret[:12],
        read_only=read_only,
    )
    session.add(token)
    session.flush()
    return NewToken(token, secret)


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
        )
    )


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("There is no such token among yours.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


def user_for_token(session: Session, secret: str) -> tuple[User, ApiToken] | None:
    """The active user behind a token that is neither revoked nor unknown."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    return user, token


def login_blocked(session: Session, email: str, address: str) -> bool:
    """True when too many log-ins failed lately for this account or from this address."""
    since = utcnow() - FAILURE_WINDOW
    by_account = session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.email == email.lower(), LoginAttempt.at >= since
        )
    )
    by_address = session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.address == address, LoginAttempt.at >= since
        )
    )
    return (by_account or 0) >= MAX_FAILURES_PER_ACCOUNT or (
        by_address or 0
    ) >= MAX_FAILURES_PER_ADDRESS


def record_failure(session: Session, email: str, address: str) -> None:
    session.add(LoginAttempt(email=email.lower()[:254], address=address[:64]))
    # Old attempts no longer count; drop them as we go.
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - FAILURE_WINDOW * 4))


def clear_failures(session: Session, email: str) -> None:
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email.lower()))
