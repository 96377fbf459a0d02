"""Capture: fetching through the address guard, reading pages, WARC evidence, anchors, rechecks."""

from __future__ import annotations

import gzip
import json

import pytest
from sqlalchemy import select

from factdb.audit.runner import run_audit
from factdb.capture.anchors import Anchor, anchor_quote, reanchor, refresh_anchors
from factdb.capture.cite import Passage, cite_passage
from factdb.capture.extract import decode, partial_date
from factdb.capture.fetch import FetchError, FetchPolicy, fetch
from factdb.capture.guard import refusal
from factdb.capture.recheck import parse_age, recheck, select_targets, word_diff
from factdb.capture.service import (
    capture_url,
    create_from_capture,
    store_capture,
    warc_bytes,
)
from factdb.capture.warc import read_records, sha256
from factdb.models import Capture, CheckOutcome, QuoteAnchor, SourceCheck
from factdb.vocab import DocumentType, Role
from factdb.web.database import database
from tests.capture_site import ARTICLE_PARAGRAPHS, ARTICLE_QUOTE, start_site

LOOPBACK = {"CAPTURE_ALLOW_PRIVATE": True, "CAPTURE_TIMEOUT": 2}


@pytest.fixture
def site():
    running = start_site()
    yield running
    running.stop()


# -- the address guard ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "reserved"),  # noqa: S104 (an address to refuse, not to bind)
        ("169.254.169.254", "metadata"),
    ],
)
def test_the_guard_refuses_addresses_inside_the_network(address, reason):
    assert reason in refusal(address, allow_private=False)


def test_the_guard_lets_public_addresses_through_and_private_ones_when_allowed():
    assert refusal("93.184.215.14", allow_private=False) is None
    assert refusal("2606:2800:21f:cb07::1", allow_private=False) is None
    assert refusal("127.0.0.1", allow_private=True) is None
    # The cloud metadata endpoint stays refused even then.
    assert "metadata" in refusal("169.254.169.254", allow_private=True)


def test_a_name_resolving_to_loopback_is_refused_after_resolution(site):
    url = site.url("/news/jsonld.html").replace("127.0.0.1", "localhost")
    with pytest.raises(FetchError, match=r"localhost resolves to 127\.0\.0\.1, a loopback address"):
        fetch(url, FetchPolicy())
    assert site.state.requests == []


def test_a_redirect_into_the_network_is_refused_on_the_hop(site, monkeypatch):
    """The first hop is allowed here (as if public); the redirect's target is checked again."""
    from factdb.capture import guard

    allowed_port = int(site.base.rsplit(":", 1)[1])
    original = guard.GuardedBackend.connect_tcp

    def connect(self, host, port, *args, **kwargs):
        self.allow_private = port == allowed_port and not site.state.requests
        return original(self, host, port, *args, **kwargs)

    monkeypatch.setattr(guard.GuardedBackend, "connect_tcp", connect)
    with pytest.raises(FetchError, match="loopback"):
        fetch(site.url("/hop/1"), FetchPolicy(), None)
    assert site.state.requests == ["/hop/1"]


def test_only_web_addresses_are_fetched():
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x", "/relative", ""):
        with pytest.raises(FetchError, match="http:// or https://"):
            fetch(url, FetchPolicy(allow_private=True))


# -- fetching and reading ------------------------------------------------------------------


def test_a_news_article_is_read_from_its_json_ld(site):
    result = capture_url(site.url("/news/jsonld.html"), LOOPBACK)
    meta = result.extracted
    assert meta.title == "Minister rules out fuel levy rise before budget"
    assert meta.authors == ["Amira Haddad", "Tom Ellery"]
    assert meta.publisher == "Harbour Media Group"
    assert meta.container_title == "The Harbour Times"
    assert meta.published == "2024-03-05"
    assert meta.language == "en-GB"
    assert meta.doc_type is DocumentType.NEWS_ARTICLE
    assert meta.canonical_url == site.url("/news/jsonld.html")
    assert meta.sources["title"] == "json-ld"
    assert ARTICLE_QUOTE in meta.text
    assert "Most read" not in meta.text and "Subscribe" not in meta.text  # boilerplate dropped
    assert result.body_sha256 == sha256(result.page.body)
    assert result.text_sha256 == sha256(meta.text)


