"""Keywords and notes kept from one format are written by the others' own fields."""

from __future__ import annotations

import json

import bibtexparser
import rispy
from sqlalchemy import select

from factdb.export import export
from factdb.importer import import_references
from factdb.models import Document

BIB = """@article{holt2024ferries,
  title = {Ferries in Winter},
  author = {Holt, Lena},
  journal = {Harbour Review},
  year = {2024},
  keywords = {harbour; ferries, winter},
  comment = {Checked against the port's timetable.},
}
"""
RIS = (
    """TY  - JOUR
TI  - Ferries in Winter
AU  - Holt, Lena
T2  - Harbour Review
PY  - 2024
KW  - harbour
KW  - ferries
N1  - Checked against the port's timetable.
"""
    + "ER  - \n"
)


def _document(session, make, data: str, format_name: str) -> Document:
    import_references(session, make.user(), data.encode(), format_name=format_name)
    session.commit()
    return session.scalars(select(Document)).one()


def test_bibtex_keywords_and_comment_become_ris_kw_and_n1_and_csl_keyword(session, make):
    document = _document(session, make, BIB, "bibtex")
    ris = export(session, "ris", claim_ids=[], document_ids=[document.id]).content
    (entry,) = rispy.loads(ris)
    assert entry["keywords"] == ["harbour", "ferries", "winter"]
    assert entry["notes"] == ["Checked against the port's timetable."]
    csl = json.loads(export(session, "csl-json", claim_ids=[], document_ids=[document.id]).content)
    assert csl[0]["keyword"] == "harbour, ferries, winter"


def test_ris_keywords_and_notes_become_bibtex_keywords_and_annote(session, make):
    document = _document(session, make, RIS, "ris")
    bib = export(session, "bibtex", claim_ids=[], document_ids=[document.id]).content
    (entry,) = bibtexparser.parse_string(bib).entries
    assert entry["keywords"] == "harbour, ferries"
    assert entry["annote"] == "Checked against the port's timetable."


def test_a_formats_own_field_wins_over_another_formats(session, make):
    """Exported in its own format, a file's keywords are written as they were, not merged."""
    document = _document(session, make, BIB, "bibtex")
    bib = export(session, "bibtex", claim_ids=[], document_ids=[document.id]).content
    (entry,) = bibtexparser.parse_string(bib).entries
    assert entry["keywords"] == "harbour; ferries, winter"
    assert "annote" not in entry.fields_dict
