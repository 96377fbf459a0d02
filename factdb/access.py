"""Personal API tokens, and the limit on failed log-ins."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from factdb.errors import NotFound, ValidationFailed
from factdb.models import ApiToken, LoginAttempt, User, utcnow
from factdb.text import clean
from factdb.vocab import Role

TOKEN_PREFIX = "fdb_"  # noqa: S105 (a label, not a secret)
#: Failed log-ins allowed in the window, per account and per address.
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)
#: A token's "last used" is kept to this precision: a busy client costs one write a minute.
TOKEN_USE_PRECISION = timedelta(minutes=1)
#: How long recording a token's use may wait for a lock before it gives up (it is only a hint).
TOKEN_USE_LOCK_WAIT_MS = 200

logger = logging.getLogger(__name__)


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


def token_access(token: ApiToken, owner: User) -> str:
    """What a token may do: what its owner's role allows now, unless it was made read only."""
    if token.read_only:
        return "read only"
    if not owner.role.at_least(Role.EDITOR):
        # A viewer's token writes nothing shared, but keeps the viewer's own saved views.
        return f"reads, and your own saved views (as a {owner.role.value}); more if your role grows"
    return "read and write"


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("There is no such token among yours.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


def revoke_all_tokens(session: Session, user: User) -> int:
    """Revoke every token the account still has; returns how many there were."""
    tokens = session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    for token in tokens:
        token.revoked_at = utcnow()
    return len(tokens)


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


def token_use_is_news(token: ApiToken, now: datetime) -> bool:
    """True when the token's recorded last use is older than the precision we keep."""
    return token.last_used_at is None or token.last_used_at < now - TOKEN_USE_PRECISION


def record_token_use(engine: Engine, token_id: int, now: datetime) -> bool:
    """Note when a token was used, in a transaction of its own, giving up rather than waiting.

    Reads call this after their answer has gone out: a read must never fail, or wait,
    because it also wanted to write. Returns False when the database was busy and the
    use was not recorded (the next use, a minute later, tries again).
    """
    statement = (
        update(ApiToken)
        .where(ApiToken.id == token_id)
        .where(
            or_(
                ApiToken.last_used_at.is_(None),
                ApiToken.last_used_at < now - TOKEN_USE_PRECISION,
            )
        )
        .values(last_used_at=now)
    )
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:
                patience = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {TOKEN_USE_LOCK_WAIT_MS}")
            else:
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = {TOKEN_USE_LOCK_WAIT_MS}")
            try:
                connection.execute(statement)
                connection.commit()
            finally:
                if sqlite:  # the connection goes back to the pool with its usual patience
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(patience)}")
    except OperationalError as error:
        logger.info("API token %s: its use was not recorded (%s)", token_id, error.orig)
        return False
    return True


def login_blocked(session: Session, account: str, address: str) -> bool:
    """True when too many log-ins failed lately for this account or from this address.

    `account` is the address as factdb stores it (see `users.login_key`), so that
    writing it another way (capitals, full-width letters) counts against the same account.
    """
    since = utcnow() - FAILURE_WINDOW
    by_account = session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.email == account, LoginAttempt.at >= since
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


def record_failure(session: Session, account: str, address: str) -> None:
    session.add(LoginAttempt(email=account[:254], address=address[:64]))
    # Old attempts no longer count; drop them as we go.
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - FAILURE_WINDOW * 4))


def clear_failures(session: Session, account: str) -> None:
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == account))
