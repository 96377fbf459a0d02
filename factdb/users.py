"""Accounts: create them, check passwords, change roles."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factdb.access import clear_failures, login_blocked, record_failure, revoke_all_tokens
from factdb.declarations.user import USER
from factdb.errors import NotFound, TooManyAttempts, ValidationFailed
from factdb.models import User
from factdb.passwords import password_problem
from factdb.text import clean
from factdb.vocab import Role

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so that a wrong e-mail costs as
# much time as a wrong password and log-in does not reveal who has an account.
# Made on first use, not at import: an Argon2 hash costs every command (an export, an
# import) about 0.2 s of CPU that only a log-in needs.
_dummy_hash = ""


def _dummy() -> str:
    """The hash a log-in with an unknown e-mail is checked against (made once)."""
    global _dummy_hash
    if not _dummy_hash:
        _dummy_hash = _hasher.hash("factdb: no such user")
    return _dummy_hash


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Swap the Argon2 parameters (the test suite uses cheap ones to stay fast)."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = ""


#: The account that command-line writes are recorded under when no `--as EMAIL` is given.
#: Its password hash is no Argon2 hash, so no password ever matches it: nobody logs in as it.
COMMAND_LINE_EMAIL = "command-line@factdb.invalid"
COMMAND_LINE_NAME = "factdb command line"
_UNUSABLE_HASH = "!"


def normalise_email(email: str) -> str:
    """Return the e-mail address in a canonical form, or raise ValidationFailed.

    Compatibility forms are folded first (NFKC), so that full-width `ｊｏｎａｓ@ｄｅｍｏ.org`
    is the same account as `jonas@demo.org`, not a look-alike of it.
    """
    try:
        folded = unicodedata.normalize("NFKC", clean(email))
        return validate_email(folded, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValidationFailed(str(exc), {"email": str(exc)}) from exc


def hash_password(password: str, about: Iterable[str] = ()) -> str:
    """Hash a new password, refusing one too short or too easy to guess (factdb.passwords).

    `about` is what others know of the account (e-mail, name), so a password made of it
    is refused too.
    """
    problem = password_problem(password, about)
    if problem:
        raise ValidationFailed.at("password", problem)
    return _hasher.hash(password)


def create_user(session: Session, *, email: str, name: str, role: Role, password: str) -> User:
    """Add an account; the e-mail must be new."""
    email = normalise_email(email)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise ValidationFailed.at("email", f"There is already an account for {email}.")
    values = USER.validate(
        {"email": email, "name": clean(name) or email.split("@")[0], "role": role}
    )
    user = User(**values, password_hash=hash_password(password, (email, values["name"])))
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the active user with this e-mail and password, or None."""
    dummy = _dummy()  # made before the look-up: the first log-in costs the same either way
    try:
        email = normalise_email(email)
    except ValidationFailed:
        email = ""
    user = session.scalar(select(User).where(User.email == email)) if email else None
    try:
        _hasher.verify(user.password_hash if user else dummy, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def login_key(email: str) -> str:
    """The name failed log-ins are counted under: the address as the account stores it."""
    try:
        return normalise_email(email)
    except ValidationFailed:
        return unicodedata.normalize("NFKC", clean(email)).casefold()[:254]


def log_in(session: Session, email: str, password: str, address: str) -> User | None:
    """Check a log-in, counting failures per account and per address; None if it does not match.

    Raises TooManyAttempts, without checking the password, once either count is used up.
    """
    account = login_key(email)
    if login_blocked(session, account, address):
        raise TooManyAttempts(
            "Too many failed log-ins for this account or from this address. "
            "Wait 15 minutes and try again, or ask an admin to set a new password."
        )
    user = authenticate(session, email, password)
    if user is None:
        record_failure(session, account, address)
    else:
        clear_failures(session, account)
    return user


def end_sessions(user: User) -> None:
    """End every log-in of this account, wherever its cookie is (the server knows no other copy)."""
    user.session_generation += 1


def is_command_line(user: User) -> bool:
    return user.email == COMMAND_LINE_EMAIL


def command_line_user(session: Session) -> User:
    """The account the history names for command-line work done without `--as`; made when first needed."""
    user = session.scalar(select(User).where(User.email == COMMAND_LINE_EMAIL))
    if user is None:
        user = User(
            email=COMMAND_LINE_EMAIL,
            name=COMMAND_LINE_NAME,
            role=Role.EDITOR,
            password_hash=_UNUSABLE_HASH,
        )
        session.add(user)
        session.flush()
    return user


def acting_user(session: Session, email: str | None) -> User:
    """Who a command's writes are recorded under: the active account `email`, else the command line.

    An unknown or disabled account is refused, naming what to do, rather than quietly
    recording the work under someone else.
    """
    if not email:
        return command_line_user(session)
    address = normalise_email(email)
    user = session.scalar(select(User).where(User.email == address))
    if user is None:
        raise ValidationFailed(
            f"There is no account {address}. Add it first (factdb user add {address} --role "
            "editor), or leave out --as to record the work as the command line.",
            {
                "as": f"There is no account {address}. Create it with `factdb user add {address} "
                "--role editor`, or leave out --as to record the work as the command line."
            },
        )
    if not user.active:
        raise ValidationFailed(
            f"The account {address} is disabled. An admin can enable it on the Users page, "
            "or name another account with --as.",
            {"as": f"The account {address} is disabled."},
        )
    return user


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


def user_by_email(session: Session, email: str) -> User:
    """The account with this e-mail; NotFound names how to create it."""
    address = normalise_email(email)
    user = session.scalar(select(User).where(User.email == address))
    if user is None:
        raise NotFound(
            f"There is no account {address}. Create it with `factdb user add {address}`."
        )
    return user


def set_password(session: Session, email: str, password: str) -> User:
    """Give an account a new password (a forgotten one): its log-ins end, its failed ones are forgotten.

    An empty password is refused rather than read as "keep the old one": whoever asked for a
    new password would otherwise believe the old one no longer works.
    """
    if not password:
        raise ValidationFailed.at(
            "password",
            "No new password given: type it when asked, or pipe it as one line of input; "
            "the old password still works.",
        )
    user = user_by_email(session, email)
    update_user(session, user.id, name=user.name, role=user.role, active=user.active,
                password=password, acting=command_line_user(session))  # fmt: skip
    clear_failures(session, user.email)
    return user


def set_active(session: Session, email: str, active: bool) -> User:
    """Enable or disable an account; disabling ends its log-ins everywhere."""
    user = user_by_email(session, email)
    update_user(session, user.id, name=user.name, role=user.role, active=active,
                acting=command_line_user(session))  # fmt: skip
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(func.lower(User.name))))


