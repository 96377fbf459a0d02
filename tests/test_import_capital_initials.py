"""A given name of two or three capitals in RIS or BibTeX is initials: "Fisher, LA" is L. A."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.importer.names import ris_name
from factdb.models import Document

#: Invented records, the initials written as PubMed-fed RIS files give them.
RIS = (
    "TY  - JOUR\r\nAU  - Quenby, LA\r\nAU  - Marrow, DJK\r\nTI  - Tides of the Harwick estuary\r\n"
    "T2  - Estuary Letters\r\nPY  - 2011\r\nER  - \r\n"
)
BIBTEX = (
    "@article{q1, author = {Quenby, LA and Marrow, DJK}, title = {Tides of the Harwick estuary},"
    " journal = {Estuary Letters}, year = {2011}}\n"
)


@pytest.mark.parametrize(
    ("written", "given"),
    [
        ("Quenby, LA", "L. A."),
        ("Quenby, DJK", "D. J. K."),
        ("Quenby, Lea", "Lea"),  # a name, not initials
        ("Quenby, L", "L"),
        ("Quenby, LUCA", "LUCA"),  # four capitals: a name in capitals
        ("QUENBY, ANN", "ANN"),  # the whole name in capitals: the given name is a name
        ("Quenby, ANN", "ANN"),  # three capitals with a vowel may be a name (Ann): kept
        ("Quenby, IAN", "IAN"),
        ("Quenby, AMY", "AMY"),
        ("Quenby, JRR", "J. R. R."),  # no vowel: initials
        ("Quenby, AL", "A. L."),  # two capitals: initials, as PubMed writes them
    ],
)
def test_two_or_three_capitals_are_initials(written, given):
    assert ris_name(written).given == given


@pytest.mark.parametrize(("source", "filename"), [(RIS, "refs.ris"), (BIBTEX, "refs.bib")])
def test_imported_capital_initials_are_cited_as_initials(session, source, filename):
    importer.import_references(session, None, source.encode(), filename=filename)
    session.commit()
    ids = list(session.scalars(select(Document.id)))
    apa = export(session, "apa", claim_ids=[], document_ids=ids, output="text").content
    assert apa.startswith("Quenby, L. A., & Marrow, D. J. K. (2011)."), apa


def test_three_capitals_that_may_be_a_name_are_cited_as_the_citation_tools_cite_them(session):
    """ "Quenby, ANN" was cited "Quenby, A. N. N.": initials invented for a woman called Ann.
    Kept as written, APA gives the one initial BibTeX, citeproc-js and pandoc give."""
    source = RIS.replace("Quenby, LA", "Quenby, ANN")
    importer.import_references(session, None, source.encode(), filename="refs.ris")
    session.commit()
    ids = list(session.scalars(select(Document.id)))
    apa = export(session, "apa", claim_ids=[], document_ids=ids, output="text").content
    assert apa.startswith("Quenby, A., & Marrow, D. J. K. (2011)."), apa
