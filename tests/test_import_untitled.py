"""A BibTeX or CSL-JSON entry with no title is recorded under a description, with a note,
instead of refusing the whole file (as an untitled RIS record already was)."""

from __future__ import annotations

from io import BytesIO

from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.cli import main
from factdb.models import Document
from factdb.vocab import Role

#: A thesis's .bib: a web address noted with no title, a thesis cited by its author alone.
BIB = """@book{quill2019, author = {Quill, Mara}, title = {Tide tables of the north}, year = 2019}

@misc{harbourcam, howpublished = {\\url{https://harbour.example/cam}}, note = {Accessed 2021}}

@phdthesis{reyes2008, author = {Reyes, Tom}, school = {University of Skerry}, year = 2008}
"""

CSL = """[
  {"id": "a", "type": "book", "title": "Gull counts", "issued": {"date-parts": [[2004]]}},
  {"id": "b", "type": "dataset", "author": [{"family": "Vell", "given": "Oriane"}],
   "issued": {"date-parts": [[2011, 3, 4]]}}
]"""


def test_untitled_bibtex_entries_are_read_with_a_description_and_a_note():
    reading = importer.read(BIB, "bibtex")
    titles = [reference.document.title for reference in reading.references]
    assert titles == [
        "Tide tables of the north",
        "[Untitled web page]",
        "[Thesis by Tom Reyes, 2008]",
    ]
    thesis = reading.references[2]
    assert thesis.notes == ["the entry has no title: recorded as “[Thesis by Tom Reyes, 2008]”"]
    assert reading.skipped == []


def test_an_untitled_csl_json_item_is_read_with_a_description():
    reading = importer.read(CSL, "csl-json")
    assert [reference.document.title for reference in reading.references] == [
        "Gull counts",
        "[Dataset by Oriane Vell, 2011-03-04]",
    ]


def test_a_file_with_untitled_entries_is_imported_whole_and_again_matches(session):
    importer.import_references(session, None, BIB.encode(), filename="thesis.bib")
    session.commit()
    assert len(session.scalars(select(Document)).all()) == 3
    items, _ = importer.import_references(session, None, BIB.encode(), filename="thesis.bib")
    assert [item.action for item in items] == ["match"] * 3


def test_the_command_line_imports_untitled_entries_with_their_note(
    empty_database_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    path = tmp_path / "library.json"
    path.write_text(CSL)
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "note: the entry has no title: recorded as “[Dataset by Oriane Vell" in result.output
    assert "2 references: created 2" in result.output


def test_the_browser_preview_says_an_entry_had_no_title(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = auth.post(
        "/import",
        {"file": (BytesIO(BIB.encode()), "thesis.bib"), "format": ""},
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "the entry has no title: recorded as “[Thesis by Tom Reyes, 2008]”" in page
