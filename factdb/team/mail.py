"""Send notifications by e-mail, from a background job, when the server has SMTP settings.

`FACTDB_SMTP_URL` names the server: `smtp://user:password@host:587` (STARTTLS when
the server offers it) or `smtps://…:465` (TLS from the start). Mail is never sent
inside a web request: once a transaction that made notifications commits, one job
takes their ids and sends them.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from factdb.jobs import JobContext, JobFailed, JobOutcome, job_kind
from factdb.models import Claim, Notification, User, utcnow
from factdb.team.notifications import PENDING_EMAILS, NotificationKind
from factdb.wording import counted

JOB_KIND = "email"


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool
    username: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """Read `smtp://user:password@host:port` or `smtps://…`; ValueError names what is wrong."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(
                "FACTDB_SMTP_URL must look like smtp://user:password@host:587 or smtps://…, "
                f"not {_without_password(url)!r}"
            )
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            tls=tls,
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
        )


def _without_password(url: str) -> str:
    """`url` with its password as `***`: messages about it reach logs and the jobs page."""
    parts = urlsplit(url)
    if parts.password is None:
        # Without `//` nothing parses as user and password: hide all before the host.
        return f"***@{url.rpartition('@')[2]}" if "@" in url else url
    user, _, place = parts.netloc.rpartition("@")
    netloc = f"{user.partition(':')[0]}:***@{place}"
    return urlunsplit(parts._replace(netloc=netloc))


def send_messages(server: SmtpServer, messages: list[EmailMessage], timeout: float = 30) -> None:
    """Send the messages over one connection."""
    context = ssl.create_default_context()
    if server.tls:
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=timeout, context=context
        )
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=timeout)
    with connection:
        connection.ehlo()
        if not server.tls and connection.has_extn("starttls"):
            connection.starttls(context=context)
            connection.ehlo()
        if server.username:
            connection.login(server.username, server.password)
        for message in messages:
            connection.send_message(message)


def compose(
    notification: Notification, recipient: User, claim_text: str, *, sender: str, base_url: str
) -> EmailMessage:
    """One notification as an e-mail: what happened, and where to look."""
    kind = NotificationKind(notification.kind)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient.email
    subject = f"[factdb] {kind.label}"
    if notification.claim_id:
        subject += f": claim #{notification.claim_id}"
    message["Subject"] = subject
    lines = [notification.message, ""]
    if notification.claim_id:
        lines += [f"Claim #{notification.claim_id}: {claim_text}"]
        if base_url:
            lines += [f"{base_url.rstrip('/')}/claims/{notification.claim_id}"]
        lines += [""]
    lines += ["You receive this because of your work in factdb."]
    message.set_content("\n".join(lines))
    return message


@job_kind(JOB_KIND, "Send notification e-mails")
def email_job(job: JobContext, params: Mapping[str, Any]) -> JobOutcome:
    """Send the notifications named in `params` that were not sent yet."""
    url = job.settings.get("SMTP_URL", "")
    if not url:
        raise JobFailed("No SMTP server is set (FACTDB_SMTP_URL); nothing was sent.")
    try:
        server = SmtpServer.from_url(url)
    except ValueError as error:
        raise JobFailed(str(error)) from error
    ids = [int(value) for value in params.get("notification_ids", [])]
    sender = job.settings.get("MAIL_FROM") or "factdb@localhost"
    base_url = job.settings.get("BASE_URL", "")
    with job.reading() as session:
        rows = session.execute(
            select(Notification, User, Claim.text)
            .join(User, User.id == Notification.user_id)
            .outerjoin(Claim, Claim.id == Notification.claim_id)
            .where(Notification.id.in_(ids), Notification.emailed_at.is_(None), User.active)
        ).all()
        messages = [
            compose(notification, user, text or "", sender=sender, base_url=base_url)
            for notification, user, text in rows
        ]
        sent_ids = [notification.id for notification, _user, _text in rows]
    if not messages:
        return JobOutcome("Nothing to send.")
    job.progress(0, len(messages), f"Sending {counted(len(messages), 'e-mail')}", force=True)
    try:
        send_messages(server, messages)
    except (OSError, smtplib.SMTPException) as error:
        raise JobFailed(f"The SMTP server {server.host}:{server.port} refused: {error}") from error
    with job.writing() as session:
        for notification in session.scalars(
            select(Notification).where(Notification.id.in_(sent_ids))
        ):
            notification.emailed_at = utcnow()
    return JobOutcome(f"Sent {counted(len(messages), 'e-mail')}.", {"sent": len(messages)})


def send_after_commit(
    factories: list[sessionmaker[Session]], submit: Callable[[list[int]], None]
) -> None:
    """Once a transaction that made notifications commits, hand their ids to `submit`."""

    def committed(session: Session) -> None:
        ids = session.info.pop(PENDING_EMAILS, None)
        if ids:
            submit(list(ids))

    def rolled_back(session: Session, _previous: Any = None) -> None:
        session.info.pop(PENDING_EMAILS, None)

    for factory in factories:
        event.listen(factory, "after_commit", committed)
        event.listen(factory, "after_soft_rollback", rolled_back)
