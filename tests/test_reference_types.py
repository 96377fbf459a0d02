"""Patents, multi-volume works and reference works keep their type and fields in every format.

These were read as Other and exported as @misc, where biber's data model refuses a patent's
holder, a work's volume count and its other editors. The expected texts are written out
(golden style), every export is read back by an independent parser and by factdb, and
biber's data model check finds nothing to warn of.
"""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.models import Document
from factdb.vocab import DocumentType
from tests.test_export_consumers import biber_warnings

LIBRARY = r"""
@patent{quill:gate,
  author = {Quill, Mara and Brisk, Odo},
  title = {Tide-driven lock gate for small harbours},
  number = {EP 4012345},
  date = {2024-02-07},
  holder = {{Gull Harbour Works}},
  type = {patenteu},
  location = {Norvania},
}
@mvcollection{tern:atlas,
  editor = {Tern, Ina},
  editora = {Skerry, Bo},
  editoratype = {redactor},
  title = {Atlas of the Northern Harbours},
  date = {2018},
  volumes = {3},
  publisher = {Gull Press},
  location = {Port Alba},
}
@inreference{gull:ferry,
  author = {Gull, Ada},
  editor = {Tern, Ina},
  title = {Ferry},
  booktitle = {Encyclopedia of Harbour Life},
  publisher = {Gull Press},
  date = {2020},
  pages = {112--114},
}
@periodical{harbour:quarterly,
  title = {Harbour Quarterly},
  issuetitle = {Lock gates},
  year = {2022},
}
"""

BIBLATEX = """\
@patent{quill:gate,
  author = {Quill, Mara and Brisk, Odo},
  title = {Tide-driven lock gate for small harbours},
  date = {2024-02-07},
  location = {Norvania},
  number = {EP 4012345},
  type = {patenteu},
  holder = {{Gull Harbour Works}}
}
"""

BIBTEX = """\
@patent{quill:gate,
  author = {Quill, Mara and Brisk, Odo},
  title = {Tide-driven lock gate for small harbours},
  year = {2024},
  month = feb,
  day = {7},
  address = {Norvania},
  number = {EP 4012345},
  type = {patenteu},
  holder = {{Gull Harbour Works}}
}
"""

RIS = (
    "TY  - PAT\r\n"
    "TI  - Tide-driven lock gate for small harbours\r\n"
    "AU  - Quill, Mara\r\n"
    "AU  - Brisk, Odo\r\n"
    "PY  - 2024\r\n"
    "DA  - 2024/02/07/\r\n"
    "IS  - EP 4012345\r\n"
    "CY  - Norvania\r\n"
    "ID  - quill:gate\r\n"
    "ER  - \r\n"
)

CSL_JSON = """\
[
{"id": "quill:gate", "type": "patent", "title": "Tide-driven lock gate for small harbours", "author": [{"family": "Quill", "given": "Mara"}, {"family": "Brisk", "given": "Odo"}], "publisher-place": "Norvania", "number": "EP 4012345", "issued": {"date-parts": [[2024, 2, 7]]}, "custom": {"factdb-document-id": 1, "extra": {"citation-key": "quill:gate", "bibtex.type": "patenteu", "bibtex.holder": "{Gull Harbour Works}"}}}
]
"""

MULTI_VOLUME = """\
@collection{tern:atlas,
  editor = {Tern, Ina},
  title = {Atlas of the Northern Harbours},
  publisher = {Gull Press},
  date = {2018},
  location = {Port Alba},
  editora = {Skerry, Bo},
  editoratype = {redactor},
  volumes = {3}
}
"""

PERIODICAL = """\
@misc{harbour:quarterly,
  title = {Harbour Quarterly},
  date = {2022}
}
"""


@pytest.fixture
def library(session) -> dict[str, Document]:
    """The library imported; its documents by citation key."""
    importer.import_references(session, None, LIBRARY.encode(), format_name="bibtex")
    documents = session.scalars(select(Document)).all()
    return {document.extra["citation-key"]: document for document in documents}


def _export(session, name: str, document: Document) -> str:
    return export(session, name, claim_ids=[], document_ids=[document.id]).content


def test_the_types_are_read_as_patent_book_chapter_and_other(library):
    assert library["quill:gate"].doc_type is DocumentType.PATENT
    assert library["quill:gate"].number == "EP 4012345"
    assert library["quill:gate"].place == "Norvania"
    assert library["tern:atlas"].doc_type is DocumentType.BOOK
    assert library["tern:atlas"].extra["bibtex.volumes"] == "3"
    assert library["gull:ferry"].doc_type is DocumentType.CHAPTER
    assert library["gull:ferry"].container_title == "Encyclopedia of Harbour Life"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("biblatex", BIBLATEX), ("bibtex", BIBTEX), ("ris", RIS), ("csl-json", CSL_JSON)],
)
def test_a_patent_in_every_format(session, library, name, expected):
    assert _export(session, name, library["quill:gate"]) == expected


def test_a_multi_volume_work_is_an_edited_book_with_its_volume_count(session, library):
    assert _export(session, "biblatex", library["tern:atlas"]) == MULTI_VOLUME


def test_a_field_biber_refuses_on_the_type_is_kept_but_not_written(session, library):
    """A periodical is Other (a @misc), which takes no issue title: kept, and in CSL-JSON."""
    assert _export(session, "biblatex", library["harbour:quarterly"]) == PERIODICAL
    assert library["harbour:quarterly"].extra["bibtex.issuetitle"] == "Lock gates"
    assert "Lock gates" in _export(session, "csl-json", library["harbour:quarterly"])


