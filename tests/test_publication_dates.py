"""A publication date is read the same on every path, and one far in the future is refused."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.access import create_token
from factdb.cli import main
from factdb.models import Document
from factdb.text import read_partial_date
from factdb.vocab import Role

#: Written forms and how each is stored.
WRITTEN = [
    ("2026-03-09", "2026-03-09"),
    ("2026-3-9", "2026-03-09"),
    ("2026-3", "2026-03"),
    ("5 March 2004", "2004-03-05"),
    ("March 5, 2004", "2004-03-05"),
    ("31 July 2013", "2013-07-31"),
    ("July 2013", "2013-07"),
    ("2013", "2013"),
]
#: Two years ahead is always more than a year ahead; next year never is.
TOO_FAR = f"{date.today().year + 2}-01-01"
NEXT_YEAR = str(date.today().year + 1)
FUTURE_TOLD = "more than a year ahead"


@pytest.mark.parametrize(("written", "stored"), WRITTEN)
def test_the_one_reader_takes_each_documented_form(written, stored):
    assert read_partial_date(written) == stored


@pytest.mark.parametrize("written", [TOO_FAR, "2999-01-01", "2999", "1 January 2999"])
def test_the_one_reader_refuses_a_date_more_than_a_year_ahead(written):
    with pytest.raises(ValueError, match=FUTURE_TOLD):
        read_partial_date(written)


@pytest.mark.parametrize("written", ["2026-13-01", "2026-2-30", "03/04/2013", "someday", "9" * 60])
def test_the_one_reader_refuses_what_is_not_a_date(written):
    with pytest.raises(ValueError, match="YYYY"):
        read_partial_date(written)


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("03/04/2013", "whether the day or the month comes first cannot be told"),
        ("10/24/2018", r"write it as YYYY-MM-DD \(2018-10-24\)"),
        ("24.10.2018", r"write it as YYYY-MM-DD \(2018-10-24\)"),
        ("10/24/18", r"\(2018-10-24 if 18 means 2018\)"),
        ("02/30/2018", "no month has that day"),
        ("31/04/2018", "no month has that day"),
        ("3/4/13", "whether the day or the month comes first cannot be told"),
    ],
)
def test_a_date_with_the_year_last_is_refused_with_the_reason_and_what_to_write(written, told):
    with pytest.raises(ValueError, match=told):
        read_partial_date(written)


def test_next_year_is_a_forthcoming_issue_not_a_slip():
    assert read_partial_date(NEXT_YEAR) == NEXT_YEAR


@pytest.fixture
def editor(make):
    user = make.user(Role.EDITOR, email="editor@example.org")
    make.commit()
    return user


def _published(session, title: str) -> str | None:
    session.rollback()
    return session.scalar(select(Document.published).where(Document.title == title))


@pytest.mark.parametrize(("written", "stored"), [WRITTEN[1], WRITTEN[3], WRITTEN[4]])
def test_the_document_form_reads_and_refuses_alike(auth, editor, session, written, stored):
    auth.login("editor@example.org")
    saved = auth.post("/documents/new", {"title": "Harbour dues", "doc_type": "report",
                                         "published": written})  # fmt: skip
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert _published(session, "Harbour dues") == stored
    refused = auth.post("/documents/new", {"title": "Far dues", "doc_type": "report",
                                           "published": TOO_FAR})  # fmt: skip
    assert refused.status_code == 422
    assert FUTURE_TOLD in refused.get_data(as_text=True)
    assert _published(session, "Far dues") is None


def _claim_form(published: str, title: str) -> dict[str, str]:
    return {
        "text": f"The harbour dues rose ({title}).",
        "citations-0-document": title,
        "citations-0-new_document_type": "report",
        "citations-0-new_document_published": published,
        "citations-0-speaker": "Harbour Board of Vessa",
        "citations-0-new_speaker_kind": "organisation",
        "citations-0-relation": "asserts",
        "citations-0-quote": "the dues rose",
        "citations-0-quote_type": "direct",
        "save": "Save claim",
    }


def test_the_claim_form_reads_and_refuses_alike(auth, editor, session):
    auth.login("editor@example.org")
    saved = auth.post("/claims/new", _claim_form("2026-3-9", "Dues report"))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert _published(session, "Dues report") == "2026-03-09"
    refused = auth.post("/claims/new", _claim_form(TOO_FAR, "Far report"))
    assert refused.status_code == 422
    assert FUTURE_TOLD in refused.get_data(as_text=True)
    assert _published(session, "Far report") is None


ARTICLE = "\u201cThe north gate opens at six,\u201d said Mara Quill, the harbour master.\n"


def test_the_intake_form_reads_and_refuses_alike(auth, editor):
    auth.login("editor@example.org")
    form = {"title": "Gate times", "doc_type": "news_article", "text": ARTICLE}
    read = auth.post("/intake/", {**form, "published": "5 March 2004"})
    assert read.status_code == 200, read.get_data(as_text=True)
    assert 'value="2004-03-05"' in read.get_data(as_text=True)
    refused = auth.post("/intake/", {**form, "published": TOO_FAR})
    assert refused.status_code == 422
    assert FUTURE_TOLD in refused.get_data(as_text=True)


def test_the_api_reads_and_refuses_alike(client, make, session, editor):
    secret = create_token(session, editor, "script").secret
    session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    made = client.post("/api/v1/documents", headers=headers,
                       json={"title": "Dues minutes", "published": "March 5, 2004"})  # fmt: skip
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["data"]["published"] == "2004-03-05"
    refused = client.post("/api/v1/documents", headers=headers,
                          json={"title": "Far minutes", "published": TOO_FAR})  # fmt: skip
    assert refused.status_code == 422
    assert FUTURE_TOLD in str(refused.get_json())


def test_ingest_refuses_a_date_more_than_a_year_ahead(empty_database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    for extra in (["--dry-run"], []):
        result = runner.invoke(main, ["ingest", str(article), "--title", "Gate times",
                                      "--published", TOO_FAR, *extra])  # fmt: skip
        assert result.exit_code != 0
        assert FUTURE_TOLD in result.output


def test_an_import_names_the_line_of_a_date_more_than_a_year_ahead(session):
    data = (
        "@misc{good, title = {Harbour dues}, date = {2004-03-05}}\n"
        "\n"
        f"@misc{{far, title = {{Far dues}}, date = {{{TOO_FAR}}}}}\n"
    ).encode()
    with pytest.raises(importer.ImportFailed) as error:
        importer.import_references(session, None, data, format_name="bibtex")
    assert "line 3" in error.value.message and FUTURE_TOLD in error.value.message


def test_a_date_more_than_a_year_ahead_stored_earlier_is_an_audit_finding(session, make):
    from sqlalchemy import update

    from factdb.audit.runner import run_audit

    document = make.document("Old far notice", url="https://harbour.example/far",
                             published="2004-03-05")  # fmt: skip
    # Stored before the rule held (no path writes it now).
    session.execute(update(Document).where(Document.id == document.id).values(published="2999"))
    session.commit()
    findings = [f for f in run_audit(session).findings if f.rule == "CITATION_INCOMPLETE"]
    assert [f.document_id for f in findings] == [document.id]
    assert "a publication date that can be right (not 2999)" in findings[0].details["missing"]