def test_a_page_with_only_meta_tags_is_read_from_them(site):
    meta = capture_url(site.url("/blog/meta-only.html"), LOOPBACK).extracted
    assert meta.title == "Harbour bridge goes to a referendum"
    assert meta.authors == ["Lena Vos"]
    assert meta.container_title == "Noord Blog"
    assert meta.published == "2023-11-20"
    assert meta.language == "nl-NL"
    assert "referendum on 2 June" in meta.text


def test_a_pdf_is_captured_with_its_text_and_metadata(site):
    result = capture_url(site.url("/reports/statement.pdf"), LOOPBACK)
    meta = result.extracted
    assert meta.doc_type is DocumentType.REPORT
    assert meta.title == "Statement on fuel duties"
    assert meta.authors == ["Ministry of Finance"]
    assert meta.published == "2024-02-01"
    assert "keep the fuel levy at its present rate" in meta.text


def test_a_redirect_chain_is_followed_and_recorded(site):
    result = capture_url(site.url("/hop/1"), LOOPBACK)
    assert result.page.final_url == site.url("/news/jsonld.html")
    assert result.page.redirects == [
        (302, site.url("/hop/1")),
        (301, site.url("/hop/2")),
        (307, site.url("/hop/3")),
    ]


def test_a_redirect_loop_stops_at_the_limit(site):
    with pytest.raises(FetchError, match="More than 5 redirects"):
        capture_url(site.url("/loop"), LOOPBACK)
    assert site.state.requests.count("/loop") == 6


def test_a_missing_page_is_an_error_that_says_so(site):
    with pytest.raises(FetchError, match="404 Not Found") as caught:
        capture_url(site.url("/no-such-page.html"), LOOPBACK)
    assert caught.value.gone


def test_a_slow_page_times_out(site):
    site.state.slow_seconds = 2.5
    with pytest.raises(FetchError, match="did not answer within 1 s"):
        capture_url(site.url("/slow.html"), {**LOOPBACK, "CAPTURE_TIMEOUT": 1})


def test_a_50_mb_page_is_refused_at_the_size_limit(site):
    with pytest.raises(FetchError, match="larger than 20 MB"):
        capture_url(site.url("/huge.html"), LOOPBACK)


def test_a_page_declaring_the_wrong_charset_is_read_as_it_is_written(site):
    meta = capture_url(site.url("/charset.html"), LOOPBACK).extracted
    assert "“Ça suffit,” said René Lefèvre" in meta.text
    assert meta.title.startswith("Café owners say “no”")


def test_decoding_falls_back_to_the_declared_then_windows_1252():
    assert decode("naïve “quote”".encode()) == "naïve “quote”"
    assert decode("naïve".encode("latin-1"), "iso-8859-1") == "naïve"
    assert decode("“smart”".encode("cp1252"), "utf-8") == "“smart”"
    assert decode(b'<meta charset="koi8-r">' + "да".encode("koi8-r")).endswith("да")


def test_other_media_types_are_refused(site):
    with pytest.raises(FetchError, match="image/png"):
        capture_url(site.url("/image.png"), LOOPBACK)


def test_partial_dates_keep_what_is_known():
    assert partial_date("2024-03-05T09:30:00+00:00") == "2024-03-05"
    assert partial_date("2024-03") == "2024-03"
    assert partial_date("published in 2019") == "2019"
    assert partial_date("yesterday") == ""


# -- evidence ------------------------------------------------------------------------------


