"""A press release or report with no author is written with the body that issued it as its
corporate author, so biber's data model (which needs an author on a @report) finds nothing
missing, and BibTeX's @techreport, which needs one too, names it."""

from __future__ import annotations

from factdb.export import export
from factdb.vocab import DocumentType
from tests.test_export_consumers import biber_warnings, needs_biber


def _release(make):
    return make.document(
        title="Keswater council opens new ferry pier", doc_type=DocumentType.PRESS_RELEASE,
        publisher="Keswater Borough Council", published="2026-03-04",
        url="https://keswater.example/news/pier",
    )  # fmt: skip


@needs_biber
def test_a_press_release_without_an_author_passes_bibers_data_model(session, make, tmp_path):
    document = _release(make)
    bib = export(session, "biblatex", claim_ids=[], document_ids=[document.id]).content
    assert "  author = {{Keswater Borough Council}}," in bib
    assert biber_warnings(bib, tmp_path) == []


def test_bibtex_names_the_issuer_of_a_report_without_an_author(session, make):
    document = _release(make)
    bib = export(session, "bibtex", claim_ids=[], document_ids=[document.id]).content
    assert bib.startswith("@techreport{") and "  author = {{Keswater Borough Council}}," in bib


def test_a_report_with_its_own_authors_keeps_them(session, make):
    from tests.bibliographic_set import PERSON

    document = make.document(title="Ferry use", doc_type=DocumentType.REPORT, authors=PERSON,
                             publisher="Keswater Borough Council", published="2025")  # fmt: skip
    bib = export(session, "biblatex", claim_ids=[], document_ids=[document.id]).content
    assert "Keswater Borough Council}}" not in bib.split("title")[0]
