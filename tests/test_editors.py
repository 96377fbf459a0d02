"""Editors of an edited book, a chapter and a conference paper, through import and every export.

Each format names editors its own way: BibTeX `editor` (an edited book stays a `@book`),
BibLaTeX `@collection` / `@incollection` (whose data model requires the editor), RIS `A2` on
a chapter or a paper and `ED` on a book (Zotero reads a book's `A2` as its series editor),
CSL-JSON `editor`. Each export is read again by its own consumer and by factdb's import.
"""

from __future__ import annotations

import json

import pytest
import rispy
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.models import Document
from tests.test_export_consumers import biber_warnings, needs_biber

EDITED = """@book{tidewater2019, editor = {Brannock, Tove and Okonta, Ilse}, title = {Harbour Studies},
 publisher = {Tidewater Press}, address = {Bergen}, year = {2019}}
@incollection{marrow2020tides, author = {Marrow, Ewan}, editor = {Quill, Mara},
 title = {On Tides}, booktitle = {Coastal Essays}, publisher = {Tidewater Press}, year = {2020}}
@inproceedings{vale2021wave, author = {Vale, Tomas}, editor = {Brook, Ada and Stone, Ivo},
 title = {Wave Gauges}, booktitle = {Proceedings of the Harbour Meeting}, year = {2021}}
"""
#: The editors of each document, as CSL names, by title.
EDITORS = {
    "Harbour Studies": [{"family": "Brannock", "given": "Tove"}, {"family": "Okonta", "given": "Ilse"}],
    "On Tides": [{"family": "Quill", "given": "Mara"}],
    "Wave Gauges": [{"family": "Brook", "given": "Ada"}, {"family": "Stone", "given": "Ivo"}],
}  # fmt: skip


def _imported(session) -> list[int]:
    importer.import_references(session, None, EDITED.encode(), filename="edited.bib")
    session.commit()
    return list(session.scalars(select(Document.id).order_by(Document.id)))


def _export(session, name: str, ids: list[int], **options) -> str:
    return export(session, name, claim_ids=[], document_ids=ids, **options).content


def _entry(bib: str, key: str) -> str:
    start = bib.index("{" + key + ",")
    start = bib.rindex("@", 0, start)
    return bib[start : bib.index("\n}\n", start) + 3]


def test_an_edited_book_is_a_bibtex_book_with_its_editors(session):
    bib = _export(session, "bibtex", _imported(session))
    assert _entry(bib, "tidewater2019") == (
        "@book{tidewater2019,\n"
        "  editor = {Brannock, Tove and Okonta, Ilse},\n"
        "  title = {Harbour Studies},\n"
        "  publisher = {Tidewater Press},\n"
        "  year = {2019},\n"
        "  address = {Bergen}\n"
        "}\n"
    )
    assert "editor = {Quill, Mara}" in _entry(bib, "marrow2020tides")
    assert "editor = {Brook, Ada and Stone, Ivo}" in _entry(bib, "vale2021wave")


def test_an_edited_book_is_a_biblatex_collection_and_a_chapter_with_editors_an_incollection(
    session,
):
    bib = _export(session, "biblatex", _imported(session))
    assert _entry(bib, "tidewater2019") == (
        "@collection{tidewater2019,\n"
        "  editor = {Brannock, Tove and Okonta, Ilse},\n"
        "  title = {Harbour Studies},\n"
        "  publisher = {Tidewater Press},\n"
        "  date = {2019},\n"
        "  location = {Bergen}\n"
        "}\n"
    )
    chapter = _entry(bib, "marrow2020tides")
    assert chapter.startswith("@incollection{") and "editor = {Quill, Mara}" in chapter
    assert "booktitle = {Coastal Essays}" in chapter
    paper = _entry(bib, "vale2021wave")
    assert paper.startswith("@inproceedings{") and "editor = {Brook, Ada and Stone, Ivo}" in paper


@needs_biber
def test_biber_finds_every_mandatory_field_of_edited_works(session, tmp_path):
    bib = _export(session, "biblatex", _imported(session))
    assert biber_warnings(bib, tmp_path) == []


def test_ris_names_a_books_editors_in_ed_and_a_chapters_or_papers_in_a2(session):
    ris = _export(session, "ris", _imported(session))
    # rispy knows no ED tag: it keeps the book's editors as an unknown tag, in order.
    book, chapter, paper = rispy.loads(ris)
    assert book["type_of_reference"] == "BOOK" and "authors" not in book
    assert book["unknown_tag"]["ED"] == ["Brannock, Tove", "Okonta, Ilse"]
    assert "secondary_authors" not in book
    assert (chapter["type_of_reference"], chapter["secondary_authors"]) == ("CHAP", ["Quill, Mara"])
    assert (paper["type_of_reference"], paper["secondary_authors"]) == (
        "CONF",
        ["Brook, Ada", "Stone, Ivo"],
    )


def test_apa_and_csl_json_cite_the_editors(session):
    ids = _imported(session)
    items = json.loads(_export(session, "csl-json", ids))
    assert {item["title"]: item["editor"] for item in items} == EDITORS
    apa = _export(session, "apa", ids, output="text")
    assert "Brannock, T., & Okonta, I. (Eds.). (2019). Harbour Studies. Tidewater Press." in apa
    assert "In M. Quill (Ed.), Coastal Essays" in apa


@pytest.mark.parametrize("name", ["bibtex", "biblatex", "ris", "csl-json"])
def test_editors_come_back_from_each_export_and_match_the_documents(session, name):
    ids = _imported(session)
    text = _export(session, name, ids)
    fmt = "bibtex" if name == "biblatex" else name
    read = importer.read(text, fmt).references
    assert {r.document.title: json.loads(r.document.extra["csl.editor"]) for r in read} == EDITORS
    assert all(not r.authors for r in read if r.document.title == "Harbour Studies")
    assert {r.document.doc_type.value for r in read} == {"book", "chapter", "conference_paper"}
    _, result = importer.import_references(session, None, text.encode(), format_name=fmt)
    assert (len(result.created), result.matched) == (0, 3)


def test_ris_editors_are_read_as_zotero_writes_them(session):
    ris = (
        "TY  - BOOK\r\nTI  - Harbour Studies\r\nA3  - Brannock, Tove\r\nA2  - Series, Sid\r\n"
        "PY  - 2019\r\nER  - \r\n\r\n"
        "TY  - CHAP\r\nTI  - On Tides\r\nAU  - Marrow, Ewan\r\nA2  - Quill, Mara\r\n"
        "T2  - Coastal Essays\r\nPY  - 2020\r\nER  - \r\n\r\n"
        "TY  - SLIDE\r\nTI  - Opening Words\r\nA2  - Host, Hana\r\nED  - Quill, Mara\r\n"
        "PY  - 2020\r\nER  - \r\n"
    )
    book, chapter, speech = importer.read(ris, "ris").references
    assert json.loads(book.document.extra["csl.editor"]) == [
        {"family": "Brannock", "given": "Tove"}
    ]
    # On a book A2 is its series editor (as Zotero reads it): kept as it was, no editor.
    assert book.document.extra["ris.A2"] == "Series, Sid" and "ris.A3" not in book.document.extra
    assert json.loads(chapter.document.extra["csl.editor"]) == [
        {"family": "Quill", "given": "Mara"}
    ]
    assert "ris.A2" not in chapter.document.extra
    # A presentation's A2 is its presenter; ED is an editor on any type.
    assert json.loads(speech.document.extra["csl.editor"]) == [{"family": "Quill", "given": "Mara"}]
    assert speech.document.extra["ris.A2"] == "Host, Hana"
