"""A year open at its end ("1999--", a project still going) was read as 1999 silently, where
"2012a" got a note: the start is kept, and the loss said."""

from __future__ import annotations

import pytest

from factdb import importer


@pytest.mark.parametrize("year", ["2005--", "2005-", "2005 –", "2005—"])
def test_an_open_range_keeps_its_start_with_a_note(year):
    bib = f"@misc{{weirs, title = {{Weir Watch}}, year = {{{year}}}}}\n"
    [reference] = importer.parse(bib, "bibtex")
    assert reference.document.published == "2005"
    [note] = reference.notes
    assert note.startswith("date '2005")
    assert note.endswith("' read as 2005 (a range open at its end, kept its start)")


def test_a_plain_year_has_no_note():
    [reference] = importer.parse("@misc{w, title = {Weir Watch}, year = {2005}}\n", "bibtex")
    assert reference.document.published == "2005" and reference.notes == []


def test_masterthesis_is_read_as_a_masters_thesis():
    bib = "@masterthesis{q, author = {Quill, Ann}, title = {Weirs}, school = {Harwick University}, year = {2012}}\n"
    [reference] = importer.parse(bib, "bibtex")
    assert reference.document.doc_type is importer.DocumentType.THESIS
    assert reference.document.publisher == "Harwick University"
    assert "@masterthesis read as @mastersthesis" in reference.notes
