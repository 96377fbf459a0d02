"""Hostile input on every form: scripts stay inert, huge or broken input gets a clear 4xx and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.export import FORMATS, export
from factdb.models import Claim, Document, Source
from factdb.vocab import Role
from tests.factories import Factory

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMS = {
    "/claims/new": {"text": SCRIPT, "context": SCRIPT, "tags": SCRIPT, "citations-0-document": SCRIPT, "citations-0-speaker": SCRIPT,
                    "citations-0-quote": SCRIPT, "citations-0-locator": "p. 1", "citations-0-relation": "asserts",
                    "citations-0-quote_type": "direct", "citations-0-new_document_type": "news_article", "save": "Save claim"},
    "/sources/new": {"name": SCRIPT, "kind": "person", "role": SCRIPT, "aliases": SCRIPT, "reliability": "F", "notes": SCRIPT},
    # The claim above recorded a document of this title: this one is said to be another.
    "/documents/new": {"title": SCRIPT, "doc_type": "web_page", "container_title": SCRIPT, "authors": SCRIPT, "full_text": SCRIPT,
                       "different": "1"},
}  # fmt: skip


def _counts(session) -> tuple[int, int, int]:
    session.rollback()
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Claim, Source, Document)
    )  # type: ignore[return-value]


@pytest.fixture
def editor(make: Factory, auth):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")


def test_scripts_are_inert_in_every_page_and_export(client, auth, editor, session):
    for url, form in FORMS.items():
        assert auth.post(url, form).status_code == 302, url
    pages = ["/", "/sources/", "/documents/", "/audit/", "/search?q=alert", "/claims/1", "/sources/1", "/documents/1",
             "/claims/1/edit", "/sources/1/edit", "/documents/1/edit", "/export?format=apa&as=html", "/audit/citations/1"]  # fmt: skip
    for page in pages:
        body = client.get(page).get_data(as_text=True)
        assert "<script>alert" not in body and "<img src=x" not in body, page
    # HTML exports escape the text; the others are data files where the text stays as typed.
    for name, fmt in FORMATS.items():
        if "html" in fmt.outputs:
            content = export(session, name, output="html").content
            assert "<script>alert" not in content and "<img src=x" not in content, name


@pytest.mark.parametrize("field", ["text", "context", "citations-0-quote", "tags"])
def test_a_megabyte_in_a_field_is_refused_clearly(client, auth, editor, session, field):
    form = {
        **FORMS["/claims/new"],
        "text": "A claim",
        "citations-0-document": "Doc",
        field: "x" * 1_000_000,
    }
    before = _counts(session)
    response = auth.post("/claims/new", form)
    assert response.status_code == 422
    assert "Field cannot be longer than" in response.get_data(
        as_text=True
    ) or "Keep" in response.get_data(as_text=True)
    assert _counts(session) == before


@pytest.mark.parametrize("url", list(FORMS))
def test_nul_bytes_and_sql_metacharacters_are_stored_safely_or_refused(
    client, auth, editor, session, url
):
    hostile = "Robert'); DROP TABLE claim;-- \x00 \u202e"
    form = {key: (hostile if value == SCRIPT else value) for key, value in FORMS[url].items()}
    response = auth.post(url, form)
    assert response.status_code in (302, 422)
    assert (
        session.scalar(select(func.count()).select_from(Claim)) is not None
    )  # the table is still there
    stored = session.scalars(select(Claim.text)).all() + session.scalars(select(Source.name)).all()
    assert all("\x00" not in value for value in stored)


def test_invalid_utf8_in_a_form_is_refused_without_a_500(client, auth, editor, session):
    token = auth.csrf_token()
    body = (
        b"csrf_token="
        + token.encode()
        + b"&save=Save+claim&text=%FF%FE%FD&citations-0-document=Doc"
    )
    response = client.post(
        "/claims/new", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500
    assert _counts(session)[0] <= 1


def test_javascript_urls_never_become_links(client, auth, editor, session):
    form = {**FORMS["/sources/new"], "name": "Safe name", "homepage": "javascript:alert(1)"}
    response = auth.post("/sources/new", form)
    assert response.status_code == 422 and "http:// or https://" in response.get_data(as_text=True)
    form = {
        **FORMS["/documents/new"],
        "title": "Safe",
        "url": "javascript:alert(1)",
        "archive_url": "data:text/html,x",
    }
    response = auth.post("/documents/new", form)
    assert response.status_code == 422
    assert _counts(session) == (0, 0, 0)