def test_the_warc_holds_request_response_metadata_and_text(site):
    result = capture_url(site.url("/hop/1"), LOOPBACK)
    records = list(read_records(result.warc))
    kinds = [kind for kind, _uri, _content in records]
    assert kinds == ["warcinfo", "request", "response", "metadata", "conversion"]
    _, uri, body = records[2]
    assert uri == site.url("/news/jsonld.html")
    assert body == result.page.body and sha256(body) == result.body_sha256
    details = json.loads(records[3][2])
    assert details["body_sha256"] == result.body_sha256
    assert details["text_sha256"] == result.text_sha256
    assert [hop[0] for hop in details["redirects"]] == [302, 301, 307]
    assert records[4][2].decode() == result.extracted.text
    assert gzip.decompress(result.warc).startswith(b"WARC/1.")


def test_a_capture_becomes_a_document_with_its_evidence(app, site, session):
    result = capture_url(site.url("/news/jsonld.html"), LOOPBACK)
    capture = store_capture(session, result, app.config, user_id=None)
    document = create_from_capture(session, None, capture)
    session.commit()
    assert document.title == "Minister rules out fuel levy rise before budget"
    assert [a.source.name for a in _authors(session, document.id)] == ["Amira Haddad", "Tom Ellery"]
    assert document.url == site.url("/news/jsonld.html")
    assert document.language == "en"
    assert document.accessed == capture.fetched_at.date()
    assert ARTICLE_QUOTE in document.full_text
    stored = session.get(Capture, capture.id)
    assert stored.document_id == document.id
    assert warc_bytes(stored, app.config) == result.warc


def test_a_warc_folder_keeps_files_out_of_the_database(app, site, session, tmp_path):
    settings = {**app.config, "WARC_DIR": str(tmp_path / "warc")}
    result = capture_url(site.url("/news/jsonld.html"), LOOPBACK)
    capture = store_capture(session, result, settings, user_id=None)
    session.commit()
    assert capture.warc is None and capture.warc_path.endswith(".warc.gz")
    assert (tmp_path / "warc" / capture.warc_path).read_bytes() == result.warc
    assert warc_bytes(capture, settings) == result.warc


def test_a_warc_over_the_limit_is_not_kept_and_says_why(app, site, session):
    result = capture_url(site.url("/big.html"), LOOPBACK)
    capture = store_capture(session, result, {**app.config, "WARC_MAX_BYTES": 1000}, user_id=None)
    assert capture.warc is None
    assert "FACTDB_WARC_DIR" in capture.warc_note
    assert capture.body_sha256 == sha256(result.page.body)


def _authors(session, document_id):
    from sqlalchemy.orm import selectinload

    from factdb.models import Document, DocumentAuthor

    document = session.scalar(
        select(Document)
        .where(Document.id == document_id)
        .options(selectinload(Document.authors).selectinload(DocumentAuthor.source))
    )
    return document.authors


# -- anchors -------------------------------------------------------------------------------

TEXT = (
    "The minister spoke first. “We will act,” she said. Later the mayor spoke. "
    "“We will act,” he said, “but not this year.”"
)


def test_a_quote_is_anchored_with_its_context_and_position():
    anchor = anchor_quote(TEXT, "We will act")
    assert anchor is not None
    assert (anchor.start, anchor.end) == (27, 38)
    assert anchor.prefix == TEXT[:27][-32:] and anchor.suffix == TEXT[38:70]
    assert anchor.selectors()[0] == {
        "type": "TextQuoteSelector", "exact": "We will act",
        "prefix": anchor.prefix, "suffix": anchor.suffix,
    }  # fmt: skip
    second = anchor_quote(TEXT, "We will act", near=80)
    assert second.start == TEXT.index("We will act", 40)


def test_an_anchor_is_found_again_after_the_text_is_corrected():
    anchor = anchor_quote(TEXT, "We will act", near=80)
    corrected = "Correction appended. " + TEXT.replace("mayor", "deputy mayor")
    again = reanchor(corrected, anchor)
    # The same occurrence (the mayor's), by its surroundings, not the first one.
    assert again.start == corrected.index("We will act", 60)
    assert again.state == "exact"


