"""The outlet typed for an article read by the intake goes where the citation form puts it.

A press release's (or report's, book's…) outlet is the body that issued it, its publisher,
so it never cites as "In <outlet>" (factdb.documents.outlet_fields), on every intake path.
"""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from factdb.export import export
from factdb.models import Document
from factdb.vocab import Role
from tests.test_intake import _form_defaults

#: Written for these tests: a council's statement quoting its leader.
RELEASE = """\
Keswater council opens new ferry pier

The pier on the east bank opens to passengers on Monday.

"The pier gives the east bank its ferry back," council leader Orla Penhale said.
"""


def _cited(session, document: Document) -> dict[str, str]:
    def out(fmt: str, **options: str) -> str:
        return export(session, fmt, claim_ids=[], document_ids=[document.id], **options).content

    return {
        "apa": out("apa", output="text"),
        "chicago": out("chicago-author-date", output="markdown"),
        "csl": out("csl-json"),
        "ris": out("ris"),
        "wikipedia": out("wikipedia"),
    }


def _assert_issued_by_publisher(session, document: Document) -> None:
    assert document.publisher == "Keswater Borough Council"
    assert document.container_title == ""
    cited = _cited(session, document)
    assert "In Keswater" not in cited["apa"] and "Keswater Borough Council" in cited["apa"]
    assert "In *Keswater" not in cited["chicago"]
    assert "container-title" not in cited["csl"] and '"publisher"' in cited["csl"]
    assert "T2  -" not in cited["ris"] and "PB  - Keswater Borough Council" in cited["ris"]
    assert "|work=" not in cited["wikipedia"]
    assert "|publisher=Keswater Borough Council" in cited["wikipedia"]


def test_the_intake_form_puts_a_press_releases_outlet_in_its_publisher(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post(
        "/intake/",
        {"title": "Keswater council opens new ferry pier", "doc_type": "press_release",
         "container_title": "Keswater Borough Council", "published": "2026-03-04",
         "text": RELEASE},
    )  # fmt: skip
    assert review.status_code == 200, review.get_data(as_text=True)
    response = auth.post("/intake/confirm", _form_defaults(review.get_data(as_text=True)))
    assert response.status_code == 302, response.get_data(as_text=True)
    session.rollback()
    _assert_issued_by_publisher(session, session.scalar(select(Document)))


def test_the_intake_form_keeps_a_news_articles_outlet_as_its_container(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post(
        "/intake/",
        {"title": "Keswater opens new ferry pier", "doc_type": "news_article",
         "container_title": "Keswater Echo", "text": RELEASE},
    )  # fmt: skip
    auth.post("/intake/confirm", _form_defaults(review.get_data(as_text=True)))
    session.rollback()
    document = session.scalar(select(Document))
    assert (document.container_title, document.publisher) == ("Keswater Echo", "")


def test_ingest_puts_a_press_releases_outlet_in_its_publisher(
    app, database_url, monkeypatch, tmp_path, make, session
):
    from factdb.cli import main

    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    article = tmp_path / "release.txt"
    article.write_text(RELEASE, encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(
        main,
        ["ingest", str(article), "--type", "press_release", "--published", "2026-03-04",
         "--outlet", "Keswater Borough Council", "--as", "ed@example.org"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    session.rollback()
    _assert_issued_by_publisher(session, session.scalar(select(Document)))
