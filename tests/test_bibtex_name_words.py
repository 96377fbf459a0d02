"""A name part that holds the word "and" or a comma is braced in the .bib exports.

BibTeX splits a name list at " and " in any case and a name at its commas: a family name
braced in the imported file (`{And Vell}, O`, as a reference manager wrote it) was written
back bare, and biber read the list as an empty name and left the whole entry out.
"""

from __future__ import annotations

import json

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors

from factdb import importer
from factdb.export import export
from tests.test_export_consumers import biber_warnings, needs_biber

LIBRARY = (
    "@book{quill2008, author = {Quill, Mara and {And Vell}, Oriane and {Tern, Gull and Co}},"
    " title = {Harbour ledgers}, publisher = {Northport Press}, year = {2008}}\n"
)


def _imported(session) -> None:
    importer.import_references(session, None, LIBRARY.encode(), format_name="bibtex")
    session.commit()


@pytest.mark.parametrize("format_name", ["bibtex", "biblatex"])
def test_each_name_is_one_name_again(session, format_name):
    _imported(session)
    bib = export(session, format_name).content
    library = bibtexparser.parse_string(bib, append_middleware=[SeparateCoAuthors()])
    (entry,) = library.entries
    assert len(entry["author"]) == 3, entry["author"]
    assert entry["author"][1] == "{And Vell}, Oriane"


def test_the_csl_json_keeps_the_family_name(session):
    _imported(session)
    (item,) = json.loads(export(session, "csl-json").content)
    assert item["author"][1] == {"family": "And Vell", "given": "Oriane"}


@needs_biber
def test_biber_keeps_the_entry(session, tmp_path):
    _imported(session)
    warnings = biber_warnings(export(session, "biblatex").content, tmp_path)
    assert not [w for w in warnings if "Name in key" in w or "skipping entry" in w], warnings
