"""A subtitle survives every export, and a document keeps its type when it has no author."""

from __future__ import annotations

import json
import subprocess

import pypandoc
import rispy

from factdb import importer
from factdb.export import export
from factdb.vocab import DocumentType

_GUIDE = """@book{harbourguide,
  title = {Harbour guide},
  subtitle = {for first-time sailors},
  location = {Vesterhavn},
  publisher = {Northvale Press},
  year = {2012},
}
"""


def _pandoc(reader: str, text: str) -> list[dict]:
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", reader, "-t", "csljson"],
        input=text, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def _imported(session) -> None:
    importer.import_references(session, None, _GUIDE.encode(), format_name="bibtex")
    session.commit()


def test_a_subtitle_is_joined_where_a_format_has_no_field_for_it(session):
    _imported(session)
    assert "harbour guide: for first-time sailors" in export(session, "apa").content.casefold()
    assert json.loads(export(session, "csl-json").content)[0]["title"] == (
        "Harbour guide: for first-time sailors"
    )
    (entry,) = rispy.loads(export(session, "ris").content)
    assert entry["title"] == "Harbour guide: for first-time sailors"
    bibtex = export(session, "bibtex").content
    assert "title = {Harbour guide: for first-time sailors}" in bibtex
    assert "subtitle" not in bibtex


def test_biblatex_keeps_the_subtitle_in_its_own_field(session):
    _imported(session)
    biblatex = export(session, "biblatex").content
    assert "title = {Harbour guide},\n" in biblatex
    assert "subtitle = {for first-time sailors}" in biblatex
    (item,) = _pandoc("biblatex", biblatex)
    assert item["title"] == "Harbour guide: For first-time sailors"


def test_a_book_without_an_author_stays_a_book(session):
    _imported(session)
    for name in ("bibtex", "biblatex"):
        written = export(session, name).content
        assert written.startswith("@book{harbourguide,"), written
        assert "publisher = {Northvale Press}" in written and "organization" not in written


def test_a_news_article_without_a_byline_keeps_its_outlet_and_full_date(session, make):
    make.document(
        "Ferry fares rise",
        doc_type=DocumentType.NEWS_ARTICLE,
        container_title="Harbour Gazette",
        published="1995-04-02",
    )
    bibtex = export(session, "bibtex").content
    assert bibtex.startswith("@article{") and "journal = {Harbour Gazette}" in bibtex
    assert "howpublished" not in bibtex
    for reader, written in (("bibtex", bibtex), ("biblatex", export(session, "biblatex").content)):
        (item,) = _pandoc(reader, written)
        assert item["type"] == "article-newspaper", (reader, written)
        assert item["container-title"] == "Harbour Gazette"
        assert item["issued"]["date-parts"] == [[1995, 4, 2]]
    assert "(1995, April 2)" in export(session, "apa").content
