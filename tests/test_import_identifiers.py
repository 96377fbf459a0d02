"""Two works with different DOIs (or ISBNs) are two documents, whatever their title and year.

A preprint and its published version, an article and its erratum share a title and a year;
their identifiers tell them apart. A URL is no such identifier: one work has many addresses.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from factdb import importer
from factdb.importer import bibtex
from factdb.models import Document
from factdb.text import doi_key


def _entry(key: str, doi: str = "", isbn: str = "", url: str = "") -> str:
    fields = [
        "title = {Tidal Ranges of the Brannock Estuary}",
        "author = {Quillon, Ada}",
        "journal = {Estuary Letters}",
        "year = {2021}",
    ]
    fields += [f"doi = {{{doi}}}"] if doi else []
    fields += [f"isbn = {{{isbn}}}"] if isbn else []
    fields += [f"url = {{{url}}}"] if url else []
    return f"@article{{{key},\n  " + ",\n  ".join(fields) + "\n}\n"


def _plan(session, text: str) -> list[tuple[str, str]]:
    items, _ = importer.import_references(
        session, None, text.encode(), format_name="bibtex", dry_run=True
    )
    return [(item.action, item.reason) for item in items]


def test_a_recorded_work_with_another_doi_is_not_matched_by_title_and_year(session):
    importer.import_references(
        session, None, _entry("a", doi="10.5555/gen.1").encode(), format_name="bibtex"
    )
    session.commit()
    assert _plan(session, _entry("b", doi="10.5555/xgen.1")) == [("create", "")]
    assert _plan(session, _entry("c", doi="10.5555/GEN.1")) == [("match", "DOI")]
    # Only one side with a DOI: the title and year still match.
    assert _plan(session, _entry("d")) == [("match", "title and year")]


def test_two_entries_of_one_file_with_other_dois_are_two_documents(session):
    text = _entry("a", doi="10.5555/gen.1") + _entry("b", doi="10.5555/xgen.1")
    assert _plan(session, text) == [("create", ""), ("create", "")]


def test_other_isbns_are_other_works_and_an_isbn_in_common_is_the_same(session):
    importer.import_references(
        session, None, _entry("a", isbn="978-0-306-40615-7").encode(), format_name="bibtex"
    )
    session.commit()
    assert _plan(session, _entry("b", isbn="978-1-4028-9462-6")) == [("create", "")]
    # The same ISBN written as ISBN-10, or among others, is the same book.
    assert _plan(session, _entry("c", isbn="0-306-40615-2")) == [("match", "title and year")]
    assert _plan(session, _entry("d", isbn="9781402894626, 9780306406157")) == [
        ("match", "title and year")
    ]


def test_the_same_doi_at_another_address_is_still_the_same_work(session):
    importer.import_references(
        session,
        None,
        _entry("a", doi="10.5555/gen.1", url="https://estuary.example/a").encode(),
        format_name="bibtex",
    )
    session.commit()
    assert _plan(session, _entry("b", url="https://mirror.example/a")) == [
        ("match", "title and year")
    ]


DOI_FORMS = [
    "10.5555/GEN.1",
    "https://doi.org/10.5555/GEN.1",
    "http://dx.doi.org/10.5555/gen.1",
    "https://www.doi.org/10.5555/gen.1",
    "doi.org/10.5555/gen.1",
    "doi:10.5555/gen.1",
    "DOI 10.5555/gen.1",
    "DOI: 10.5555/gen.1",
    "10.5555%2Fgen.1",
    "https://doi.org/10.5555%2FGEN.1",
]


@pytest.mark.parametrize("written", DOI_FORMS)
def test_a_doi_is_read_bare_whatever_its_prefix_or_encoding(written):
    assert doi_key(written) == "10.5555/gen.1"
    assert bibtex.doi(written).casefold() == "10.5555/gen.1"


@pytest.mark.parametrize("stored", DOI_FORMS)
def test_a_stored_doi_with_a_prefix_is_the_same_work_as_the_bare_one(session, stored):
    # The document form, the API and capture keep a DOI as it was typed.
    importer.import_references(
        session, None, _entry("a", doi="10.5555/gen.1").encode(), format_name="bibtex"
    )
    session.execute(update(Document).values(doi=stored))
    session.commit()
    assert _plan(session, _entry("b", doi="10.5555/gen.1")) == [("match", "DOI")]
    assert _plan(session, _entry("c", doi="https://www.doi.org/10.5555/GEN.1")) == [
        ("match", "DOI")
    ]
    # Another title and year: the DOI alone still finds it; another DOI is still another work.
    other = _entry("d", doi="DOI 10.5555/gen.1").replace("2021", "2011")
    assert _plan(session, other) == [("match", "DOI")]
    assert _plan(session, _entry("e", doi="10.5555/gen.12")) == [("create", "")]


def test_two_entries_of_one_file_with_one_doi_written_two_ways_are_one_document(session):
    text = _entry("a", doi="doi.org/10.5555/gen.1") + _entry("b", doi="10.5555%2FGEN.1")
    assert _plan(session, text) == [("create", ""), ("match", "earlier in this file")]
