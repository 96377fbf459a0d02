"""An article's authors through the intake: typed, or proposed from its byline, on every path."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.export import export
from factdb.intake.byline import byline_authors, proposed_authors, recorded_authors
from factdb.models import Document, Job
from factdb.vocab import Role
from tests.test_intake import _form_defaults

#: Written for these tests: a byline under the headline, and one quote with a named speaker.
ARTICLE = """\
Harbour reopens after the storm

By Mara Quill and Tom Reyes

PORTLAND, March 3 — The city's harbour reopened on Monday, nine days after the storm.

"We lost nine days of work, but nobody lost a boat," harbour master Ines Okafor said at the quay.
"""
PAGE = (
    '<html><head><title>Harbour reopens</title><meta name="author" content="Lena Marsh">'
    "</head><body><h1>Harbour reopens after the storm</h1>"
    '<p>"We lost nine days of work, but nobody lost a boat," harbour master Ines Okafor said.</p>'
    "</body></html>"
)


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Headline\n\nBy Mara Quill\n\nText.", ["Mara Quill"]),
        ("Headline\nBy MARA QUILL AND TOM REYES | Harbour Desk\n", ["Mara Quill", "Tom Reyes"]),
        ("Headline\nBy Mara Quill, Tom Reyes and Ines Okafor\n", ["Mara Quill", "Tom Reyes", "Ines Okafor"]),
        ("Headline\nBy Ines van der Berg & Tom Reyes\n", ["Ines van der Berg", "Tom Reyes"]),
        ("Headline\nBy Mara Quill, Staff Writer\n", ["Mara Quill"]),
        ("Headline\nBy Mara Quill, Coastwire\n", ["Mara Quill"]),
        ("Headline\nBy Mara Quill, 14 March 2026\n", ["Mara Quill"]),
        ("Headline\nBy Mara Quill - 3 May 2026\n", ["Mara Quill"]),
        ("<html><body><h1>Headline</h1><p>By Mara Quill</p><p>Text.</p></body></html>", ["Mara Quill"]),
        (PAGE, ["Lena Marsh"]),
        # no byline: a sentence, a day, a month, a line too far down, nothing at all
        ("Headline\nBy the end of the day the quay was open.\n", []),
        ("Headline\nBy Monday\n", []),
        ("Headline\nBy March\n", []),
        ("Headline\n" + "A line of the story.\n" * 8 + "By Mara Quill\n", []),
        ("Headline\nThe harbour reopened.\n", []),
        # phrases, holidays and agencies are no people; an outlet after a comma is no author
        ("Headline\nBy Popular Demand\n", []),
        ("Headline\nBy The Numbers\n", []),
        ("Headline\nBy Christmas\n", []),
        ("Headline\nBy Air And Sea\n", []),
        ("Headline\nBy AP\n", []),
        ("Headline\nBy Reuters\n", []),
        ("Headline\nBy Easter Sunday\n", []),
        ("Headline\nBy Mara Quill, Harwick Gazette\n", ["Mara Quill"]),
        ("Headline\nBy Mara Quill and Tom Reyes, Harwick Gazette\n", ["Mara Quill", "Tom Reyes"]),
        ("Headline\nBy Mara Quill and AP\n", ["Mara Quill"]),
        ('<html><head><meta name="author" content="Lena Marsh">'
         '<meta name="citation_author" content="Marsh, Lena"></head><body>x</body></html>',
         ["Lena Marsh"]),
    ],
)  # fmt: skip
def test_a_clear_byline_or_author_tag_is_read_and_nothing_else(text, authors):
    assert byline_authors(text) == authors


def test_the_authors_given_come_before_the_byline():
    assert proposed_authors(ARTICLE, ["Lena Marsh", " ", ""]) == ["Lena Marsh"]
    assert proposed_authors(ARTICLE, ["", "  "]) == ["Mara Quill", "Tom Reyes"]


def _bibtex(session, document_id: int) -> str:
    return export(session, "bibtex", claim_ids=[], document_ids=[document_id]).content


def _read(auth, **fields: str):
    form = {"title": "Harbour reopens after the storm", "doc_type": "news_article", "text": ARTICLE}
    return auth.post("/intake/", {**form, **fields})


def test_authors_typed_in_the_form_are_recorded_and_exported(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = client.get("/intake/").get_data(as_text=True)
    assert 'name="authors"' in form and "Authors" in form
    review = _read(auth, authors="Quill, Mara\nLena Marsh\n")
    assert review.status_code == 200
    sent = _form_defaults(review.get_data(as_text=True))
    assert sent["authors"].strip().splitlines() == ["Quill, Mara", "Lena Marsh"]
    response = auth.post("/intake/confirm", sent)
    assert response.status_code == 302, response.get_data(as_text=True)
    session.rollback()
    document = session.scalar(select(Document))
    assert recorded_authors(session, document.id) == ["Mara Quill", "Lena Marsh"]
    assert "author = {Quill, Mara and Marsh, Lena}" in _bibtex(session, document.id)
    apa = export(session, "apa", claim_ids=[], document_ids=[document.id], output="text").content
    assert apa.startswith("Quill, M., & Marsh, L.")


def test_the_byline_is_proposed_and_what_the_reviewer_leaves_is_recorded(
    client, auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    sent = _form_defaults(_read(auth).get_data(as_text=True))
    assert sent["authors"].strip().splitlines() == ["Mara Quill", "Tom Reyes"]
    response = auth.post("/intake/confirm", {**sent, "authors": "Mara Quill\n"})  # one removed
    assert response.status_code == 302
    session.rollback()
    document = session.scalar(select(Document))
    assert recorded_authors(session, document.id) == ["Mara Quill"]


def test_too_many_authors_are_refused_beside_the_field_and_kept(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    sent = _form_defaults(_read(auth).get_data(as_text=True))
    many = "\n".join(f"Writer {n}" for n in range(101))
    refused = auth.post("/intake/confirm", {**sent, "authors": many})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "at most 100 authors" in page
    assert _form_defaults(page)["authors"].strip() == many
    assert session.scalar(select(func.count(Document.id))) == 0


def test_a_recorded_article_keeps_its_authors_and_the_page_says_so(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    make.document(title="Harbour reopens after the storm", url="https://port.example/harbour",
                  authors=["Lena Marsh"])  # fmt: skip
    session.commit()
    auth.login("ed@example.org")
    review = _read(auth, url="https://port.example/harbour")
    page = review.get_data(as_text=True)
    assert "It keeps its recorded authors" in page and "(Lena Marsh)" in page
    response = auth.post("/intake/confirm", _form_defaults(page), follow_redirects=True)
    assert "The recorded document keeps its authors (Lena Marsh)" in response.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(Document.id))) == 1
    document = session.scalar(select(Document))
    assert recorded_authors(session, document.id) == ["Lena Marsh"]


def test_a_long_article_read_in_the_background_keeps_its_authors(client, auth, make, session):
    from factdb.intake.jobs import BACKGROUND_WORDS

    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    long_text = ARTICLE + "\nThe tide turned and the gulls circled the quay.\n" * (
        BACKGROUND_WORDS // 8
    )
    response = auth.post("/intake/", {"title": "Harbour reopens", "doc_type": "news_article",
                                      "text": long_text, "authors": ""})  # fmt: skip
    assert response.status_code == 302 and "/intake/reading/" in response.location
    job = session.scalar(select(Job))
    assert job.params["authors"] == "Mara Quill\nTom Reyes"


def _ingest(app, database_url, monkeypatch, tmp_path, *options: str, text: str = ARTICLE):
    from factdb.cli import main

    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_records_each_author_given(app, database_url, monkeypatch, tmp_path, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    output = _ingest(app, database_url, monkeypatch, tmp_path, "--author", "Quill, Mara",
                     "--author", "Lena Marsh", "--as", "ed@example.org")  # fmt: skip
    assert "by Quill, Mara; Lena Marsh" in output
    session.rollback()
    document = session.scalar(select(Document))
    assert recorded_authors(session, document.id) == ["Mara Quill", "Lena Marsh"]
    assert "author = {Quill, Mara and Marsh, Lena}" in _bibtex(session, document.id)


def test_ingest_takes_the_byline_shows_it_in_a_dry_run_and_keeps_recorded_authors(
    app, database_url, monkeypatch, tmp_path, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    run = (app, database_url, monkeypatch, tmp_path)
    dry = _ingest(*run, "--dry-run")
    assert "AUTHOR Mara Quill\nAUTHOR Tom Reyes\n" in dry
    payload = json.loads(_ingest(*run, "--dry-run", "--format", "json"))
    assert payload["authors"] == ["Mara Quill", "Tom Reyes"]
    assert session.scalar(select(func.count(Document.id))) == 0
    _ingest(*run, "--as", "ed@example.org")
    session.rollback()
    document = session.scalar(select(Document))
    assert recorded_authors(session, document.id) == ["Mara Quill", "Tom Reyes"]
    again = _ingest(*run, "--author", "Lena Marsh", "--as", "ed@example.org")
    assert "keeps its authors (Mara Quill; Tom Reyes)" in again and "(Lena Marsh)" in again
    session.rollback()
    assert recorded_authors(session, document.id) == ["Mara Quill", "Tom Reyes"]
    assert session.scalar(select(func.count(Document.id))) == 1


def test_a_phrase_byline_records_no_author(app, database_url, monkeypatch, tmp_path, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    text = ARTICLE.replace("By Mara Quill and Tom Reyes", "By Popular Demand")
    output = _ingest(app, database_url, monkeypatch, tmp_path, "--as", "ed@example.org", text=text)
    assert "Recorded document #" in output and " by " not in output.split(" with ")[0]
    session.rollback()
    assert recorded_authors(session, session.scalar(select(Document)).id) == []


def test_another_outlets_article_of_the_same_title_is_another_document(
    app, database_url, monkeypatch, tmp_path, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    run = (app, database_url, monkeypatch, tmp_path)
    first = _ingest(*run, "--url", "https://a.example/pier", "--published", "2026-05-01",
                    "--as", "ed@example.org")  # fmt: skip
    other = ARTICLE.replace("By Mara Quill and Tom Reyes", "By Lena Marsh")
    second = _ingest(*run, "--url", "https://b.example/news/pier", "--published", "2026-05-03",
                     "--as", "ed@example.org", text=other)  # fmt: skip
    assert first.startswith("Recorded document #1") and second.startswith("Recorded document #2")
    # The same page linked otherwise, or the same title and year with no address, is the same.
    again = _ingest(*run, "--url", "HTTPS://A.example/pier/?utm_source=x", "--as", "ed@example.org")
    bare = _ingest(*run, "--published", "2026-05-01", "--as", "ed@example.org")
    assert again.startswith("Added to document #1") and bare.startswith("Added to document #")
    session.rollback()
    assert session.scalar(select(func.count(Document.id))) == 2
