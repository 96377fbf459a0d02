"""RIS as EndNote writes it: a DOI in M3, an abstract in N2 or AB, a second ISSN; none dropped."""

from __future__ import annotations

import rispy

from factdb import importer
from factdb.export import export

_ENDNOTE = """TY  - JOUR
ID  - vell:2007:tides
T1  - Tidal law and its limits
JF  - Northern Quarterly
M3  - 10.1080/00000000.2007.123456
A1  - Vell,Oriane
N2  - An abstract of the paper, on
   two lines.
PY  - 2007/02//
ER  -

TY  - JOUR
ID  - brask:2009:ports
T1  - Ports and their keepers
M3  - Original research
AB  - A short abstract.
SN  - 1234-5679 2345-6785
DO  - 10.1080/00000000.2009.1
ER  -
"""


def _references() -> dict[str, importer.Reference]:
    return {reference.key: reference for reference in importer.parse(_ENDNOTE, "ris")}


def test_a_doi_in_m3_is_read_as_the_doi_and_said_so():
    reference = _references()["vell:2007:tides"]
    assert reference.document.doi == "10.1080/00000000.2007.123456"
    assert "ris.M3" not in reference.document.extra
    assert any("M3" in note and "DOI" in note for note in reference.notes), reference.notes


def test_an_m3_that_is_neither_a_type_nor_a_doi_is_kept_under_other_fields():
    reference = _references()["brask:2009:ports"]
    assert reference.document.doi == "10.1080/00000000.2009.1"
    assert reference.document.extra["ris.M3"] == "Original research"


def test_abstracts_are_kept_under_other_fields_and_the_preview_says_so():
    references = _references()
    tides, ports = references["vell:2007:tides"], references["brask:2009:ports"]
    assert tides.document.extra["ris.N2"] == "An abstract of the paper, on two lines."
    assert ports.document.extra["ris.AB"] == "A short abstract."
    for reference, tag in ((tides, "N2"), (ports, "AB")):
        assert any("abstract" in note and tag in note for note in reference.notes), reference.notes


def test_the_ris_export_writes_back_the_doi_abstracts_m3_and_both_issns(session):
    importer.import_references(session, None, _ENDNOTE.encode(), format_name="ris")
    session.commit()
    written = {entry["id"]: entry for entry in rispy.loads(export(session, "ris").content)}
    tides, ports = written["vell:2007:tides"], written["brask:2009:ports"]
    assert tides["doi"] == "10.1080/00000000.2007.123456"
    assert tides["notes_abstract"] == "An abstract of the paper, on two lines."
    assert ports["abstract"] == "A short abstract."
    assert ports["type_of_work"] == "Original research"
    assert ports["issn"] == "1234-5679 2345-6785"