def test_a_reworded_quote_is_anchored_fuzzily_and_a_removed_one_not_at_all():
    old = anchor_quote(ARTICLE_PARAGRAPHS[1], ARTICLE_QUOTE)
    reworded = ARTICLE_PARAGRAPHS[1].replace("raise the fuel levy", "raise the fuel duty")
    fuzzy = reanchor(reworded, old)
    assert fuzzy.state == "fuzzy" and "fuel duty" in fuzzy.exact
    assert reanchor("Nothing of the sort was said.", old) is None
    # A few characters say too little for a fuzzy match: short quotes are found exactly or not at all.
    assert reanchor("We will ask", Anchor("We will act", "", "", 0, 11)) is None


def test_anchors_follow_a_corrected_document_text(app, session, make):
    editor = make.user(Role.EDITOR)
    document = make.document("Speech", full_text=TEXT)
    make.commit()
    citation, anchor = cite_passage(
        session, editor,
        Passage(document.id, "We will act", claim_text="The mayor promised action.", near=80),
    )  # fmt: skip
    session.commit()
    assert anchor.start == TEXT.index("We will act", 40)
    from factdb.documents import DocumentInput, update_document

    corrected = "Transcript corrected. " + TEXT
    update_document(
        session, editor, document.id, document.version,
        DocumentInput(title="Speech", full_text=corrected, doc_type=document.doc_type),
    )  # fmt: skip
    session.commit()
    stored = session.get(QuoteAnchor, citation.id)
    session.refresh(stored)
    assert stored.start == corrected.index("We will act", 60)
    assert refresh_anchors(session, document.id) == {"exact": 1}


# -- rechecks and the audit ----------------------------------------------------------------


def _captured_document(app, session, url, text_user=None):
    result = capture_url(url, {**app.config, **LOOPBACK})
    capture = store_capture(session, result, app.config, user_id=None)
    document = create_from_capture(session, None, capture)
    session.commit()
    return document


def test_recheck_finds_alive_changed_moved_and_gone(app, site, session, make):
    config = {**app.config, **LOOPBACK}
    alive = _captured_document(app, session, site.url("/page/1.html"))
    changed = _captured_document(app, session, site.url("/page/2.html"))
    gone = _captured_document(app, session, site.url("/page/3.html"))
    moved = _captured_document(app, session, site.url("/page/7.html"))
    site.state.versions[2] = 2
    site.state.gone.add(3)
    site.state.moved[7] = "/moved-new.html"
    targets = select_targets(session, document_ids=[alive.id, changed.id, gone.id, moved.id])
    progress = []
    counts = recheck(database(app).writer, targets, config,
                     progress=lambda done, total: progress.append((done, total)))  # fmt: skip
    assert counts == {"alive": 1, "changed": 1, "gone": 1, "moved": 1}
    assert progress[-1] == (4, 4)
    session.rollback()  # end the read snapshot taken before the checks were written
    checks = {c.document_id: c for c in session.scalars(select(SourceCheck))}
    assert checks[alive.id].outcome is CheckOutcome.ALIVE
    assert checks[changed.id].outcome is CheckOutcome.CHANGED
    assert {k: checks[changed.id].diff[0][k] for k in ("op", "old", "new")} == {
        "op": "replace",
        "old": "1.",
        "new": "2.",
    }
    assert checks[gone.id].outcome is CheckOutcome.GONE and checks[gone.id].http_status == 404
    assert checks[moved.id].outcome is CheckOutcome.MOVED
    assert checks[moved.id].final_url == site.url("/moved-new.html")


