"""Capture in the browser's pages (Flask test client): paste a link, review, evidence, recheck, cite."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from factdb.capture.warc import read_records
from factdb.models import Capture, Citation, Document, QuoteAnchor
from factdb.vocab import Role
from tests.capture_site import ARTICLE_QUOTE, start_site
from tests.jobs_helpers import wait_for_job


@pytest.fixture
def site():
    running = start_site()
    yield running
    running.stop()


@pytest.fixture
def editor(app, make, auth):
    app.config.update(CAPTURE_ALLOW_PRIVATE=True, CAPTURE_TIMEOUT=2)
    user = make.user(Role.EDITOR, email="ed@example.org")
    make.commit()
    auth.login("ed@example.org")
    return user


def _job_id(response) -> int:
    match = re.search(r"/jobs/(\d+)\?follow=1", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def _capture_document(app, client, auth, url: str, quote: str = "") -> tuple[int, object]:
    """Paste a link, wait for the job, follow to the filled form, save it; return the document id."""
    response = auth.post("/documents/capture", {"url": url, "quote": quote})
    assert response.status_code == 302
    job = wait_for_job(app, _job_id(response))
    followed = client.get(f"/jobs/{job.id}?follow=1")
    assert followed.status_code == 302
    review = client.get(followed.headers["Location"])
    page = review.get_data(as_text=True)
    assert "Filled from the page captured on" in page
    fields = {
        name: value for name, value in re.findall(r'name="([a-z_]+)"[^>]*value="([^"]*)"', page)
    }
    text = re.search(r'<textarea[^>]*name="full_text"[^>]*>\n?(.*?)</textarea>', page, re.S)
    authors = re.search(r'<textarea[^>]*name="authors"[^>]*>\n?(.*?)</textarea>', page, re.S)
    form = {
        "title": fields["title"], "doc_type": "news_article", "container_title": fields.get("container_title", ""),
        "publisher": fields.get("publisher", ""), "published": fields.get("published", ""),
        "url": fields["url"], "accessed": fields.get("accessed", ""), "language": fields.get("language", ""),
        "authors": authors.group(1) if authors else "",
        "full_text": text.group(1).replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&") if text else "",
    }  # fmt: skip
    saved = auth.post(followed.headers["Location"], form)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    return int(saved.headers["Location"].rstrip("/").rsplit("/", 1)[-1].split("?")[0]), saved


def test_paste_a_link_review_the_filled_form_and_keep_the_evidence(
    app, client, auth, editor, site, session, consumer
):
    document_id, _ = _capture_document(app, client, auth, site.url("/hop/1"))
    document = session.get(Document, document_id)
    assert document.title == "Minister rules out fuel levy rise before budget"
    assert document.container_title == "The Harbour Times"
    assert document.published == "2024-03-05"
    assert ARTICLE_QUOTE in document.full_text
    capture = session.scalar(select(Capture).where(Capture.document_id == document_id))
    assert capture is not None
    page = client.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "Captured on" in page and capture.body_sha256[:16] in page
    assert "Reached through 3 redirects" in page
    warc = client.get(f"/documents/{document_id}/captures/{capture.id}.warc.gz")
    assert warc.status_code == 200 and warc.mimetype == "application/warc"
    assert [kind for kind, _, _ in read_records(warc.data)][:3] == [
        "warcinfo",
        "request",
        "response",
    ]
    assert (
        client.get(f"/documents/{document_id + 1}/captures/{capture.id}.warc.gz").status_code == 404
    )


def test_a_bad_link_is_refused_with_the_text_kept(client, auth, editor):
    response = auth.post("/documents/capture", {"url": "ftp://files.example/report"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "starting with http:// or https://" in page
    assert 'value="ftp://files.example/report"' in page


def test_a_failed_capture_says_why_on_the_job_page(app, client, auth, editor, site, consumer):
    response = auth.post("/documents/capture", {"url": site.url("/image.png")})
    job = wait_for_job(app, _job_id(response))
    page = client.get(f"/jobs/{job.id}?follow=1")
    assert page.status_code == 200  # nothing to follow to: the reason is shown
    assert "image/png" in page.get_data(as_text=True)


def test_recheck_button_shows_the_change_and_the_withdrawn_quote(
    app, client, auth, editor, site, session, consumer
):
    document_id, _ = _capture_document(app, client, auth, site.url("/changing.html"))
    cited = auth.post(f"/documents/{document_id}/cite",
                      {"quote": ARTICLE_QUOTE, "claim_text": "The levy will not rise.", "relation": "asserts"})  # fmt: skip
    assert cited.status_code == 302
    site.state.changing.append("The minister declined to comment on the levy.")
    response = auth.post(f"/documents/{document_id}/recheck")
    job = wait_for_job(app, _job_id(response))
    assert (
        client.get(f"/jobs/{job.id}?follow=1")
        .headers["Location"]
        .endswith(f"/documents/{document_id}")
    )
    page = client.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "changed" in page and "Cited quotes no longer on the page" in page
    assert "<del>" in page and "declined" in page
    audit = client.get("/audit/?rule=QUOTE_WITHDRAWN").get_data(as_text=True)
    assert "is no longer on the live page" in audit
    api = client.get(f"/api/v1/audit?rule=QUOTE_WITHDRAWN&document={document_id}").get_json()
    assert [f["rule"] for f in api["data"]] == ["QUOTE_WITHDRAWN"]


def test_cite_a_passage_anchors_the_selected_occurrence(app, client, auth, editor, make, session):
    text = "“We will act,” she said. Later he said: “We will act, but not yet.”"
    document = make.document("Two speeches", full_text=text)
    make.commit()
    start = text.index("We will act", 10)
    form = client.get(f"/documents/{document.id}/cite?quote=We+will+act&start={start}")
    assert 'value="' + str(start) + '"' in form.get_data(as_text=True)
    saved = auth.post(f"/documents/{document.id}/cite",
                      {"quote": "We will act", "start": str(start), "claim_text": "He will act.",
                       "speaker": "Mayor Jansen", "relation": "asserts"})  # fmt: skip
    assert saved.status_code == 302
    citation = session.scalar(select(Citation).where(Citation.document_id == document.id))
    anchor = session.get(QuoteAnchor, citation.id)
    assert (anchor.start, anchor.exact, anchor.prefix) == (
        start,
        "We will act",
        text[start - 32 : start],
    )


def test_citing_without_a_claim_names_the_problem_and_keeps_the_quote(client, auth, editor, make):
    document = make.document("Speech", full_text="We will act.")
    make.commit()
    response = auth.post(
        f"/documents/{document.id}/cite", {"quote": "We will act", "relation": "asserts"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose a claim or write a new one." in page and "We will act" in page
    missing = auth.post(f"/documents/{document.id}/cite",
                        {"quote": "We will act", "claim": "999999", "relation": "asserts"})  # fmt: skip
    assert (
        missing.status_code == 422 and "no claim 999999" in missing.get_data(as_text=True).lower()
    )


def test_the_bookmarklet_lands_on_the_cite_form_or_on_capture(client, auth, editor, make):
    document = make.document("Known page", url="https://news.example/known")
    make.commit()
    known = client.get("/documents/clip?url=https://news.example/known&quote=hello")
    assert known.headers["Location"].endswith(f"/documents/{document.id}/cite?quote=hello")
    unknown = client.get("/documents/clip?url=https://news.example/new&quote=hi")
    assert "/documents/capture?url=https" in unknown.headers["Location"]
    profile = client.get("/profile/").get_data(as_text=True)
    assert "javascript:(function(){" in profile and "/documents/clip" in profile


def test_viewers_cannot_capture_or_recheck(client, auth, make):
    make.user(Role.VIEWER, email="v@example.org")
    document = make.document("Page", url="https://news.example/p")
    make.commit()
    auth.login("v@example.org")
    assert auth.post("/documents/capture", {"url": "https://news.example/"}).status_code == 403
    assert auth.post(f"/documents/{document.id}/recheck").status_code == 403
    assert "Recheck the page now" not in client.get(f"/documents/{document.id}").get_data(
        as_text=True
    )