def update_user(
    session: Session,
    user_id: int,
    *,
    name: str,
    role: Role,
    active: bool,
    password: str = "",
    revoke_tokens: bool = False,
    acting: User,
) -> User:
    """Change an account; an admin cannot lock themselves out by demoting or disabling their own.

    A new password or disabling the account ends its log-ins everywhere; `revoke_tokens`
    also revokes its API tokens (for when the old password may be known to someone else).
    """
    user = get_user(session, user_id)
    if is_command_line(user):
        raise ValidationFailed.at(
            "role", "This account records command-line work; nobody logs in with it."
        )
    values = USER.validate({"email": user.email, "name": clean(name) or user.name, "role": role})
    if user.id == acting.id and (values["role"] != Role.ADMIN or not active):
        raise ValidationFailed.at(
            "role", "You cannot remove your own admin role or disable your own account."
        )
    if _leaves_no_admin(session, user, values["role"], active):
        raise ValidationFailed.at(
            "role",
            f"{user.email} is the last active admin: make another account admin first "
            "(factdb user add EMAIL --role admin, or the Users page).",
        )
    user.name, user.role = values["name"], values["role"]
    if password:
        user.password_hash = hash_password(password, (user.email, user.name))
    if password or (user.active and not active):
        end_sessions(user)
    user.active = active
    if revoke_tokens:
        revoke_all_tokens(session, user)
    return user


def _leaves_no_admin(session: Session, user: User, role: Role, active: bool) -> bool:
    """Whether this change would leave nobody who can manage accounts from the browser."""
    if not (user.active and user.role == Role.ADMIN) or (role == Role.ADMIN and active):
        return False
    others = select(func.count()).where(
        User.role == Role.ADMIN, User.active, User.id != user.id, User.email != COMMAND_LINE_EMAIL
    )
    return not session.scalar(others)
