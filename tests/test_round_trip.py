"""Export, then import: every field a format and the document share comes back unchanged.

The table in README.md ("Round trip") is this test's ROUND_TRIP: a field listed for a format
must survive export → import exactly; the test fails if one does not, or if a field not
listed starts to (so the table stays true).
"""

from __future__ import annotations

import pytest

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


def _from_document(document: Document) -> dict:
    values = {name: getattr(document, name) for name in FIELDS if name != "authors"}
    values["authors"] = [
        (a.source.name, "person" if a.source.kind.is_person else "organisation",
         a.source.family_name if a.source.kind.is_person else "", a.source.given_name if a.source.kind.is_person else "")
        for a in document.authors
    ]  # fmt: skip
    return values


def _from_reference(reference: importer.Reference) -> dict:
    values = {name: getattr(reference.document, name) for name in FIELDS if name != "authors"}
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
