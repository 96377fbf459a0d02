"""RIS as EndNote writes it: a DOI in M3, an abstract in N2 or AB, a second ISSN; none dropped."""

from __future__ import annotations

import json

import bibtexparser
import pytest
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


_MANAGER = """TY  - Journal Article
AU  - Quill, Marten
PY  - 2011
TI  - Lanterns of the outer harbour
JO  - Coastal Letters
VO  - 8
IS  - 3
SP  - 52
EP  - 57
KW  - lanterns
harbours
night shipping
UR  - https://example.org/lanterns
UR  - https://example.net/mirror/lanterns
AB  - Why harbour lanterns were moved
in the winter of 1890.
ER  -
"""


def test_a_spelt_out_type_a_volume_in_vo_and_keywords_a_line_each_are_read():
    (reference,) = importer.parse(_MANAGER, "ris")
    document = reference.document
    assert document.doc_type.value == "journal_article"
    assert document.volume == "8"
    assert "ris.VO" not in document.extra
    assert document.extra["ris.KW"].splitlines() == ["lanterns", "harbours", "night shipping"]
    assert not any("read as other" in note for note in reference.notes), reference.notes


def test_a_volume_in_both_vl_and_vo_keeps_vo_under_other_fields():
    both = _MANAGER.replace("VO  - 8", "VL  - 9\nVO  - 8")
    (reference,) = importer.parse(both, "ris")
    assert reference.document.volume == "9"
    assert reference.document.extra["ris.VO"] == "8"


def test_every_export_carries_the_abstract_the_keywords_and_the_second_address(session):
    importer.import_references(session, None, _MANAGER.encode(), format_name="ris")
    session.commit()
    (ris,) = rispy.loads(export(session, "ris").content)
    assert ris["type_of_reference"] == "JOUR"
    assert ris["volume"] == "8"
    assert ris["keywords"] == ["lanterns", "harbours", "night shipping"]
    assert ris["urls"] == ["https://example.org/lanterns", "https://example.net/mirror/lanterns"]
    assert ris["abstract"] == "Why harbour lanterns were moved in the winter of 1890."
    (csl,) = json.loads(export(session, "csl-json").content)
    assert csl["abstract"] == "Why harbour lanterns were moved in the winter of 1890."
    assert csl["volume"] == "8"
    assert csl["keyword"] == "lanterns, harbours, night shipping"
    for format_name in ("bibtex", "biblatex"):
        (entry,) = bibtexparser.parse_string(export(session, format_name).content).entries
        assert entry.entry_type == "article", format_name
        assert entry["abstract"] == "Why harbour lanterns were moved in the winter of 1890."
        assert entry["volume"] == "8"
        assert entry["pages"] == "52--57"


def test_a_document_of_no_known_type_is_exported_as_generic_not_an_aggregated_database(session):
    importer.import_references(
        session,
        None,
        _MANAGER.replace("Journal Article", "Map of a coast").encode(),
        format_name="ris",
    )
    session.commit()
    (ris,) = rispy.loads(export(session, "ris").content)
    assert ris["type_of_reference"] == "GEN"


def test_a_refused_entry_is_named_by_its_labelled_ris_id(session):
    too_long = f"TY  - PCOMM\nID  - 954\nTI  - {'Harbour ' * 130}\nPY  - 2011\nER  -\n"
    with pytest.raises(importer.ImportFailed) as refused:
        importer.import_references(
            session, None, (_ENDNOTE + "\n" + too_long).encode(), format_name="ris"
        )
    assert "(ID 954): the title is longer than 1,000 characters" in refused.value.message


#: As a library database's RIS export writes it: each record numbered, and after its ER
#: the journal's abbreviation (NL) and a line of links that belong to no record.
_AFTER_ER = """1.
TY  - JOUR
T1  - Harbour seals and the spring tide
A1  - Marsh, Tove
JF  - Northern Quarterly
Y1  - 2019//
ER  -
NL  - North Q

Link to the full text: https://library.example/full?id=1

2.
TY  - JOUR
T1  - Tern colonies of the outer skerries
A1  - Quill, Mara
JF  - Coastal Birds
Y1  - 2020//
ER  -
NL  - Coast Birds

Link to the full text: https://library.example/full?id=2
"""


def test_lines_a_library_export_writes_after_each_er_keep_every_record():
    """The whole file was refused ("NL outside a record"), though every record was whole."""
    references = importer.parse(_AFTER_ER, "ris")
    assert [reference.document.title for reference in references] == [
        "Harbour seals and the spring tide",
        "Tern colonies of the outer skerries",
    ]
    first = references[0].document.extra
    assert first["ris.NL"].startswith("North Q")
    assert first["ris.NL"].endswith("https://library.example/full?id=1")
    assert references[1].document.extra["ris.NL"].startswith("Coast Birds")


def test_a_tag_before_any_record_is_still_refused():
    with pytest.raises(importer.ImportFailed, match="outside a record"):
        importer.parse("NL  - North Q\n" + _AFTER_ER, "ris")
