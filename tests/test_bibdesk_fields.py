"""BibDesk's own fields (`Date-Added`, `Date-Modified`, `Bdsk-Url-1`) survive an import and export.

Fields factdb has no column for are kept and written back on export, hyphenated names too;
a BibDesk entry's link is often its only address, and is its URL.
"""

from __future__ import annotations

from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.models import Document
from tests.test_bibtex_fidelity import _biber, needs_biber

#: Invented, written as BibDesk writes an entry: capitalised names, a tab before each field.
BIBDESK = """\
@article{Harlow2016,
\tAuthor = {{Harlow Data Circle}},
\tDate-Added = {2016-10-02 0:00:00 am +0100},
\tDate-Modified = {2018-01-22 0:00:00 am +0100},
\tJournal = {Codeplace},
\tTitle = {Harlow Data Circle Study Guide},
\tYear = {2016},
\tBdsk-Url-1 = {https://harlow.example/study_guide/?a=1&b=2}
}
"""


def _imported(session) -> Document:
    importer.import_references(session, None, BIBDESK.encode(), filename="refs.bib")
    session.commit()
    return session.scalar(select(Document))


def _out(session, fmt: str, document: Document, **options: str) -> str:
    return export(session, fmt, claim_ids=[], document_ids=[document.id], **options).content


def test_bibdesk_fields_are_written_back_in_bibtex_and_biblatex(session):
    document = _imported(session)
    for fmt in ("bibtex", "biblatex"):
        bib = _out(session, fmt, document)
        assert "  date-added = {2016-10-02 0:00:00 am +0100}," in bib, bib
        assert "  date-modified = {2018-01-22 0:00:00 am +0100}," in bib
        assert "  bdsk-url-1 = {https://harlow.example/study_guide/?a=1&b=2}" in bib


def test_a_bibdesk_link_that_is_the_only_address_is_the_url(session):
    document = _imported(session)
    assert document.url == "https://harlow.example/study_guide/?a=1&b=2"
    assert "https://harlow.example/study_guide/?a=1&b=2" in _out(
        session, "apa", document, output="text"
    )
    assert "  url = {https://harlow.example/study_guide/?a=1&b=2}," in _out(
        session, "bibtex", document
    )


def test_an_entry_with_its_own_url_keeps_it_beside_the_bibdesk_link(session):
    source = BIBDESK.replace("\tYear", "\tUrl = {https://codeplace.example/harlow},\n\tYear")
    importer.import_references(session, None, source.encode(), filename="refs.bib")
    session.commit()
    assert session.scalar(select(Document.url)) == "https://codeplace.example/harlow"


@needs_biber
def test_biber_reads_the_written_back_fields(session, tmp_path):
    document = _imported(session)
    log, read = _biber(_out(session, "biblatex", document), tmp_path)
    assert "ERROR" not in log and "Harlow Data Circle Study Guide" in read