def test_independent_parsers_read_the_patent(session, library):
    from citeproc.source.json import CiteProcJSON

    for name in ("biblatex", "bibtex"):
        (entry,) = bibtexparser.parse_string(_export(session, name, library["quill:gate"])).entries
        assert entry.entry_type == "patent"
        assert entry.fields_dict["number"].value == "EP 4012345"
        assert entry.fields_dict["holder"].value == "{Gull Harbour Works}"
    (record,) = rispy.loads(_export(session, "ris", library["quill:gate"]))
    assert record["type_of_reference"] == "PAT" and record["number"] == "EP 4012345"
    items = json.loads(_export(session, "csl-json", library["quill:gate"]))
    source = CiteProcJSON([{k: v for k, v in item.items() if k != "custom"} for item in items])
    assert str(source["quill:gate"]["number"]) == "EP 4012345"
    assert source["quill:gate"]["type"] == "patent"


@pytest.mark.parametrize("name", ["biblatex", "bibtex", "ris", "csl-json"])
def test_each_export_imports_again_as_the_same_patent(session, library, name):
    (reference,) = importer.parse(_export(session, name, library["quill:gate"]), name)
    assert reference.document.doc_type is DocumentType.PATENT
    assert reference.document.number == "EP 4012345"
    assert reference.document.place == "Norvania"
    assert reference.document.published == "2024-02-07"
    assert [author.name for author in reference.authors] == ["Mara Quill", "Odo Brisk"]


def test_a_ris_patent_and_a_csl_patent_are_read_as_patents(session):
    ris = (
        "TY  - PAT\r\nTI  - Ferry ramp hinge\r\nAU  - Brisk, Odo\r\nIS  - US 9999001\r\nER  - \r\n"
    )
    (reference,) = importer.parse(ris, "ris")
    assert reference.document.doc_type is DocumentType.PATENT
    assert (reference.document.number, reference.document.issue) == ("US 9999001", "")
    csl = '[{"id": "hinge", "type": "patent", "title": "Ferry ramp hinge", "number": "US 9999001",'
    csl += ' "authority": "Norvanian Patent Office"}]'
    (reference,) = importer.parse(csl, "csl-json")
    assert reference.document.doc_type is DocumentType.PATENT
    assert reference.document.number == "US 9999001"
    # The issuing office has no column: kept, and written back to CSL-JSON.
    importer.import_references(session, None, csl.encode(), format_name="csl-json")
    (item,) = json.loads(export(session, "csl-json").content)
    assert (item["type"], item["authority"]) == ("patent", "Norvanian Patent Office")


def test_biber_finds_nothing_to_warn_of_in_the_biblatex_export(session, library, tmp_path):
    ids = [document.id for document in library.values()]
    bib = export(session, "biblatex", claim_ids=[], document_ids=ids).content
    assert biber_warnings(bib, tmp_path) == []


def test_in_bibtex_biber_warns_only_of_the_edited_book(session, library, tmp_path):
    """BibTeX's @book takes an editor in place of an author (plain.bst prints it); biber's
    model wants an author, as it does for every edited book exported to BibTeX."""
    ids = [document.id for document in library.values()]
    bib = export(session, "bibtex", claim_ids=[], document_ids=ids).content
    assert biber_warnings(bib, tmp_path) == [
        "WARN - Datamodel: Entry 'tern:atlas' (refs.bib): Missing mandatory field 'author'"
    ]


def test_an_organisation_in_a_kept_name_list_stays_one_name(session):
    """Unbraced, biber would read "Gull Harbour Works" as a person called Works."""
    bib = (
        "@patent{brisk:hinge, author = {Brisk, Odo}, title = {Ferry ramp hinge},"
        " number = {US 9999001}, date = {2019},"
        " holder = {{Tern and Daughters} and Skerry, Bo and {Gull \\& Sons}}}\n"
    )
    importer.import_references(session, None, bib.encode(), format_name="bibtex")
    (document,) = session.scalars(select(Document)).all()
    assert (
        document.extra["bibtex.holder"] == "{Tern and Daughters} and Skerry, Bo and {Gull & Sons}"
    )
    written = export(session, "biblatex").content
    assert "  holder = {{Tern and Daughters} and Skerry, Bo and {Gull \\& Sons}}\n" in written
    (reference,) = importer.parse(written, "bibtex")
    assert reference.extra["holder"] == document.extra["bibtex.holder"]


def test_a_work_s_volume_count_is_written_in_every_format(session, library):
    """BibLaTeX `volumes`, CSL `number-of-volumes` and RIS `NV` say the same."""
    atlas = library["tern:atlas"]
    assert json.loads(_export(session, "csl-json", atlas))[0]["number-of-volumes"] == "3"
    assert "NV  - 3\r\n" in _export(session, "ris", atlas)
    ris = (
        "TY  - BOOK\r\nTI  - Tide tables\r\nAU  - Brisk, Odo\r\nPB  - Gull Press\r\nPY  - 2015\r\n"
        "NV  - 4\r\nER  - \r\n"
    )
    importer.import_references(session, None, ris.encode(), format_name="ris")
    (tables,) = session.scalars(select(Document).where(Document.title == "Tide tables")).all()
    assert "  volumes = {4}\n" in _export(session, "biblatex", tables)
    assert json.loads(_export(session, "csl-json", tables))[0]["number-of-volumes"] == "4"
    (again,) = importer.parse(_export(session, "bibtex", tables), "bibtex")
    assert again.extra["volumes"] == "4"


def test_a_volume_count_is_not_written_where_biber_refuses_it(session):
    csl = '[{"id": "log", "type": "document", "title": "Harbour log", "number-of-volumes": 2}]'
    importer.import_references(session, None, csl.encode(), format_name="csl-json")
    assert "volumes" not in export(session, "biblatex").content  # a @misc takes none
    assert "NV  - 2\r\n" in export(session, "ris").content
