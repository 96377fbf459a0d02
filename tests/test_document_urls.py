"""A recorded document is found by its address however it was linked: scheme, "www.",
tracking parameters and a trailing slash make no second copy on any path."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from factdb import migrate
from factdb.db import make_engine
from factdb.models import Citation, Document
from factdb.text import url_key
from factdb.vocab import Role
from tests.factories import Factory

RECORDED = "https://port.example/statement"
VARIANTS = [
    "http://port.example/statement",
    "https://www.port.example/statement/",
    "https://port.example/statement?utm_source=twitter&utm_medium=social",
    "https://port.example/statement?fbclid=IwAR0abc",
    "http://www.Port.Example/statement/?gclid=x1#comments",
]


@pytest.mark.parametrize("typed", VARIANTS)
def test_variants_of_an_address_share_its_key(typed):
    assert url_key(typed) == url_key(RECORDED) == "port.example/statement"


@pytest.mark.parametrize(
    "other",
    [
        "https://port.example/Statement",  # a path's case may name another page
        "https://port.example/statement?id=2",  # a query that is not tracking
        "https://other.example/statement",
    ],
)
def test_other_pages_keep_other_keys(other):
    assert url_key(other) != url_key(RECORDED)


def test_query_order_and_non_addresses():
    assert url_key("https://a.example/p?b=1&a=2") == url_key("https://a.example/p?a=2&b=1")
    assert url_key("") == url_key("not an address") == url_key("ftp://a.example/") == ""


def _documents(session) -> int:
    session.rollback()
    return session.scalar(select(func.count(Document.id)))


@pytest.mark.parametrize("typed", VARIANTS)
def test_the_api_cites_the_recorded_document(client, make: Factory, session, typed):
    from factdb.access import create_token

    recorded = make.document("Harbour statement", url=RECORDED)
    token = create_token(session, make.user(Role.EDITOR), "t").secret
    session.commit()
    response = client.post(
        "/api/v1/claims",
        headers={"Authorization": f"Bearer {token}"},
        json={"text": "The harbour reopens.", "citations": [{"document": typed}]},
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["data"]["citations"][0]["document"]["id"] == recorded.id
    assert _documents(session) == 1


def test_the_form_cites_the_recorded_document(client, auth, make: Factory, session):
    recorded = make.document("Harbour statement", url=RECORDED)
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"text": "The harbour reopens.", "context": "", "tags": "",
            "citations-0-document": VARIANTS[2], "citations-0-speaker": "", "citations-0-quote": "",
            "citations-0-locator": "", "citations-0-relation": "asserts", "citations-0-quote_type": "direct",
            "citations-0-new_document_type": "news_article", "save": "Save claim"}  # fmt: skip
    assert auth.post("/claims/new", form).status_code == 302
    assert _documents(session) == 1
    assert session.scalar(select(Citation.document_id)) == recorded.id


def test_the_api_cites_a_new_document_of_a_recorded_title_at_another_address(
    client, make: Factory, session
):
    """Another outlet's report under the same title is another document, not the recorded one."""
    from factdb.access import create_token

    recorded = make.document("Harbour statement", url=RECORDED)
    token = create_token(session, make.user(Role.EDITOR), "t").secret
    session.commit()
    cited = []
    for url in ("https://other.example/news/statement", VARIANTS[1]):
        response = client.post(
            "/api/v1/claims?different=true",  # the same words, meant as a second claim
            headers={"Authorization": f"Bearer {token}"},
            json={"text": "The harbour reopens.",
                  "citations": [{"document": {"title": "Harbour statement", "url": url}}]},
        )  # fmt: skip
        assert response.status_code == 201, response.get_json()
        cited.append(response.get_json()["data"]["citations"][0]["document"]["id"])
    assert cited[0] != recorded.id and cited[1] == recorded.id
    assert _documents(session) == 2


def test_the_form_cites_a_new_document_of_a_recorded_title_at_another_address(
    client, auth, make: Factory, session
):
    recorded = make.document("Harbour statement", url=RECORDED)
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"text": "The harbour reopens.", "context": "", "tags": "",
            "citations-0-document": "Harbour statement", "citations-0-speaker": "",
            "citations-0-quote": "", "citations-0-locator": "", "citations-0-relation": "asserts",
            "citations-0-quote_type": "direct", "citations-0-new_document_type": "news_article",
            "citations-0-new_document_url": "https://other.example/news/statement",
            "save": "Save claim"}  # fmt: skip
    assert auth.post("/claims/new", form).status_code == 302
    assert _documents(session) == 2
    assert session.scalar(select(Citation.document_id)) != recorded.id


