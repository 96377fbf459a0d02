"""Export, then import: every field a format and the document share comes back unchanged.

The table in README.md ("Round trip") is this test's ROUND_TRIP: a field listed for a format
must survive export → import exactly; the test fails if one does not, or if a field not
listed starts to (so the table stays true). Straight quotation marks in a title go out to
BibTeX as LaTeX's opening and closing marks and come back as the marks those print: the same
quotation, so titles are compared with their quotation marks made plain.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.models import Document
from tests import golden_set

FIELDS = [
    "title", "doc_type", "authors", "container_title", "publisher", "published", "undated",
    "url", "doi", "accessed", "archive_url", "language",
]  # fmt: skip
ROUND_TRIP = {
    "csl-json": set(FIELDS),
    "bibtex": set(FIELDS) - {"undated"},
    "biblatex": set(FIELDS) - {"undated"},
    "ris": set(FIELDS) - {"undated"},
}


def _authors(names) -> list[tuple[str, str, str, str]]:
    return [
        (a.name, (a.kind.is_person and "person") or "organisation", a.family, a.given)
        for a in names
    ]


#: Typographic quotation marks as the straight ones typed.
_PLAIN_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _from_document(document: Document) -> dict:
    values = {name: getattr(document, name) for name in FIELDS if name != "authors"}
    values["title"] = values["title"].translate(_PLAIN_MARKS)
    values["authors"] = [
        (a.source.name, "person" if a.source.kind.is_person else "organisation",
         a.source.family_name if a.source.kind.is_person else "", a.source.given_name if a.source.kind.is_person else "")
        for a in document.authors
    ]  # fmt: skip
    return values


def _from_reference(reference: importer.Reference) -> dict:
    values = {name: getattr(reference.document, name) for name in FIELDS if name != "authors"}
    values["title"] = values["title"].translate(_PLAIN_MARKS)
    values["authors"] = _authors(reference.authors)
    return values


@pytest.mark.parametrize("name", list(ROUND_TRIP))
def test_every_shared_field_survives_export_and_import(session, make, name):
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from factdb.models import DocumentAuthor

    ids = golden_set.build(make)
    content = export(session, name, claim_ids=[], document_ids=ids).content
    references = importer.parse(content, name)
    documents = session.scalars(
        select(Document).where(Document.id.in_(ids)).order_by(Document.id)
        .options(selectinload(Document.authors).selectinload(DocumentAuthor.source))
    ).all()  # fmt: skip
    assert len(references) == len(documents)
    survived = {field: True for field in FIELDS}
    for document, reference in zip(documents, references, strict=True):
        before, after = _from_document(document), _from_reference(reference)
        for field in FIELDS:
            if before[field] != after[field]:
                survived[field] = False
                assert field not in ROUND_TRIP[name], (
                    name,
                    document.title,
                    field,
                    before[field],
                    after[field],
                )
    assert {field for field, ok in survived.items() if ok} == ROUND_TRIP[name]


#: The bibliographic fields, over the kinds of documents that carry them (bibliographic_set).
BIBLIOGRAPHIC = [
    "doc_type", "container_title", "publisher", "volume", "issue", "pages", "section", "edition",
    "event", "place", "number", "isbn", "issn", "series",
]  # fmt: skip
BIBLIOGRAPHIC_ROUND_TRIP = {
    "csl-json": set(BIBLIOGRAPHIC),
    "bibtex": set(BIBLIOGRAPHIC),
    # BibLaTeX has no field for a newspaper's section, and biber's data model allows no
    # number on the @misc that a legal case or a law becomes.
    "biblatex": set(BIBLIOGRAPHIC) - {"section", "number"},
    # RIS has no tag Zotero reads as the event or as a report's or bill's number.
    "ris": set(BIBLIOGRAPHIC) - {"event", "number"},
}


@pytest.mark.parametrize("name", list(BIBLIOGRAPHIC_ROUND_TRIP))
def test_bibliographic_fields_and_types_survive_export_and_import(session, make, name):
    from sqlalchemy import select

    from tests import bibliographic_set

    ids = bibliographic_set.build(make)
    content = export(session, name, claim_ids=[], document_ids=ids).content
    references = importer.parse(content, name)
    documents = session.scalars(select(Document).where(Document.id.in_(ids)).order_by(Document.id))
    survived = dict.fromkeys(BIBLIOGRAPHIC, True)
    lost = []
    for document, reference in zip(documents, references, strict=True):
        for field in BIBLIOGRAPHIC:
            before, after = getattr(document, field), getattr(reference.document, field)
            if before != after:
                survived[field] = False
                lost.append((document.doc_type.value, field, before, after))
    assert {field for field, ok in survived.items() if ok} == BIBLIOGRAPHIC_ROUND_TRIP[name], lost


EXTRA_FILES = {
    "bibtex": (
        "@article{marten2024drones,\n  author = {Marten, Ilse},\n  title = {Drones},\n"
        "  journal = {Journal of Northern Security Studies},\n  year = {2024},\n"
        "  keywords = {drones, airspace},\n  abstract = {What the drones did.}\n}\n"
    ),
    "ris": (
        "TY  - JOUR\r\nTI  - Drones\r\nAU  - Marten, Ilse\r\nT2  - Journal of Northern Security Studies\r\n"
        "PY  - 2024\r\nKW  - drones\r\nKW  - airspace\r\nAB  - What the drones did.\r\nER  - \r\n"
    ),
    "csl-json": (
        '[{"id": "marten2024drones", "type": "article-journal", "title": "Drones",'
        ' "container-title": "Journal of Northern Security Studies", "issued": {"date-parts": [[2024]]},'
        ' "abstract": "What the drones did.", "number-of-pages": "320",'
        ' "keyword": "drones, airspace"}]'
    ),
}
#: What each file carries that the document has no field for, as the file names it.
EXTRA_FIELDS = {
    "bibtex": {"keywords": "drones, airspace", "abstract": "What the drones did."},
    "ris": {"KW": "drones\nairspace", "AB": "What the drones did."},
    "csl-json": {"abstract": "What the drones did.", "number-of-pages": "320", "keyword": "drones, airspace"},
}  # fmt: skip


@pytest.mark.parametrize("name", list(EXTRA_FILES))
def test_fields_the_document_lacks_are_kept_and_written_back(session, make, name):
    """Import a file, export it in the same format, import that: the unknown fields are there."""
    from factdb.importer import import_references

    user = make.user()
    import_references(session, user, EXTRA_FILES[name].encode(), format_name=name)
    session.commit()
    document = session.scalars(select(Document).where(Document.title == "Drones")).one()
    prefix = "csl" if name == "csl-json" else name
    # The file's own citation key is kept beside the fields (RIS gives none here).
    key = {} if name == "ris" else {"citation-key": "marten2024drones"}
    assert document.extra == key | {
        f"{prefix}.{key}": value for key, value in EXTRA_FIELDS[name].items()
    }
    content = export(session, name, claim_ids=[], document_ids=[document.id]).content
    (reference,) = importer.parse(content, name)
    # An RIS export carries the key it cites the document by as its ID.
    made = {"citation-key": "marten2024drones"} if name == "ris" else {}
    assert reference.document.extra == document.extra | made


def test_fields_kept_from_one_format_travel_through_csl_json(session, make):
    """BibTeX's keywords survive BibTeX → factdb → CSL-JSON → factdb → BibTeX."""
    from factdb.importer import import_references

    user = make.user()
    import_references(session, user, EXTRA_FILES["bibtex"].encode(), format_name="bibtex")
    session.commit()
    document = session.scalars(select(Document).where(Document.title == "Drones")).one()
    csl = export(session, "csl-json", claim_ids=[], document_ids=[document.id]).content
    (reference,) = importer.parse(csl, "csl-json")
    assert reference.document.extra == document.extra
