"""A journal article whose file named no journal (a preprint, a Google Scholar snippet) stays an
@article in both .bib exports: a @misc lost its type, and it came back as Other."""

from __future__ import annotations

import pytest

from factdb import importer
from factdb.export import export
from factdb.models import Document
from factdb.vocab import DocumentType

ARTICLE = "@article{tern2019, author = {Tern, Ina}, title = {Gull counts at dusk}, year = 2019}\n"


@pytest.mark.parametrize("format_name", ["bibtex", "biblatex"])
def test_an_article_without_a_journal_is_exported_and_read_back_as_an_article(session, format_name):
    importer.import_references(session, None, ARTICLE.encode(), filename="refs.bib")
    session.commit()
    document = session.query(Document).one()
    assert document.doc_type is DocumentType.JOURNAL_ARTICLE
    content = export(session, format_name).content
    assert content.lstrip().startswith("@article{tern2019,"), content
    again = importer.read(content, "bibtex").references
    assert [reference.document.doc_type for reference in again] == [DocumentType.JOURNAL_ARTICLE]