def test_a_withdrawn_quote_and_a_gone_source_reach_the_audit(app, site, session, make):
    config = {**app.config, **LOOPBACK}
    editor = make.user(Role.EDITOR)
    make.commit()
    document = _captured_document(app, session, site.url("/changing.html"))
    citation, _ = cite_passage(
        session, editor,
        Passage(document.id, ARTICLE_QUOTE, claim_text="The levy will not rise this year."),
    )  # fmt: skip
    gone = _captured_document(app, session, site.url("/page/9.html"))
    session.commit()
    site.state.changing.append("The minister declined to comment on the levy.")
    site.state.gone.add(9)
    recheck(
        database(app).writer, select_targets(session, document_ids=[document.id, gone.id]), config
    )
    session.rollback()
    check = session.scalar(select(SourceCheck).where(SourceCheck.document_id == document.id))
    assert check.outcome is CheckOutcome.CHANGED and check.withdrawn == [citation.id]
    report = run_audit(session, rules=["QUOTE_WITHDRAWN", "SOURCE_CHANGED", "SOURCE_GONE"])
    found = {(f.rule, f.document_id, f.citation_id) for f in report.findings}
    assert found == {
        ("QUOTE_WITHDRAWN", document.id, citation.id),
        ("SOURCE_CHANGED", document.id, None),
        ("SOURCE_GONE", gone.id, None),
    }


def test_a_gone_source_with_an_archive_copy_is_not_flagged(app, site, session):
    gone = _captured_document(app, session, site.url("/page/4.html"))
    gone.archive_url = "https://web.archive.org/web/2024/x"
    session.commit()
    site.state.gone.add(4)
    recheck(database(app).writer, select_targets(session, document_ids=[gone.id]),
            {**app.config, **LOOPBACK})  # fmt: skip
    session.rollback()
    assert run_audit(session, rules=["SOURCE_GONE"]).findings == []


def test_older_than_leaves_recently_checked_documents_alone(app, site, session):
    config = {**app.config, **LOOPBACK}
    first = _captured_document(app, session, site.url("/page/5.html"))
    second = _captured_document(app, session, site.url("/page/6.html"))
    recheck(database(app).writer, select_targets(session, document_ids=[first.id]), config)
    session.rollback()
    due = select_targets(session, older_than=parse_age("30d"))
    assert [t.document_id for t in due] == [second.id]
    with pytest.raises(ValueError, match="like 30d"):
        parse_age("thirty days")


def test_the_word_diff_says_what_changed():
    diff = word_diff("we will not raise the levy", "we will raise the levy")
    assert diff == [{"op": "delete", "old": "not", "new": "", "before": "we will"}]


def test_captures_never_saved_as_documents_are_dropped_after_two_days(app, site, session):
    from datetime import timedelta

    from factdb.capture.service import prune_pending
    from factdb.models import utcnow

    result = capture_url(site.url("/page/1.html"), LOOPBACK)
    old = store_capture(session, result, app.config, user_id=None)
    recent = store_capture(session, result, app.config, user_id=None)
    kept = store_capture(session, result, app.config, user_id=None)
    kept.document_id = create_from_capture(session, None, kept).id
    old.fetched_at = kept.fetched_at = utcnow() - timedelta(days=3)
    session.commit()
    assert prune_pending(session) == 1
    session.commit()
    remaining = set(session.scalars(select(Capture.id)))
    assert remaining == {recent.id, kept.id}


def test_a_quote_cited_through_the_claim_form_is_found_again_after_a_correction(app, session, make):
    editor = make.user(Role.EDITOR)
    text = "First the minister spoke. “We will act,” the mayor said later."
    document = make.document("Council", full_text=text)
    make.commit()
    claim = make.claim(editor, "The mayor will act.", document=document, quote="We will act")
    citation_id = claim.citations[0].id
    assert session.get(QuoteAnchor, citation_id) is None  # the claim form does not anchor
    from factdb.documents import DocumentInput, update_document

    # The correction adds the same words earlier, said by someone else.
    corrected = "Correction: the governor also said “We will act” on Monday. " + text
    update_document(session, editor, document.id, document.version,
                    DocumentInput(title="Council", full_text=corrected, doc_type=document.doc_type))  # fmt: skip
    session.commit()
    anchor = session.get(QuoteAnchor, citation_id)
    assert anchor.start == corrected.index(
        "We will act", 40
    )  # the mayor's words, not the governor's
    assert anchor.prefix.endswith("the minister spoke. “")
