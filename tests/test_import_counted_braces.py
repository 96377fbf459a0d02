"""Braces after a backslash count as BibTeX counts them in an entry that needs it (Mendeley's
`{\\\\\\}` line breaks), so that such an entry no longer refuses the whole file."""

from __future__ import annotations

from sqlalchemy import select

from factdb import importer
from factdb.models import Document

#: As Mendeley Desktop writes a title's line break and an ISBN it could not read.
MENDELEY = r"""@article{quill2014,
    title = {{Tide tables for{\\\}small harbours}},
    author = {Quill, Mara},
    isbn = {{2171-679X|escape{\}}},
    journal = {Harbour Review},
    year = {2014}
}

@article{reyes2016,
    title = {{Gull counts after the storm}},
    author = {Reyes, Tom},
    year = {2016}
}
"""


def test_an_entry_whose_braces_pair_up_as_bibtex_counts_them_is_read():
    reading = importer.read(MENDELEY, "bibtex")
    titles = [reference.document.title for reference in reading.references]
    assert titles == ["Tide tables for small harbours", "Gull counts after the storm"]


def test_escaped_braces_elsewhere_stay_literal_braces():
    text = r"@misc{set, title = {The set \{a, b\} of tides}, year = 2010}" + "\n" + MENDELEY
    titles = [reference.document.title for reference in importer.read(text, "bibtex").references]
    assert titles[0] == "The set {a, b} of tides"


def test_a_brace_that_pairs_up_nowhere_still_refuses_the_file(session):
    broken = MENDELEY.replace("{\\\\\\}small", "{\\\\\\}}small")
    reading = None
    try:
        reading = importer.read(broken, "bibtex")
    except importer.ImportFailed as error:
        assert "line 1 (quill2014)" in error.message
    assert reading is None


def test_the_file_imports_whole(session):
    importer.import_references(session, None, MENDELEY.encode(), filename="mendeley.bib")
    session.commit()
    assert len(session.scalars(select(Document)).all()) == 2
