"""Build the app's job queue when the app is created, and find it again."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from factdb.jobs.queue import JobQueue, build_huey, queue_storage
from factdb.jobs.registry import KindsOnFirstUse
from factdb.web.database import database


def init_app(app: Flask) -> None:
    handle = database(app)
    url, database_url = app.config["QUEUE_URL"], app.config["DATABASE_URL"]
    # Validate the setting now, so a typo stops the app at start rather than at the first job.
    queue_storage(url, database_url, Path(app.instance_path))
    app.extensions["factdb.jobs"] = JobQueue(
        lambda: build_huey(url, database_url, Path(app.instance_path)),
        KindsOnFirstUse(),
        engine=handle.engine,
        reader=handle.reader,
        writer=handle.writer,
        settings=app.config,
    )
    if app.config.get("SMTP_URL"):
        _send_notification_emails(app)
    if app.config.get("KEEP_REFERENCES"):
        from factdb.export.warming import keep_after_writes

        keep_after_writes([handle.writer, handle.reader], app.extensions["factdb.jobs"])


def _send_notification_emails(app: Flask) -> None:
    """Send the e-mails of notifications once the transaction that made them commits."""
    from factdb.team.mail import JOB_KIND, SmtpServer, send_after_commit

    SmtpServer.from_url(app.config["SMTP_URL"])  # a typo stops the app at start
    handle, queue = database(app), app.extensions["factdb.jobs"]
    send_after_commit(
        [handle.writer, handle.reader],
        lambda ids: queue.submit_now(JOB_KIND, {"notification_ids": ids}),
    )


def job_queue(app: Flask | None = None) -> JobQueue:
    """The job queue of `app` (by default the current one)."""
    return (app or current_app).extensions["factdb.jobs"]