def test_the_intake_finds_the_recorded_article(make: Factory, session):
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record

    recorded = make.document("Port strike", url=RECORDED)
    session.commit()
    document = DocumentInput(title="Dockers stay out", url=VARIANTS[4],
                             full_text="“We will not go back,” Marta Kowalczyk said.")  # fmt: skip
    quote = AcceptedQuote("Dockers stay out", "We will not go back", speaker="Marta Kowalczyk")
    result = record(session, make.user(Role.EDITOR), document, [quote], [])
    session.commit()
    assert result.merged
    assert _documents(session) == 1
    assert session.scalar(select(Citation.document_id)) == recorded.id


def test_an_import_finds_the_recorded_document(make: Factory, session):
    from factdb.importer import parse, plan

    make.document("Harbour statement", url=RECORDED)
    session.commit()
    entry = f"@misc{{s, title={{Another title}}, url={{{VARIANTS[3]}}}}}\n"
    items = plan(session, parse(entry, "bibtex"))
    assert [(item.action, item.reason) for item in items] == [("match", "URL")]


def test_the_migration_keys_recorded_addresses(empty_database_url):
    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine, "0023")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO document (title, title_key, key_stem, doc_type, url, "
                     "container_title, publisher, published, undated, doi, archive_url, language, "
                     "full_text, text_hash, volume, issue, pages, section, edition, event, place, "
                     "series, number, isbn, issn, extra, version, created_at, updated_at) VALUES "
                     "('S', 's', 'nds', 'web_page', :url, '', '', '', false, '', '', '', '', '', '', "
                     "'', '', '', '', '', '', '', '', '', '', '{}', 1, :now, :now)"),
                {"url": VARIANTS[1], "now": "2026-01-01 00:00:00"},
            )  # fmt: skip
        migrate.upgrade(engine)
        with engine.connect() as connection:
            keys = connection.execute(text("SELECT url_key FROM document")).scalars().all()
        assert keys == ["port.example/statement"]
    finally:
        engine.dispose()


def test_capturing_the_article_again_from_a_mirror_adds_no_document(
    app, database_url, monkeypatch, tmp_path, make: Factory, session
):
    from factdb.cli import main
    from tests.capture_site import start_site

    for name, value in {"DATABASE_URL": database_url, "SECRET_KEY": "x",
                        "CAPTURE_ALLOW_PRIVATE": "true", "CAPTURE_TIMEOUT": "2",
                        "QUEUE_URL": f"sqlite:///{tmp_path / 'queue.sqlite'}"}.items():  # fmt: skip
        monkeypatch.setenv(f"FACTDB_{name}", value)
    site = start_site()
    try:
        first = CliRunner().invoke(main, ["capture", site.url("/news/jsonld.html")])
        assert first.exit_code == 0, first.output
        again = CliRunner().invoke(main, ["capture", site.url("/mirror/fuel-levy.html")])
        assert again.exit_code == 0, again.output
        tracked = CliRunner().invoke(
            main, ["capture", site.url("/news/jsonld.html?utm_source=twitter")]
        )
        assert tracked.exit_code == 0, tracked.output
    finally:
        site.stop()
    assert "already recorded" in again.output and "already recorded" in tracked.output
    assert _documents(session) == 1


def test_the_api_saves_a_capture_of_a_recorded_page_as_its_evidence(app, client, make, session):
    """A capture of a page already recorded is kept as its evidence: 200 and that document."""
    from factdb.access import create_token
    from factdb.capture.service import capture_url, store_capture
    from factdb.models import Capture
    from tests.capture_site import start_site

    site = start_site()
    try:
        first = capture_url(
            site.url("/news/jsonld.html"), {"CAPTURE_ALLOW_PRIVATE": True, "CAPTURE_TIMEOUT": 2}
        )
        mirror = capture_url(
            site.url("/mirror/fuel-levy.html"),
            {"CAPTURE_ALLOW_PRIVATE": True, "CAPTURE_TIMEOUT": 2},
        )
    finally:
        site.stop()
    ids = [
        store_capture(session, result, app.config, user_id=None).id for result in (first, mirror)
    ]
    token = create_token(session, make.user(Role.EDITOR), "t").secret
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    saved = client.post(f"/api/v1/captures/{ids[0]}/document", headers=headers)
    assert saved.status_code == 201
    again = client.post(f"/api/v1/captures/{ids[1]}/document", headers=headers)
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["data"]["id"] == saved.get_json()["data"]["id"]
    assert _documents(session) == 1
    assert session.get(Capture, ids[1]).document_id == saved.get_json()["data"]["id"]
