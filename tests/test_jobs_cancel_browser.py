"""Cancelling a job in a real Chromium with JavaScript turned off: the button is a plain form."""

from __future__ import annotations

from factdb.jobs.app import job_queue
from factdb.models import Job, JobState
from factdb.vocab import Role
from factdb.web.database import database
from tests.factories import Factory
from tests.test_browser import (  # noqa: F401 (fixtures and marks shared)
    CHROMIUM,
    browser,
    log_in,
    pytestmark,
    server,
)


def test_the_owner_cancels_a_waiting_job_from_its_page_without_javascript(
    app,
    browser,  # noqa: F811 (the shared fixture)
    server,  # noqa: F811
    make: Factory,
):
    owner = make.user(Role.EDITOR, email="owner@example.org", name="Olga Owner")
    make.commit()
    job = job_queue(app).submit_now("queue.probe", {"steps": 3}, owner.id)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, server, "owner@example.org")
        page.goto(f"{server}/jobs/{job.id}")
        assert page.get_by_role("heading", level=1).inner_text() == "Working…"
        page.get_by_role("button", name=f"Cancel job #{job.id}").click()
        page.wait_for_url(f"{server}/jobs/{job.id}")
        assert f"Job #{job.id} cancelled: it will not run." in page.locator(".flash").inner_text()
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Cancelled by Olga Owner before it started."
        )
        assert page.get_by_role("button", name=f"Cancel job #{job.id}").count() == 0
        page.goto(f"{server}/jobs/")
        row = page.get_by_role("row").filter(has_text=f"#{job.id}")
        assert "Cancelled" in row.inner_text()
    finally:
        context.close()
    with database(app).reader() as session:
        assert session.get(Job, job.id).state is JobState.CANCELLED
